// Inventory settings of the signed-in SSO session: which regions are searched (default: the SSO
// region and those ~/.aws/config names) and how bastions are recognised (a tag, default
// Role=bastion). The core keeps them and refreshes what they change; a value it refuses stays in
// the box with the reason beside it.
import { useEffect, useState, type FormEvent } from 'react';
import type { FumidaiClient } from '../../../../common/api';
import type { ErrorValue } from '../../../../common/api/errors';
import { RegionSchema } from '../../../../common/api/inventory';
import { useAuth } from '../../hooks/useAuth';
import { useInventoryPreferences } from '../../hooks/useInventoryPreferences';
import { useI18n } from '../../i18n/i18n';

/** Regions as typed: separated by spaces or commas. Returns the list, or the words that are not regions. */
export function parseRegions(text: string): { regions: string[] } | { invalid: string[] } {
  const words = text.split(/[\s,]+/).filter(Boolean);
  const invalid = words.filter((w) => !RegionSchema.safeParse(w).success);
  if (invalid.length > 0) return { invalid };
  return { regions: [...new Set(words)] };
}

export function InventorySettings({ client, onError }: { client: FumidaiClient; onError: (e: ErrorValue) => void }) {
  const { t } = useI18n();
  const auth = useAuth(client);
  const session = auth?.sessions.find((s) => s.state === 'signed-in');
  const { preferences, change } = useInventoryPreferences(client, session?.id, onError);
  const [regions, setRegions] = useState('');
  const [tagKey, setTagKey] = useState('');
  const [tagValue, setTagValue] = useState('');
  const [problem, setProblem] = useState<{ field: 'regions' | 'tag'; message: string } | undefined>(undefined);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!preferences) return;
    setRegions((preferences.regions ?? preferences.defaultRegions).join(', '));
    setTagKey(preferences.bastionTag.key);
    setTagValue(preferences.bastionTag.value);
  }, [preferences]);

  if (!session) {
    return (
      <section className="settings__section" aria-labelledby="settings-inventory">
        <h2 id="settings-inventory">{t('settings.inventory')}</h2>
        <p className="muted">{t('settings.inventory.signIn')}</p>
      </section>
    );
  }

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setProblem(undefined);
    const parsed = parseRegions(regions);
    if ('invalid' in parsed) return setProblem({ field: 'regions', message: t('settings.regions.invalid', { words: parsed.invalid.join(', ') }) });
    if (parsed.regions.length === 0) return setProblem({ field: 'regions', message: t('settings.regions.empty') });
    if (!tagKey.trim()) return setProblem({ field: 'tag', message: t('settings.bastionTag.empty') });
    const sameAsDefault = preferences && !preferences.regions && parsed.regions.join(',') === preferences.defaultRegions.join(',');
    const r = await change({ ...(sameAsDefault ? {} : { regions: parsed.regions }), bastionTag: { key: tagKey.trim(), value: tagValue.trim() } });
    if (!r.ok) return setProblem({ field: 'regions', message: r.message });
    setSaved(true);
  };

  const reset = async () => {
    setSaved(false);
    setProblem(undefined);
    const r = await change({ regions: null });
    if (!r.ok) setProblem({ field: 'regions', message: r.message });
  };

  return (
    <section className="settings__section" aria-labelledby="settings-inventory" data-testid="settings-inventory">
      <h2 id="settings-inventory">{t('settings.inventory')}</h2>
      <form onSubmit={(e) => void save(e)}>
        <label className="field">
          <span className="field__label">{t('settings.regions')}</span>
          <input
            type="text"
            data-testid="settings-regions"
            value={regions}
            spellCheck={false}
            aria-invalid={problem?.field === 'regions' ? true : undefined}
            aria-describedby="settings-regions-hint"
            onChange={(e) => setRegions(e.target.value)}
          />
          {problem?.field === 'regions' ? (
            <span id="settings-regions-hint" className="field__error" role="alert">
              {problem.message}
            </span>
          ) : (
            <span id="settings-regions-hint" className="field__hint">
              {preferences?.regions
                ? t('settings.regions.custom', { regions: preferences.defaultRegions.join(', ') })
                : t('settings.regions.default')}
            </span>
          )}
        </label>
        <div className="field">
          <span className="field__label">{t('settings.bastionTag')}</span>
          <div className="rule">
            <input type="text" aria-label={t('settings.bastionTag.key')} data-testid="settings-bastion-key" value={tagKey} maxLength={128} onChange={(e) => setTagKey(e.target.value)} aria-invalid={problem?.field === 'tag' ? true : undefined} />
            <span aria-hidden="true">=</span>
            <input type="text" aria-label={t('settings.bastionTag.value')} data-testid="settings-bastion-value" value={tagValue} maxLength={256} onChange={(e) => setTagValue(e.target.value)} />
          </div>
          {problem?.field === 'tag' ? (
            <span className="field__error" role="alert">
              {problem.message}
            </span>
          ) : (
            <span className="field__hint">{t('settings.bastionTag.hint')}</span>
          )}
        </div>
        <div className="signin__actions">
          <button type="submit" className="button button--primary" disabled={!preferences} data-testid="settings-inventory-save">
            {t('settings.inventory.save')}
          </button>
          {preferences?.regions && (
            <button type="button" className="button" onClick={() => void reset()}>
              {t('settings.regions.reset')}
            </button>
          )}
          {saved && (
            <span className="muted" role="status">
              {t('settings.inventory.saved')}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
