// The tray model kept current: rebuilt (with the pure buildTrayModel) whenever sign-ins, keys,
// terminals or shortcuts change, and once a minute so remaining times in the menu move. Listeners
// hear only real changes.
import type { SessionsSnapshot } from '../../common/api/auth';
import type { InstanceShortcuts } from '../../common/api/inventory';
import type { TerminalSummary } from '../../common/api/sessions';
import type { UpdateStatus } from '../../common/api/updates';
import { Emitter, type Event } from '../../common/event';
import { buildTrayModel, type TrayModel } from '../../common/tray/trayModel';
import type { CredentialInfo } from './expiryClock';

export interface TraySources {
  auth: { snapshot(): SessionsSnapshot; onDidChange: Event<SessionsSnapshot> };
  clock: { list(): CredentialInfo[]; onDidChange: Event<CredentialInfo[]> };
  terminals: { list(): TerminalSummary[]; onDidChange: Event<TerminalSummary> };
  shortcuts: { get(): Promise<InstanceShortcuts>; onDidChange: Event<InstanceShortcuts> };
  /** The update status (a downloaded version shows in the tray). */
  updates?: { status(): UpdateStatus; onDidChangeStatus: Event<UpdateStatus> };
  now?: () => number;
  /** How often the model is rebuilt anyway, for the countdowns (default one minute). */
  refreshMs?: number;
}

export class TrayModelSource {
  private shortcuts: InstanceShortcuts = { favorites: [], recents: [] };
  private current: TrayModel;
  private text = '';
  private readonly didChange = new Emitter<TrayModel>();
  readonly onDidChange: Event<TrayModel> = this.didChange.event;
  private readonly offs: Array<() => void>;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(private readonly sources: TraySources) {
    this.current = this.build();
    const update = () => this.update();
    this.offs = [
      sources.auth.onDidChange(update),
      sources.clock.onDidChange(update),
      sources.terminals.onDidChange(update),
      ...(sources.updates ? [sources.updates.onDidChangeStatus(update)] : []),
      sources.shortcuts.onDidChange((s) => {
        this.shortcuts = s;
        this.update();
      }),
    ];
    void sources.shortcuts.get().then((s) => {
      this.shortcuts = s;
      this.update();
    }, () => {});
    this.timer = setInterval(update, sources.refreshMs ?? 60_000);
    this.timer.unref?.();
  }

  get(): TrayModel {
    return this.current;
  }

  /** Rebuilds now (e.g. after the OS resumed from sleep). */
  update(): void {
    const next = this.build();
    const text = JSON.stringify(next);
    this.current = next;
    if (text === this.text) return;
    this.text = text;
    this.didChange.fire(next);
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const off of this.offs) off();
    this.didChange.dispose();
  }

  private build(): TrayModel {
    const names = new Map([...this.shortcuts.favorites, ...this.shortcuts.recents].map((h) => [h.instanceId, h.name]));
    return buildTrayModel({
      sessions: this.sources.auth.snapshot().sessions,
      keys: this.sources.clock.list().filter((c) => c.kind === 'ssh-key'),
      terminals: this.sources.terminals.list(),
      shortcuts: this.shortcuts,
      hostName: (id) => names.get(id),
      ...(this.sources.updates ? { update: this.sources.updates.status() } : {}),
      now: (this.sources.now ?? Date.now)(),
    });
  }
}
