// The core of the app, independent of how it is hosted. Electron's main process and the
// browser-mode host both call createCore() and then only connect transports to its dispatcher.
// New domains (auth, inventory, sessions, keys, alerts) are wired here and nowhere else.
import { appDomain } from '../common/api/app';
import { settingsDomain } from '../common/api/settings';
import { Dispatcher } from './ipc/dispatcher';
import { AppService, type HostPlatform } from './app/appService';
import { SettingsService } from './settings/settingsService';

export interface CoreOptions {
  configDir: string;
  version: string;
  host: HostPlatform;
  log?: (message: string) => void;
}

export interface Core {
  readonly dispatcher: Dispatcher;
  readonly settings: SettingsService;
  readonly app: AppService;
  dispose(): Promise<void>;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const log = options.log ?? (() => {});
  const settings = SettingsService.inDirectory(options.configDir);
  await settings.load();
  if (settings.loadProblem) log(settings.loadProblem.message);

  const app = new AppService(options.host, options.version, () => settings.get().externalLinkHosts);
  const dispatcher = new Dispatcher({ log });

  dispatcher.implement(appDomain, {
    getInfo: () => app.getInfo(),
    openExternal: ({ url }) => app.openExternal(url),
  });
  dispatcher.implement(settingsDomain, {
    get: () => settings.get(),
    update: (patch) => settings.update(patch),
  });
  const offSettings = settings.onDidChange((value) => dispatcher.emit(settingsDomain, 'onDidChange', value));

  return {
    dispatcher,
    settings,
    app,
    async dispose() {
      offSettings();
    },
  };
}
