// #11: every way to put HTML into a page is a lint error anywhere in the code base (renderer,
// common, main, tests alike), unless the value is a literal or passes through a sanitiser the
// no-unsanitized plugin recognises. Each sink below must be reported with the project's own
// configuration; the safe spellings must not be.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });
const SECURITY_RULES = new Set(['no-unsanitized/property', 'no-unsanitized/method', 'no-restricted-syntax', 'no-restricted-properties']);

async function securityErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = (result?.messages ?? []).filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`does not parse: ${fatal[0]!.message}`);
  return (result?.messages ?? []).filter((m) => m.ruleId !== null && SECURITY_RULES.has(m.ruleId)).map((m) => `${m.ruleId}: ${m.message}`);
}

const sinks: Array<[string, string]> = [
  ['innerHTML', 'export function f(el: HTMLElement, name: string) { el.innerHTML = name; }\n'],
  ['innerHTML +=', 'export function f(el: HTMLElement, name: string) { el.innerHTML += `<b>${name}</b>`; }\n'],
  ['outerHTML', 'export function f(el: HTMLElement, name: string) { el.outerHTML = name; }\n'],
  ['insertAdjacentHTML', "export function f(el: HTMLElement, name: string) { el.insertAdjacentHTML('beforeend', name); }\n"],
  ['document.write', 'export function f(name: string) { document.write(name); }\n'],
  ['document.writeln', 'export function f(name: string) { document.writeln(name); }\n'],
  ['document.write of a literal', "export function f() { document.write('<p>hi</p>'); }\n"],
  ['createContextualFragment', 'export function f(name: string) { return document.createRange().createContextualFragment(name); }\n'],
  ['dangerouslySetInnerHTML (JSX)', 'export const V = ({ html }: { html: string }) => <div dangerouslySetInnerHTML={{ __html: html }} />;\n'],
  ['dangerouslySetInnerHTML (props object)', "import { createElement } from 'react';\nexport const v = (html: string) => createElement('div', { dangerouslySetInnerHTML: { __html: html } });\n"],
];

describe('lint: HTML sinks', () => {
  for (const filePath of ['renderer/src/Bad.tsx', 'common/bad.tsx', 'main/browser/bad.tsx']) {
    it.each(sinks)(`${filePath}: rejects %s`, async (_name, code) => {
      expect(await securityErrors(filePath, code)).not.toEqual([]);
    });
  }

  it.each([
    ['textContent', 'export function f(el: HTMLElement, name: string) { el.textContent = name; }\n'],
    ['a literal innerHTML', "export function f(el: HTMLElement) { el.innerHTML = ''; }\n"],
    ['JSX text', 'export const V = ({ name }: { name: string }) => <div title={name}>{name}</div>;\n'],
    ['a dynamic import', "export const load = (name: 'a' | 'b') => import(`./${name}`);\n"],
  ])('renderer/src/Ok.tsx: allows %s', async (_name, code) => {
    expect(await securityErrors('renderer/src/Ok.tsx', code)).toEqual([]);
  });
});
