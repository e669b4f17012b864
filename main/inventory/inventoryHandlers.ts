// The inventory domain of the contract, implemented over InventoryService: what the composition
// root registers with the dispatcher, and the events it forwards.
import type { DomainHandlers } from '../../common/api/contract';
import type { InstanceShortcuts, inventoryDomain, InventorySnapshot, InventoryTargetLoaded } from '../../common/api/inventory';
import type { Disposer } from '../../common/event';
import type { InventoryService } from './inventoryService';
import type { InstanceShortcutsStore } from './instanceShortcuts';

export interface InventoryHandlerHooks {
  /** Before a full refresh the user asked for (e.g. re-read the regions in ~/.aws/config). */
  beforeRefresh?: () => Promise<void>;
}

export function inventoryHandlers(inventory: InventoryService, shortcuts: InstanceShortcutsStore, hooks: InventoryHandlerHooks = {}): DomainHandlers<typeof inventoryDomain> {
  return {
    list: async ({ sessionId, refresh }) => {
      if (refresh) await hooks.beforeRefresh?.();
      return inventory.list(sessionId, refresh);
    },
    refresh: async ({ sessionId, accountId, region }) => {
      if (!accountId && !region) await hooks.beforeRefresh?.();
      return inventory.refresh(sessionId, { ...(accountId ? { accountId } : {}), ...(region ? { region } : {}) });
    },
    detail: ({ sessionId, instanceId }) => inventory.detail(sessionId, instanceId),
    preferences: ({ sessionId }) => inventory.preferences(sessionId),
    setPreferences: ({ sessionId, roles, regions, bastionTag }) =>
      inventory.setPreferences(sessionId, { ...(roles ? { roles } : {}), ...(regions !== undefined ? { regions } : {}), ...(bastionTag ? { bastionTag } : {}) }),
    shortcuts: () => shortcuts.get(),
    setFavorite: ({ host, favorite }) => shortcuts.setFavorite(host, favorite),
  };
}

export interface InventoryEventSink {
  onDidChange(snapshot: InventorySnapshot): void;
  onDidLoadTarget(loaded: InventoryTargetLoaded): void;
  onDidChangeShortcuts(shortcuts: InstanceShortcuts): void;
}

/** Forwards the service's events (to `dispatcher.emit(inventoryDomain, …)`); returns the disposer. */
export function forwardInventoryEvents(inventory: InventoryService, shortcuts: InstanceShortcutsStore, sink: InventoryEventSink): Disposer {
  const a = inventory.onDidChange((s) => sink.onDidChange(s));
  const b = inventory.onDidLoadTarget((t) => sink.onDidLoadTarget(t));
  const c = shortcuts.onDidChange((v) => sink.onDidChangeShortcuts(v));
  return () => {
    a();
    b();
    c();
  };
}
