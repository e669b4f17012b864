// The stylesheet is flat CSS: every rule closed before the next one starts. An unclosed rule is
// not a syntax error any more — browsers read what follows as rules nested inside it, which then
// match nothing — so two lost closing braces once unstyled the status bar, the notification centre
// and the palette without any error. This keeps the structure checked.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Each rule's selector with the depth it opens at; at-rules (@media…) may hold rules. */
function ruleDepths(css: string): Array<{ selector: string; depth: number; line: number; inAtRule: boolean }> {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/"[^"\n]*"|'[^'\n]*'/g, (q) => q.replace(/[{}]/g, ' '));
  const out: Array<{ selector: string; depth: number; line: number; inAtRule: boolean }> = [];
  const stack: boolean[] = []; // true for an at-rule block
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{') {
      const selector = text.slice(start, i).trim();
      const line = text.slice(0, i).split('\n').length;
      out.push({ selector, depth: stack.length, line, inAtRule: stack.at(-1) === true });
      stack.push(selector.startsWith('@'));
      start = i + 1;
    } else if (ch === '}') {
      if (stack.length === 0) throw new Error(`unmatched } at line ${text.slice(0, i).split('\n').length}`);
      stack.pop();
      start = i + 1;
    } else if (ch === ';') start = i + 1;
  }
  if (stack.length > 0) throw new Error(`${stack.length} rule(s) never closed`);
  return out;
}

describe('app.css', () => {
  const css = readFileSync(new URL('./app.css', import.meta.url), 'utf8');

  it('closes every rule, and nests rules only inside at-rules', () => {
    const nested = ruleDepths(css).filter((r) => r.depth > 0 && !r.inAtRule && !r.selector.startsWith('@') && !/^(from|to|\d+%)/.test(r.selector));
    expect(nested.map((r) => `line ${r.line}: ${r.selector}`)).toEqual([]);
  });

  it('is checked by a test that catches a lost brace', () => {
    expect(() => ruleDepths('.a { color: red;\n.b { color: blue; }')).toThrow(/never closed/);
    const nested = ruleDepths('.a { color: red;\n.b { color: blue; }\n}');
    expect(nested.find((r) => r.selector === '.b')).toMatchObject({ depth: 1, inAtRule: false });
  });
});
