// Problems in ~/.aws/config, shown on the first-run screen and above the accounts: for every kind
// the English catalog says exactly what the CLI warns, and Japanese says it in Japanese.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_PROBLEM_CODES } from '../../common/api/auth';
import { readAwsConfigSessions } from '../../main/aws/ssoConfig';
import { configProblemText } from '../../renderer/src/views/FirstRun/configProblem';
import { createTranslator } from '../../renderer/src/i18n/i18n';

const dir = mkdtempSync(join(tmpdir(), 'fumidai-config-problems-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONFIG = [
  'region = x', // outside-section
  '[]', // empty-section
  '[profile a', // unclosed-section
  '[services s]',
  'ssm =',
  '  not a setting', // nested-expected
  '[sso-session acme]',
  'sso_start_url = https://d-1.awsapps.com/start',
  'sso_region = us-east-1',
  'junk', // expected-key-value
  '[sso-session half]', // session-incomplete
  'sso_region = us-east-1',
  '[profile broken]', // unknown-session
  'sso_session = nope',
  '[profile other]', // start-url-differs
  'sso_session = acme',
  'sso_start_url = https://d-2.awsapps.com/start',
  '[profile legacy]', // no-region
  'sso_start_url = https://d-3.awsapps.com/start',
  '[sso-session acme]', // duplicate-section
  '',
].join('\n');

describe('config problems in the window', () => {
  it('covers every kind: English equal to the CLI, Japanese its own', async () => {
    writeFileSync(join(dir, 'config'), CONFIG);
    const { problems } = await readAwsConfigSessions({ AWS_CONFIG_FILE: join(dir, 'config') });
    // A directory where the file should be: it cannot be read.
    const unreadable = await readAwsConfigSessions({ AWS_CONFIG_FILE: dir });
    const all = [...problems, ...unreadable.problems];
    expect(new Set(all.map((p) => p.code))).toEqual(new Set(CONFIG_PROBLEM_CODES));
    const en = createTranslator('en');
    const ja = createTranslator('ja');
    for (const p of all) {
      expect(configProblemText(en, p)).toBe(p.message);
      const text = configProblemText(ja, p);
      expect(text, p.code).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(text).not.toMatch(/\{\w+\}/);
    }
    const broken = all.find((p) => p.code === 'unknown-session')!;
    expect(configProblemText(ja, broken)).toBe(`${join(dir, 'config')} の 13 行目: プロファイル broken が参照している [sso-session nope] が存在しません`);
  });
});
