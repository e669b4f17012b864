// A person's sign-in, in real Chromium: the device-code page and the PKCE /authorize page, each
// followed by the token exchange with the real SDK client and a ListAccounts with the token.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { SSOOIDCClient, CreateTokenCommand, RegisterClientCommand, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { SSOClient, paginateListAccounts } from '@aws-sdk/client-sso';
import { startEmulator, type Emulator } from '../../../emulator';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.log(`browser sign-in: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH); only checking that the pages are served`);

let emu: Emulator;
let browser: Browser | undefined;

beforeAll(async () => {
  emu = await startEmulator({ ssh: false });
  if (haveChromium) browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await emu.close();
});

async function accountNames(accessToken: string): Promise<string[]> {
  const sso = new SSOClient({ region: emu.region, endpoint: emu.endpoint });
  const names: string[] = [];
  for await (const p of paginateListAccounts({ client: sso }, { accessToken })) names.push(...p.accountList!.map((a) => a.accountName!));
  return names.sort();
}

const ALICE_ACCOUNTS = ['acme-dev', 'acme-prod', 'acme-stg', 'log-archive', 'sandbox-alice', 'security'];

describe('sign-in pages in Chromium', () => {
  it('device code: the person enters the code, signs in, allows access; the client gets a token', async () => {
    const oidc = new SSOOIDCClient({ region: emu.region, endpoint: emu.endpoint });
    const reg = await oidc.send(new RegisterClientCommand({ clientName: 'browser-test', clientType: 'public', scopes: ['sso:account:access'] }));
    const auth = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: emu.startUrl }));
    if (!browser) {
      expect((await fetch(auth.verificationUri!)).status).toBe(200);
      return;
    }
    const page = await browser.newPage();
    try {
      // The plain verification URI: the person types the code themselves.
      await page.goto(auth.verificationUri!);
      await page.getByLabel('Code').fill(auth.userCode!);
      await page.getByLabel('Username').fill('alice');
      await page.getByLabel('Password').fill('wrong-password');
      await page.getByRole('button', { name: 'Allow access' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toBe('Incorrect user name or password.');
      await page.getByLabel('Password').fill('correct-horse-battery');
      await page.getByLabel('Username').fill('alice');
      await page.getByRole('button', { name: 'Allow access' }).click();
      await page.getByRole('heading', { name: 'Request approved' }).waitFor();
    } finally {
      await page.close();
    }
    const token = await oidc.send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: auth.deviceCode }));
    expect(await accountNames(token.accessToken!)).toEqual(ALICE_ACCOUNTS);
  }, 30_000);

  it('PKCE: /authorize signs in and redirects to the loopback callback with code and state', async () => {
    const callbacks: URLSearchParams[] = [];
    const loopback: Server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== '/oauth/callback') return void res.writeHead(404).end(); // e.g. the favicon
      callbacks.push(url.searchParams);
      res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Signed in. Return to the app.</h1>');
    });
    await new Promise<void>((r) => loopback.listen(0, '127.0.0.1', r));
    try {
      const port = (loopback.address() as AddressInfo).port;
      const oidc = new SSOOIDCClient({ region: emu.region, endpoint: emu.endpoint });
      const reg = await oidc.send(new RegisterClientCommand({ clientName: 'browser-test', clientType: 'public', grantTypes: ['authorization_code', 'refresh_token'], redirectUris: ['http://127.0.0.1/oauth/callback'], issuerUrl: emu.startUrl, scopes: ['sso:account:access'] }));
      const verifier = randomBytes(32).toString('base64url');
      const state = randomBytes(8).toString('hex');
      const redirectUri = `http://127.0.0.1:${port}/oauth/callback`;
      const authorizeUrl = `${reg.authorizationEndpoint}?${new URLSearchParams({ response_type: 'code', client_id: reg.clientId!, redirect_uri: redirectUri, state, code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256', scopes: 'sso:account:access' })}`;
      if (!browser) {
        expect((await fetch(authorizeUrl)).status).toBe(200);
        return;
      }
      const page = await browser.newPage();
      try {
        await page.goto(authorizeUrl);
        await page.getByLabel('Username').fill('alice');
        await page.getByLabel('Password').fill('correct-horse-battery');
        await page.getByRole('button', { name: 'Allow access' }).click();
        await page.getByRole('heading', { name: 'Signed in. Return to the app.' }).waitFor();
      } finally {
        await page.close();
      }
      expect(callbacks).toHaveLength(1);
      expect(callbacks[0]!.get('state')).toBe(state);
      const token = await oidc.send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: 'authorization_code', code: callbacks[0]!.get('code')!, codeVerifier: verifier, redirectUri }));
      expect(await accountNames(token.accessToken!)).toEqual(ALICE_ACCOUNTS);
    } finally {
      loopback.closeAllConnections();
      await new Promise<void>((r) => loopback.close(() => r()));
    }
  }, 30_000);
});
