// Settings → Start up: "Open Fumidai when I log in". The OS owns the answer (the user can change it
// in System Settings, Task Manager or by deleting the autostart entry), so it is read whenever this
// page opens and when the window comes back to the front; a change that fails shows why, and the
// checkbox returns to what the OS really has.
import { useCallback, useEffect, useState } from 'react';
import type { FumidaiClient } from '../../../../common/api';
import { useI18n } from '../../i18n/i18n';
import { changeLaunchAtLogin, launchAtLoginHint, readLaunchAtLogin, type LaunchAtLoginView } from './launchAtLogin';

export function StartupSettings({ client }: { client: FumidaiClient }) {
  const { t } = useI18n();
  const [view, setView] = useState<LaunchAtLoginView>({});
  /** The value clicked, shown while the OS is asked; then what the OS answers replaces it. */
  const [pending, setPending] = useState<boolean | undefined>(undefined);
  const refresh = useCallback(async () => setView(await readLaunchAtLogin(client)), [client]);
  useEffect(() => {
    void refresh();
    // Back from System Settings or Task Manager: show what the user changed there.
    const onFocus = () => void refresh();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [refresh]);

  const change = async (enabled: boolean) => {
    setPending(enabled);
    try {
      setView(await changeLaunchAtLogin(client, enabled));
    } finally {
      setPending(undefined);
    }
  };

  const state = view.state;
  return (
    <section className="settings__section" aria-labelledby="settings-startup" data-testid="settings-startup">
      <h2 id="settings-startup">{t('settings.startup')}</h2>
      <label className="field field--checkbox">
        <input
          type="checkbox"
          data-testid="settings-launch-at-login"
          checked={pending ?? state?.enabled ?? false}
          disabled={!state?.supported || pending !== undefined}
          aria-describedby="settings-launch-at-login-hint"
          onChange={(e) => void change(e.target.checked)}
        />
        <span>{t('settings.startup.launchAtLogin')}</span>
      </label>
      {state && (
        <p id="settings-launch-at-login-hint" className="field__hint" data-testid="settings-launch-at-login-hint">
          {t(launchAtLoginHint(state))}
        </p>
      )}
      {view.problem && (
        <p className="field__error" role="alert" data-testid="settings-launch-at-login-error">
          {view.problem}
        </p>
      )}
    </section>
  );
}
