// Every domain of the contract. Later features add theirs here (auth, inventory, sessions, keys,
// alerts); preload, the browser bridge and main's dispatcher all read this one list.
import { appDomain } from './app';
import { settingsDomain } from './settings';
import { authDomain } from './auth';
import { accountsDomain } from './accounts';
import { sessionsDomain } from './sessions';
import { inventoryDomain } from './inventory';
import { forwardsDomain } from './forwards';
import { historyDomain } from './history';
import { keysDomain } from './keys';
import { alertsDomain } from './alerts';
import { setupDomain } from './setup';
import { updatesDomain } from './updates';
import { desktopDomain } from './desktop';
import type { ClientOf } from './client';

export const DOMAINS = [appDomain, settingsDomain, authDomain, accountsDomain, inventoryDomain, sessionsDomain, forwardsDomain, historyDomain, keysDomain, alertsDomain, setupDomain, updatesDomain, desktopDomain] as const;

/** The API the renderer sees as `window.fumidai`. */
export type FumidaiClient = ClientOf<typeof DOMAINS>;

export { appDomain, settingsDomain, authDomain, accountsDomain, inventoryDomain, sessionsDomain, forwardsDomain, historyDomain, keysDomain, alertsDomain, setupDomain, updatesDomain, desktopDomain };
export * from './errors';
export type { Domain, DomainHandlers, CallContext, ByteSource, StreamEnd, StreamHandle, StreamSink, Unsubscribe } from './contract';
