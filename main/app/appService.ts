// The `app` domain: what is running, and opening links in the user's browser through the
// allow-list (security checklist #15). The host (Electron or browser mode) supplies the actual
// "open in browser" capability; this service decides whether a URL may be opened at all.
import type { AppInfo } from '../../common/api/app';
import { FumidaiError } from '../../common/api/errors';
import { checkExternalUrl } from '../../common/externalLinks';

export interface HostPlatform {
  kind: 'electron' | 'browser';
  /** Opens a URL in the user's default browser (shell.openExternal, or the OS opener). */
  openExternal(url: string): Promise<void>;
  osLocale(): string;
}

export class AppService {
  constructor(
    private readonly host: HostPlatform,
    private readonly version: string,
    private readonly extraLinkHosts: () => readonly string[],
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  getInfo(): AppInfo {
    const p = this.platform;
    return {
      name: 'Fumidai',
      version: this.version,
      platform: p === 'darwin' || p === 'linux' || p === 'win32' ? p : 'other',
      host: this.host.kind,
      osLocale: this.host.osLocale(),
    };
  }

  async openExternal(url: string): Promise<{ opened: true }> {
    const verdict = checkExternalUrl(url, this.extraLinkHosts());
    if (!verdict.allowed) throw new FumidaiError('Forbidden', `Fumidai did not open this link: ${verdict.reason}.`);
    await this.host.openExternal(verdict.url);
    return { opened: true };
  }
}
