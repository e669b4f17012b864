// Settings: every control reads and writes through the contract; a value the core rejects shows
// its error and the control returns to the stored value. A font size typed out of range stays in
// the box with the reason beside it, so the user can correct it rather than retype it.
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../../common/api/app';
import type { Settings, SettingsPatch } from '../../../../common/api/settings';
import type { ErrorValue, Result } from '../../../../common/api/errors';
import type { FumidaiClient } from '../../../../common/api';
import { useI18n } from '../../i18n/i18n';
import { EnvironmentRules } from './EnvironmentRules';
import { InventorySettings } from './InventorySettings';
import { RecordingSettings } from './RecordingSettings';
import { AlertSettings } from './AlertSettings';
import { SshKeySettings } from './SshKeySettings';
import { SshHostKeys } from './SshHostKeys';
import { UpdateSettings } from './UpdateSettings';
import { StartupSettings } from './StartupSettings';

interface Props {
  settings: Settings;
  appInfo: AppInfo | undefined;
  onChange: (patch: SettingsPatch) => Promise<Result<Settings>>;
  /** For the settings the core keeps per SSO session (the inventory's regions and bastion tag). */
  client?: FumidaiClient;
  onError?: (e: ErrorValue) => void;
  /** Bumped when the tray or a notification asks for the Updates section. */
  updatesFocus?: number;
}

const FONT_MIN = 8;
const FONT_MAX = 32;

export function SettingsView({ settings, appInfo, onChange, client, onError, updatesFocus }: Props) {
  const { t } = useI18n();
  const [fontSize, setFontSize] = useState(String(settings.terminal.fontSize));
  const [fontSizeError, setFontSizeError] = useState<string | undefined>(undefined);
  useEffect(() => {
    setFontSize(String(settings.terminal.fontSize));
    setFontSizeError(undefined);
  }, [settings.terminal.fontSize]);
  const systemLanguage = (appInfo?.osLocale ?? navigator.language).toLowerCase().startsWith('ja') ? t('settings.language.ja') : t('settings.language.en');

  const commitFontSize = async () => {
    const text = fontSize.trim();
    const n = Number(text);
    if (text === '' || !Number.isInteger(n) || n < FONT_MIN || n > FONT_MAX) {
      setFontSizeError(t('settings.fontSize.invalid', { min: FONT_MIN, max: FONT_MAX }));
      return;
    }
    setFontSizeError(undefined);
    if (n === settings.terminal.fontSize) return;
    const r = await onChange({ terminal: { fontSize: n } });
    if (!r.ok) setFontSizeError(r.message);
  };

  return (
    <div className="settings">
      <section className="settings__section" aria-labelledby="settings-appearance">
        <h2 id="settings-appearance">{t('settings.appearance')}</h2>
        <label className="field">
          <span className="field__label">{t('settings.language')}</span>
          <select
            data-testid="settings-language"
            value={settings.language}
            onChange={(e) => void onChange({ language: e.target.value as Settings['language'] })}
          >
            <option value="system">{t('settings.language.system', { language: systemLanguage })}</option>
            <option value="en">{t('settings.language.en')}</option>
            <option value="ja">{t('settings.language.ja')}</option>
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('settings.theme')}</span>
          <select data-testid="settings-theme" value={settings.theme} onChange={(e) => void onChange({ theme: e.target.value as Settings['theme'] })}>
            <option value="system">{t('settings.theme.system')}</option>
            <option value="light">{t('settings.theme.light')}</option>
            <option value="dark">{t('settings.theme.dark')}</option>
          </select>
        </label>
        <label className="field field--checkbox">
          <input type="checkbox" checked={settings.terminal.clipboardWrite} onChange={(e) => void onChange({ terminal: { clipboardWrite: e.target.checked } })} />
          <span>{t('settings.clipboardWrite')}</span>
        </label>
      </section>

      <section className="settings__section" aria-labelledby="settings-terminal">
        <h2 id="settings-terminal">{t('settings.terminal')}</h2>
        <label className="field">
          <span className="field__label">{t('settings.fontSize')}</span>
          <input
            data-testid="settings-font-size"
            type="number"
            min={FONT_MIN}
            max={FONT_MAX}
            value={fontSize}
            aria-invalid={fontSizeError ? true : undefined}
            aria-describedby="settings-font-size-hint"
            onChange={(e) => setFontSize(e.target.value)}
            onBlur={() => void commitFontSize()}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void commitFontSize();
              if (e.key === 'Escape') {
                setFontSize(String(settings.terminal.fontSize));
                setFontSizeError(undefined);
              }
            }}
          />
          {fontSizeError ? (
            <span id="settings-font-size-hint" className="field__error" role="alert" data-testid="settings-font-size-error">
              {fontSizeError}
            </span>
          ) : (
            <span id="settings-font-size-hint" className="field__hint">
              {t('settings.fontSize.hint', { min: FONT_MIN, max: FONT_MAX })}
            </span>
          )}
        </label>
        <label className="field">
          <span className="field__label">{t('settings.scrollback')}</span>
          <select value={settings.terminal.scrollback} onChange={(e) => void onChange({ terminal: { scrollback: Number(e.target.value) } })}>
            {[1000, 5000, 10000, 50000, 100000].map((n) => (
              <option key={n} value={n}>
                {n.toLocaleString()}
              </option>
            ))}
          </select>
        </label>
      </section>

      <section className="settings__section" aria-labelledby="settings-behaviour">
        <h2 id="settings-behaviour">{t('settings.behaviour')}</h2>
        <label className="field field--checkbox">
          <input type="checkbox" checked={settings.keepRunningInTray} onChange={(e) => void onChange({ keepRunningInTray: e.target.checked })} />
          <span>{t('settings.keepRunningInTray')}</span>
        </label>
      </section>

      {client && <StartupSettings client={client} />}

      <EnvironmentRules rules={settings.environmentRules} onChange={(environmentRules) => onChange({ environmentRules })} />

      <RecordingSettings recording={settings.recording} onChange={onChange} />

      <AlertSettings alerts={settings.alerts} onChange={onChange} {...(client && onError ? { client, onError } : {})} />

      <SshKeySettings sshKeys={settings.sshKeys} onChange={onChange} />

      {client && onError && <SshHostKeys client={client} onError={onError} />}

      {client && onError && <InventorySettings client={client} onError={onError} />}

      {client && onError && <UpdateSettings updates={settings.updates} onChange={onChange} client={client} onError={onError} focusRequest={updatesFocus} />}

      {appInfo && (
        <section className="settings__section" aria-labelledby="settings-about">
          <h2 id="settings-about">{t('settings.about')}</h2>
          <p className="muted">
            {t('settings.version', { version: appInfo.version, host: appInfo.host === 'electron' ? t('settings.host.electron') : t('settings.host.browser') })}
          </p>
        </section>
      )}
    </div>
  );
}
