// A reader for the AWS shared config/credentials format as botocore reads it: `[section]`
// headers, `key = value` lines, comment lines starting with # or ;, and indented continuation
// lines that form a nested block (`ssm =\n  endpoint_url = …` in [services x]). Problems are
// reported with their line number instead of aborting, so one bad line never hides the rest.

import type { ConfigProblemCode } from '../../common/api/auth';
import { configProblemDetailInEnglish } from '../../common/configProblems';

export interface IniSection {
  /** The text inside the brackets, trimmed: "profile dev", "sso-session acme", "default". */
  name: string;
  line: number;
  values: Map<string, string>;
  /** Nested blocks, e.g. services sections: "ssm" → { endpoint_url → … }. */
  nested: Map<string, Map<string, string>>;
}

export interface IniProblem {
  line: number;
  /** In English (the message), and as a code with its parameters for the window. */
  message: string;
  code: ConfigProblemCode;
  params: Record<string, string>;
}

export interface IniDocument {
  sections: IniSection[];
  problems: IniProblem[];
}

function problem(line: number, code: ConfigProblemCode, params: Record<string, string> = {}): IniProblem {
  return { line, message: configProblemDetailInEnglish(code, params), code, params };
}

export function parseIni(text: string): IniDocument {
  const sections: IniSection[] = [];
  const problems: IniDocument['problems'] = [];
  let current: IniSection | undefined;
  let lastKey: string | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (/^\s*([#;].*)?$/.test(raw)) return; // blank or comment
    const header = /^\s*\[([^\]]*)\]\s*([#;].*)?$/.exec(raw);
    if (header) {
      const name = header[1]!.trim().replace(/\s+/g, ' ');
      if (!name) {
        problems.push(problem(line, 'empty-section'));
        current = undefined;
        return;
      }
      if (sections.some((s) => s.name === name)) problems.push(problem(line, 'duplicate-section', { section: name }));
      current = { name, line, values: new Map(), nested: new Map() };
      if (!sections.some((s) => s.name === name)) sections.push(current);
      lastKey = undefined;
      return;
    }
    if (/^\s*\[/.test(raw)) {
      problems.push(problem(line, 'unclosed-section'));
      current = undefined;
      return;
    }
    const indented = /^\s+\S/.test(raw);
    const kv = /^\s*([^=\s][^=]*?)\s*=\s*(.*?)\s*$/.exec(raw);
    if (!current) {
      problems.push(problem(line, 'outside-section'));
      return;
    }
    if (indented && lastKey !== undefined && current.values.get(lastKey) === '') {
      if (!kv) {
        problems.push(problem(line, 'nested-expected'));
        return;
      }
      let block = current.nested.get(lastKey);
      if (!block) current.nested.set(lastKey, (block = new Map()));
      block.set(kv[1]!.toLowerCase(), kv[2]!);
      return;
    }
    if (!kv) {
      problems.push(problem(line, 'expected-key-value'));
      return;
    }
    lastKey = kv[1]!.toLowerCase();
    current.values.set(lastKey, kv[2]!);
  });
  return { sections, problems };
}
