// The preload: exposes the contract's named functions as `window.fumidai` and nothing else
// (checklist #20: never raw ipcRenderer). It is bundled as one self-contained CommonJS file —
// sandboxed preloads can neither be ES modules nor require anything but `electron`.
import { contextBridge, ipcRenderer } from 'electron';
import { createClient } from '../common/api/client';
import { DOMAINS } from '../common/api';
import { contractChannels, createIpcTransport } from './ipcTransport';

contextBridge.exposeInMainWorld('fumidai', createClient(DOMAINS, createIpcTransport(ipcRenderer, contractChannels(DOMAINS))));
