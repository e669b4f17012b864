// Settings: every control reads and writes through the contract; a value the core rejects shows
// its error and the control returns to the stored value.
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../../common/api/app';
import type { Settings, SettingsPatch } from '../../../../common/api/settings';
import { useI18n } from '../../i18n/i18n';
import { EnvironmentRules } from './EnvironmentRules';

interface Props {
  settings: Settings;
  appInfo: AppInfo | undefined;
  onChange: (patch: SettingsPatch) => Promise<unknown>;
}

const FONT_MIN = 8;
const FONT_MAX = 32;

export function SettingsView({ settings, appInfo, onChange }: Props) {
  const { t } = useI18n();
  const [fontSize, setFontSize] = useState(String(settings.terminal.fontSize));
  useEffect(() => setFontSize(String(settings.terminal.fontSize)), [settings.terminal.fontSize]);
  const systemLanguage = (appInfo?.osLocale ?? navigator.language).toLowerCase().startsWith('ja') ? t('settings.language.ja') : t('settings.language.en');

  const commitFontSize = () => {
    const n = Number(fontSize);
    if (Number.isInteger(n) && n >= FONT_MIN && n <= FONT_MAX) void onChange({ terminal: { fontSize: n } });
    else setFontSize(String(settings.terminal.fontSize));
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
            onChange={(e) => setFontSize(e.target.value)}
            onBlur={commitFontSize}
            onKeyDown={(e) => e.key === 'Enter' && commitFontSize()}
          />
          <span className="field__hint">{t('settings.fontSize.hint', { min: FONT_MIN, max: FONT_MAX })}</span>
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

      <EnvironmentRules rules={settings.environmentRules} onChange={(environmentRules) => onChange({ environmentRules })} />

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
