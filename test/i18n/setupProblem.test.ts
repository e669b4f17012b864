// First-run and add-session mistakes in the window's language: for every problem the core names,
// the English catalog says exactly the core's sentence (which the CLI and logs keep), and Japanese
// says it in Japanese with every parameter filled.
import { describe, expect, it } from 'vitest';
import { FumidaiError, toErrorValue } from '../../common/api/errors';
import { validateSsoSession } from '../../main/aws/ssoConfig';
import { checkStartUrl, type ProbeOidc } from '../../main/setup/startUrlProbe';
import { setupProblemText } from '../../renderer/src/views/FirstRun/setupProblem';
import { createTranslator } from '../../renderer/src/i18n/i18n';

const en = createTranslator('en');
const ja = createTranslator('ja');

const refusing = (error: FumidaiError): ProbeOidc => ({
  registerClient: async () => {
    if (error.code === 'Network') throw error;
    return { clientId: 'c', clientSecret: 's', expiresAt: Date.now() + 60_000, scopes: [] };
  },
  startDeviceAuthorization: async () => {
    throw error;
  },
});

async function problem(run: () => unknown): Promise<ReturnType<typeof toErrorValue>> {
  try {
    await run();
  } catch (e) {
    return toErrorValue(e);
  }
  throw new Error('expected a refusal');
}

const cases: [string, string, () => unknown][] = [
  ['not a URL', 'not-a-url', () => validateSsoSession('https://exa mple.com:99999', 'us-east-1')],
  ['not https', 'not-https', () => validateSsoSession('ftp://d-1234567890.awsapps.com/start', 'us-east-1')],
  ['no /start', 'no-start-path', () => validateSsoSession('https://d-1234567890.awsapps.com/strat', 'us-east-1')],
  ['not a region', 'bad-region', () => validateSsoSession('https://d-1234567890.awsapps.com/start', 'tokyo')],
  ['unreachable', 'unreachable', () => checkStartUrl(() => refusing(new FumidaiError('Network', 'getaddrinfo ENOTFOUND')), { startUrl: 'https://d-1234567890.awsapps.com/start', region: 'eu-south-9' })],
  ['unknown, on awsapps.com', 'unknown-start-url', () => checkStartUrl(() => refusing(new FumidaiError('InvalidConfig', 'rejected')), { startUrl: 'https://d-1234567809.awsapps.com/start', region: 'us-east-1' })],
  ['unknown, own domain', 'unknown-start-url', () => checkStartUrl(() => refusing(new FumidaiError('InvalidConfig', 'rejected')), { startUrl: 'https://sso.example.com/start', region: 'us-east-1' })],
];

describe('setup problems in the window', () => {
  it.each(cases)('%s (%s): English is the core sentence, Japanese its own', async (_name, code, run) => {
    const e = await problem(run);
    expect(e.details?.problem).toBe(code);
    expect(setupProblemText(en, e)).toBe(e.message);
    const text = setupProblemText(ja, e);
    expect(text).not.toBe(e.message);
    expect(text).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(text).not.toMatch(/\{\w+\}/);
  });

  it('says the exact Japanese, and keeps the core words for a problem it has no code for', async () => {
    const typo = await problem(cases[5]![2]);
    expect(setupProblemText(ja, typo)).toContain('.awsapps.com の前の部分（d-1234567809）を確認してください');
    expect(setupProblemText(ja, await problem(cases[2]![2]))).toBe('awsapps.com のスタート URL は /start で終わります。https://d-1234567890.awsapps.com/start ではありませんか？');
    expect(setupProblemText(ja, { message: 'A session named corp already exists.' })).toBe('A session named corp already exists.');
    // Parameters of the wrong type are not trusted to fill the sentence.
    expect(setupProblemText(ja, { message: 'core words', details: { problem: 'bad-region', value: 42 } })).toBe('core words');
  });
});
