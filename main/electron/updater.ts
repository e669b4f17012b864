// electron-updater behind the core's UpdaterPort. The library picks the installer kind (AppImage,
// deb, dmg via Squirrel, NSIS) and verifies each download against the feed's sha512 (and, on
// Windows, the publisher's signature); this adapter only points it at the feed, maps its results,
// and keeps its own restart-on-quit behaviour: a downloaded version installs when the user quits.
import type { AppUpdater, ProgressInfo } from 'electron-updater';
import type { UpdateUnavailableReason } from '../../common/api/updates';
import type { CheckCallbacks, UpdaterPort } from '../updates/updateService';

/** The part of electron-updater's AppUpdater this adapter uses (a fake stands in for it in tests). */
export type UpdaterLike = Pick<AppUpdater, 'autoDownload' | 'autoInstallOnAppQuit' | 'allowDowngrade' | 'allowPrerelease' | 'logger' | 'setFeedURL' | 'isUpdaterActive' | 'checkForUpdates' | 'quitAndInstall'> & {
  on(event: 'download-progress', listener: (info: ProgressInfo) => void): unknown;
  removeListener(event: 'download-progress', listener: (info: ProgressInfo) => void): unknown;
};

export function electronUpdaterPort(updater: UpdaterLike, log: (message: string) => void): UpdaterPort {
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  // Only ever forward: a feed that offers an older or pre-release version is not followed.
  updater.allowDowngrade = false;
  updater.allowPrerelease = false;
  updater.logger = { info: (m: unknown) => log(`updater: ${String(m)}`), warn: (m: unknown) => log(`updater: ${String(m)}`), error: (m: unknown) => log(`updater: ${String(m)}`) };
  // electron-updater is off when unpacked, in a snap, or for a Linux copy that is neither an
  // AppImage nor a deb/rpm/pacman install: say so instead of checking for nothing. That cannot
  // change while the app runs, and the library logs a warning on every ask, so ask once.
  let inactive: boolean | undefined;
  return {
    unavailable: () => {
      inactive ??= !updater.isUpdaterActive();
      return inactive ? 'not-installable' : undefined;
    },
    setFeedUrl: (url) => updater.setFeedURL({ provider: 'generic', url }),
    async checkAndDownload(cb: CheckCallbacks): Promise<string | null> {
      const result = await updater.checkForUpdates();
      if (!result || !result.isUpdateAvailable) return null;
      const version = result.updateInfo.version;
      cb.onAvailable(version);
      const progress = (info: ProgressInfo) => cb.onProgress(info.percent);
      updater.on('download-progress', progress);
      try {
        // With autoDownload the check has started the download; a failed checksum rejects here.
        await result.downloadPromise;
      } finally {
        updater.removeListener('download-progress', progress);
      }
      return version;
    },
    // Silent on Windows (the NSIS installer runs without its wizard) and start the new version after.
    quitAndInstall: () => updater.quitAndInstall(true, true),
  };
}

/** A copy run from a source checkout: nothing to update, and the UI says why. */
export function unavailableUpdaterPort(reason: UpdateUnavailableReason): UpdaterPort {
  const refusal = () => new Error(`updates are unavailable: ${reason}`);
  return {
    unavailable: () => reason,
    setFeedUrl: () => {},
    checkAndDownload: () => Promise.reject(refusal()),
    quitAndInstall: () => {
      throw refusal();
    },
  };
}

/**
 * The updater for this run: electron-updater in an installed app (loaded only then — it is not
 * needed for anything else), the "development build" answer when run from a checkout.
 */
export async function loadUpdaterPort(
  app: { isPackaged: boolean },
  log: (message: string) => void,
  load: () => Promise<{ autoUpdater: UpdaterLike }> = async () => (await import('electron-updater')).default,
): Promise<UpdaterPort> {
  if (!app.isPackaged) return unavailableUpdaterPort('development');
  return electronUpdaterPort((await load()).autoUpdater, log);
}
