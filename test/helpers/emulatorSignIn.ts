// Signs in to the emulator the way a person would: start the device flow with the real SDK
// client, approve the code on the emulator's page (a form POST), then take the token.
import { SSOOIDCClient, RegisterClientCommand, StartDeviceAuthorizationCommand, CreateTokenCommand } from '@aws-sdk/client-sso-oidc';
import type { Emulator } from '../../emulator';

export async function approveDeviceCode(endpoint: string, userCode: string, username = 'alice', password = 'correct-horse-battery', decision = 'approve'): Promise<Response> {
  return fetch(`${endpoint}/device`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ user_code: userCode, username, password, decision }).toString(),
  });
}

export async function signInWithDeviceCode(emu: Emulator, username = 'alice'): Promise<{ accessToken: string; refreshToken?: string; clientId: string; clientSecret: string }> {
  const oidc = new SSOOIDCClient({ region: emu.region, endpoint: emu.endpoint });
  const reg = await oidc.send(new RegisterClientCommand({ clientName: 'test', clientType: 'public', scopes: ['sso:account:access'] }));
  const auth = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: emu.startUrl }));
  const password = emu.users.find((u) => u.username === username)!.password;
  const page = await approveDeviceCode(emu.endpoint, auth.userCode!, username, password);
  if (!page.ok) throw new Error(`approval failed: ${page.status}`);
  const token = await oidc.send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: auth.deviceCode }));
  return { accessToken: token.accessToken!, refreshToken: token.refreshToken, clientId: reg.clientId!, clientSecret: reg.clientSecret! };
}
