// The i18n layer: typed message keys, {name} interpolation, plural forms through Intl.PluralRules,
// and a React context so a language switch re-renders everything at once. No library needed for
// two catalogs; every user-visible string goes through `t`.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { en, type MessageKey } from './en';
import { ja } from './ja';

export type Locale = 'en' | 'ja';
type Message = string | { one?: string; other: string };

const CATALOGS: Record<Locale, Record<MessageKey, Message>> = { en, ja };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function resolveLocale(setting: 'system' | Locale, osLocale: string | undefined): Locale {
  if (setting !== 'system') return setting;
  return (osLocale ?? '').toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export function createTranslator(locale: Locale, catalog: Record<string, Message> = CATALOGS[locale]): Translate {
  const plurals = new Intl.PluralRules(locale);
  return (key, params = {}) => {
    const message = catalog[key] ?? (en as Record<string, Message>)[key] ?? key;
    let text: string;
    if (typeof message === 'string') text = message;
    else {
      const count = Number(params.count ?? 0);
      const form = plurals.select(count) as 'one' | 'other';
      text = (form === 'one' ? message.one : undefined) ?? message.other;
    }
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}

interface I18nValue {
  locale: Locale;
  t: Translate;
}

const I18nContext = createContext<I18nValue>({ locale: 'en', t: createTranslator('en') });

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => ({ locale, t: createTranslator(locale) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  return useContext(I18nContext);
}

export type { MessageKey };
