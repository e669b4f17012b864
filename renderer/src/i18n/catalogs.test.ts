// Catalog hygiene: both languages have exactly the same keys, every key the source uses exists,
// and no key sits unused in the catalogs.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { en } from './en';
import { ja } from './ja';
import { createTranslator, resolveLocale } from './i18n';

const srcDir = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) && !/i18n[/\\](en|ja)\.ts$/.test(p) ? [p] : [];
  });
}

const source = sourceFiles(srcDir).map((f) => readFileSync(f, 'utf8')).join('\n');
// t('key'), t("key"), and keys written as string literals that look like catalog keys (passed around as MessageKey).
const referenced = new Set([...source.matchAll(/['"`]([a-z][a-zA-Z]*(?:\.[a-zA-Z0-9{}]+)+)['"`]/g)].map((m) => m[1]!));
const dynamicPrefixes = [...source.matchAll(/`([a-z][a-zA-Z]*(?:\.[a-zA-Z]+)*\.)\$\{/g)].map((m) => m[1]!);

describe('message catalogs', () => {
  it('have the same keys in English and Japanese', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });

  it('translate every key into Japanese (no English left behind except names)', () => {
    const allowedSame = new Set(['app.name', 'settings.language.en', 'settings.language.ja', 'instances.route.ssm']);
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      if (allowedSame.has(key)) continue;
      expect(JSON.stringify(ja[key]), key).not.toBe(JSON.stringify(en[key]));
    }
  });

  it('contain every key the renderer uses', () => {
    const missing = [...referenced].filter((k) => k.split('.')[0] && Object.keys(en).some((c) => c.startsWith(`${k.split('.')[0]}.`)) && !(k in en));
    expect(missing).toEqual([]);
  });

  it('contain every key passed to t(...) literally, and something for every dynamic t(`prefix.${x}`)', () => {
    const called = [...source.matchAll(/\bt\(\s*(['"])([^'"]+)\1/g)].map((m) => m[2]!);
    expect(called.length).toBeGreaterThan(20); // the scan itself works
    expect(called.filter((k) => !(k in en) || !(k in ja))).toEqual([]);
    const dynamic = [...source.matchAll(/\bt\(\s*`([^`$]*)\$\{/g)].map((m) => m[1]!);
    expect(dynamic.filter((prefix) => !Object.keys(en).some((k) => k.startsWith(prefix)))).toEqual([]);
  });

  it('contain no unused keys', () => {
    const unused = Object.keys(en).filter((k) => !referenced.has(k) && !dynamicPrefixes.some((p) => k.startsWith(p)));
    expect(unused).toEqual([]);
  });

  it('interpolates and pluralises', () => {
    const t = createTranslator('en');
    expect(t('settings.version', { version: '1.0', host: 'x' })).toBe('Version 1.0 (x)');
    const plural = { n: { one: '{count} account', other: '{count} accounts' } };
    expect(createTranslator('en', plural)('n' as never, { count: 1 })).toBe('1 account');
    expect(createTranslator('en', plural)('n' as never, { count: 3 })).toBe('3 accounts');
    expect(createTranslator('ja', { n: { other: '{count} 件' } })('n' as never, { count: 1 })).toBe('1 件');
  });

  it('follows the OS locale for "system"', () => {
    expect(resolveLocale('system', 'ja-JP')).toBe('ja');
    expect(resolveLocale('system', 'en-GB')).toBe('en');
    expect(resolveLocale('en', 'ja-JP')).toBe('en');
  });
});
