// The rest of the control plane through the real SDK v3 clients: the PKCE grant, the SDK's own SSO
// providers, Parameter Store in bulk, SSM filters, CloudTrail by user, session resume, clock skew,
// token expiry by the clock, injected faults, and signed requests the SDKs would never send.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { SSOOIDCClient, CreateTokenCommand, RegisterClientCommand } from '@aws-sdk/client-sso-oidc';
import { SSOClient, GetRoleCredentialsCommand, ListAccountsCommand, paginateListAccounts } from '@aws-sdk/client-sso';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { EC2Client, DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { SSMClient, DescribeInstanceInformationCommand, DescribeSessionsCommand, GetParametersByPathCommand, GetParametersCommand, ResumeSessionCommand, StartSessionCommand, TerminateSessionCommand } from '@aws-sdk/client-ssm';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { fromSSO } from '@aws-sdk/credential-providers';
import { fromSso } from '@aws-sdk/token-providers';
import ssh2, { type ParsedKey } from 'ssh2';
import { startEmulator, type Emulator } from '../../../emulator';
import { signInWithDeviceCode } from '../../helpers/emulatorSignIn';

let emu: Emulator;
let token: string;

beforeAll(async () => {
  emu = await startEmulator({ ssh: false });
  token = (await signInWithDeviceCode(emu)).accessToken;
});
afterAll(async () => {
  await emu.close();
});

type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken: string };

async function credsFor(accountId: string, roleName: string, accessToken = token): Promise<Creds> {
  const sso = new SSOClient({ region: emu.region, endpoint: emu.endpoint });
  const c = (await sso.send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName }))).roleCredentials!;
  return { accessKeyId: c.accessKeyId!, secretAccessKey: c.secretAccessKey!, sessionToken: c.sessionToken! };
}

const client = <T>(Ctor: new (cfg: object) => T, credentials: Creds, extra: object = {}) => new Ctor({ region: 'ap-northeast-1', endpoint: emu.endpoint, credentials, maxAttempts: 1, ...extra });

/** The authorization-code request a PKCE client sends, answered by a form POST as the page does. */
async function authorize(clientId: string, redirectUri: string, challenge: string, form: Record<string, string>): Promise<Response> {
  const params = { response_type: 'code', client_id: clientId, redirect_uri: redirectUri, state: 'st-123', code_challenge: challenge, code_challenge_method: 'S256', scopes: 'sso:account:access' };
  return fetch(`${emu.endpoint}/authorize`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...params, ...form }).toString() });
}

describe('authorization-code grant with PKCE', () => {
  it('redirects to any loopback port with code and state, checks the verifier, and refuses a replayed code', async () => {
    const oidc = new SSOOIDCClient({ region: emu.region, endpoint: emu.endpoint });
    const reg = await oidc.send(new RegisterClientCommand({ clientName: 'pkce', clientType: 'public', grantTypes: ['authorization_code', 'refresh_token'], redirectUris: ['http://127.0.0.1/oauth/callback'], issuerUrl: emu.startUrl, scopes: ['sso:account:access'] }));
    expect(reg).toMatchObject({ authorizationEndpoint: `${emu.endpoint}/authorize`, tokenEndpoint: `${emu.endpoint}/token` });
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirectUri = 'http://127.0.0.1:54321/oauth/callback';

    const page = await fetch(`${emu.endpoint}/authorize?${new URLSearchParams({ response_type: 'code', client_id: reg.clientId!, redirect_uri: redirectUri, state: 's', code_challenge: challenge, code_challenge_method: 'S256' })}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="password"');
    const elsewhere = await fetch(`${emu.endpoint}/authorize?${new URLSearchParams({ response_type: 'code', client_id: reg.clientId!, redirect_uri: 'http://evil.example/cb', state: 's', code_challenge: challenge, code_challenge_method: 'S256' })}`);
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.text()).toContain('redirect_uri is not registered');

    expect((await authorize(reg.clientId!, redirectUri, challenge, { username: 'alice', password: 'nope', decision: 'approve' })).status).toBe(401);
    const denied = new URL((await authorize(reg.clientId!, redirectUri, challenge, { decision: 'deny' })).headers.get('location')!);
    expect(Object.fromEntries(denied.searchParams)).toMatchObject({ state: 'st-123', error: 'access_denied' });

    const codeFrom = async () => {
      const res = await authorize(reg.clientId!, redirectUri, challenge, { username: 'alice', password: 'correct-horse-battery', decision: 'approve' });
      expect(res.status).toBe(302);
      const back = new URL(res.headers.get('location')!);
      expect(`${back.origin}${back.pathname}`).toBe('http://127.0.0.1:54321/oauth/callback');
      expect(back.searchParams.get('state')).toBe('st-123');
      return back.searchParams.get('code')!;
    };
    const exchange = (code: string, codeVerifier: string) => oidc.send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: 'authorization_code', code, codeVerifier, redirectUri }));
    await expect(exchange(await codeFrom(), randomBytes(32).toString('base64url'))).rejects.toMatchObject({ name: 'InvalidGrantException', error: 'invalid_grant' });
    const code = await codeFrom();
    const tokens = await exchange(code, verifier);
    expect(tokens).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600, refreshToken: expect.any(String) });
    await expect(exchange(code, verifier)).rejects.toMatchObject({ name: 'InvalidGrantException' });
    const sso = new SSOClient({ region: emu.region, endpoint: emu.endpoint });
    // The fixture's page size wins over maxResults (a service may return fewer), so page through.
    const accounts: string[] = [];
    for await (const p of paginateListAccounts({ client: sso }, { accessToken: tokens.accessToken!, maxResults: 10 })) accounts.push(...p.accountList!.map((a) => a.accountId!));
    expect(accounts).toHaveLength(6);

    // A device-only client may not use the code grant.
    const deviceOnly = await oidc.send(new RegisterClientCommand({ clientName: 'device', clientType: 'public' }));
    await expect(oidc.send(new CreateTokenCommand({ clientId: deviceOnly.clientId, clientSecret: deviceOnly.clientSecret, grantType: 'authorization_code', code, codeVerifier: verifier, redirectUri }))).rejects.toMatchObject({ name: 'UnauthorizedClientException' });
  });
});

describe('expiry by the emulator clock', () => {
  it('the portal refuses an expired access token; refresh works until the Identity Center session ends', async () => {
    const own = await signInWithDeviceCode(emu);
    const sso = new SSOClient({ region: emu.region, endpoint: emu.endpoint });
    const oidc = new SSOOIDCClient({ region: emu.region, endpoint: emu.endpoint });
    emu.clock.advance(3601_000);
    try {
      await expect(sso.send(new ListAccountsCommand({ accessToken: own.accessToken }))).rejects.toMatchObject({ name: 'UnauthorizedException', $metadata: { httpStatusCode: 401 } });
      const refreshed = await oidc.send(new CreateTokenCommand({ clientId: own.clientId, clientSecret: own.clientSecret, grantType: 'refresh_token', refreshToken: own.refreshToken }));
      expect((await sso.send(new ListAccountsCommand({ accessToken: refreshed.accessToken }))).accountList!.length).toBeGreaterThan(0);
      emu.clock.advance(8 * 3600_000);
      await expect(oidc.send(new CreateTokenCommand({ clientId: own.clientId, clientSecret: own.clientSecret, grantType: 'refresh_token', refreshToken: refreshed.refreshToken }))).rejects.toMatchObject({ name: 'InvalidGrantException' });
    } finally {
      emu.clock.set(Date.now());
    }
  });

  it('rejects a request signed more than five minutes off the emulator clock', async () => {
    const skewed = client(STSClient, await credsFor('333333333333', 'ReadOnly'), { systemClockOffset: 10 * 60_000 });
    await expect(skewed.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch', message: expect.stringContaining('Signature expired') });
    const ssm = client(SSMClient, await credsFor('333333333333', 'ReadOnly'), { systemClockOffset: -10 * 60_000 });
    await expect(ssm.send(new DescribeInstanceInformationCommand({}))).rejects.toMatchObject({ name: 'InvalidSignatureException' });
  });
});

describe('the SDK’s own SSO providers', () => {
  it('fromSso (token) and fromSSO (credentials) work from the shared token cache with only an endpoint override', async () => {
    const home = mkdtempSync(join(tmpdir(), 'fumidai-sso-home-'));
    const saved = { ...process.env };
    try {
      const own = await signInWithDeviceCode(emu);
      mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
      writeFileSync(
        join(home, '.aws', 'config'),
        `[profile emu]\nsso_session = emu\nsso_account_id = 333333333333\nsso_role_name = Developer\nregion = ap-northeast-1\n\n[sso-session emu]\nsso_start_url = ${emu.startUrl}\nsso_region = ${emu.region}\nsso_registration_scopes = sso:account:access\n`,
      );
      const cacheName = createHash('sha1').update('emu').digest('hex');
      writeFileSync(
        join(home, '.aws', 'sso', 'cache', `${cacheName}.json`),
        JSON.stringify({ startUrl: emu.startUrl, region: emu.region, accessToken: own.accessToken, expiresAt: new Date(Date.now() + 3000_000).toISOString(), clientId: own.clientId, clientSecret: own.clientSecret, registrationExpiresAt: new Date(Date.now() + 86400_000).toISOString(), refreshToken: own.refreshToken }),
      );
      Object.assign(process.env, { HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'), AWS_ENDPOINT_URL: emu.endpoint });
      const ssoToken = await fromSso({ profile: 'emu', ignoreCache: true } as never)();
      expect(ssoToken.token).toBe(own.accessToken);
      const sts = new STSClient({ region: 'ap-northeast-1', credentials: fromSSO({ profile: 'emu', ignoreCache: true } as never) });
      expect(await sts.send(new GetCallerIdentityCommand({}))).toMatchObject({ Account: '333333333333', Arn: expect.stringContaining('AWSReservedSSO_Developer_') });
    } finally {
      process.env = saved;
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('inventory APIs in depth', () => {
  it('DescribeInstances by instance-id and MaxResults; DescribeInstanceInformation by PingStatus, tag and platform', async () => {
    const creds = await credsFor('333333333333', 'ReadOnly');
    const ec2 = client(EC2Client, creds);
    const one = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-id', Values: ['i-0c33333333333333f'] }] }));
    expect(one.Reservations!.flatMap((r) => r.Instances!)).toMatchObject([{ InstanceId: 'i-0c33333333333333f', Platform: 'windows', LaunchTime: new Date('2026-10-01T09:00:00Z') }]);
    const page = await ec2.send(new DescribeInstancesCommand({ MaxResults: 5 }));
    expect(page.Reservations!.length).toBe(5);
    await expect(ec2.send(new DescribeInstancesCommand({ MaxResults: 2 }))).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await expect(ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'no-such-filter', Values: ['x'] }] }))).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    const oregon = client(EC2Client, creds, { region: 'us-west-2' });
    expect((await oregon.send(new DescribeInstancesCommand({}))).Reservations!.flatMap((r) => r.Instances!.map((i) => i.InstanceId))).toEqual(['i-0c33333333333333e']);

    const ssm = client(SSMClient, creds);
    const windows = await ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'PlatformTypes', Values: ['Windows'] }] }));
    expect(windows.InstanceInformationList!.map((i) => i.InstanceId)).toEqual(['i-0c33333333333333f']);
    const apps = await ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'tag:Role', Values: ['app'] }, { Key: 'PingStatus', Values: ['Online'] }] }));
    expect(apps.InstanceInformationList!.map((i) => i.InstanceId).sort()).toEqual(['i-0c33333333333333a', 'i-0c33333333333333b']);
    expect(apps.InstanceInformationList![0]).toMatchObject({ IPAddress: '10.40.1.11', ComputerName: 'ip-10-40-1-11.ap-northeast-1.compute.internal', PlatformType: 'Linux', ResourceType: 'EC2Instance' });
    await expect(ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'Bogus', Values: ['x'] }] }))).rejects.toMatchObject({ name: 'InvalidFilterKey' });
  });

  it('GetParameters reports unknown names; GetParametersByPath pages, recurses, and needs kms:Decrypt for SecureString', async () => {
    const dev = client(SSMClient, await credsFor('333333333333', 'Developer'));
    const some = await dev.send(new GetParametersCommand({ Names: ['/app/dev/database-host', '/app/dev/missing'] }));
    expect(some).toMatchObject({ Parameters: [{ Name: '/app/dev/database-host', Type: 'String', Value: 'dev-db.internal' }], InvalidParameters: ['/app/dev/missing'] });
    await expect(dev.send(new GetParametersCommand({ Names: [] }))).rejects.toMatchObject({ name: 'ValidationException' });

    const names: string[] = [];
    let pages = 0;
    let next: string | undefined;
    do {
      const out = await dev.send(new GetParametersByPathCommand({ Path: '/fumidai/keys', Recursive: true, WithDecryption: true, MaxResults: 1, NextToken: next }));
      pages++;
      for (const p of out.Parameters!) {
        names.push(p.Name!);
        // Read as ssh would read it (no key-like literal in the repository for scanners to trip on).
        const key = ssh2.utils.parseKey(p.Value!);
        expect(key).not.toBeInstanceOf(Error);
        expect(key as ParsedKey).toMatchObject({ type: 'ssh-ed25519' });
        expect((key as ParsedKey).isPrivateKey()).toBe(true);
      }
      next = out.NextToken;
    } while (next);
    expect(pages).toBe(2);
    expect(names).toEqual(['/fumidai/keys/development/bastion', '/fumidai/keys/development/no-agent']);
    expect((await dev.send(new GetParametersByPathCommand({ Path: '/fumidai/keys' }))).Parameters).toEqual([]);

    const ro = client(SSMClient, await credsFor('333333333333', 'ReadOnly'));
    await expect(ro.send(new GetParametersByPathCommand({ Path: '/fumidai/keys', Recursive: true, WithDecryption: true }))).rejects.toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining('kms:Decrypt') });
    await expect(ro.send(new GetParametersByPathCommand({ Path: '/fumidai/keys', Recursive: true }))).resolves.toMatchObject({ Parameters: expect.arrayContaining([expect.objectContaining({ Type: 'SecureString' })]) });
  });
});

describe('sessions and their audit trail', () => {
  it('resumes an active session with a fresh token, not a terminated one; CloudTrail filters by user', async () => {
    const ops = client(SSMClient, await credsFor('333333333333', 'Developer'));
    const started = await ops.send(new StartSessionCommand({ Target: 'i-0c33333333333333a' }));
    const resumed = await ops.send(new ResumeSessionCommand({ SessionId: started.SessionId }));
    expect(resumed.StreamUrl).toContain(`/v1/data-channel/${started.SessionId}`);
    expect(resumed.TokenValue).toBeTruthy();
    expect(resumed.TokenValue).not.toBe(started.TokenValue);
    await expect(ops.send(new ResumeSessionCommand({ SessionId: 'alice-0000' }))).rejects.toMatchObject({ name: 'DoesNotExistException' });
    // Without the instance there are no tags to satisfy the condition: denied, as AWS does.
    await expect(ops.send(new StartSessionCommand({ Target: 'i-0000000000000dead' }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
    const admin = client(SSMClient, await credsFor('333333333333', 'AdministratorAccess'));
    await expect(admin.send(new StartSessionCommand({ Target: 'i-0000000000000dead' }))).rejects.toMatchObject({ name: 'TargetNotConnected' });
    await expect(admin.send(new StartSessionCommand({ Target: 'i-0b22222222222222a' }))).rejects.toMatchObject({ name: 'TargetNotConnected' }); // another account's instance
    await expect(ops.send(new StartSessionCommand({ Target: 'i-0c33333333333333d' }))).rejects.toMatchObject({ name: 'TargetNotConnected' }); // no agent
    await expect(ops.send(new DescribeSessionsCommand({ State: 'Bogus' as never }))).rejects.toMatchObject({ name: 'ValidationException' });
    const other = await ops.send(new StartSessionCommand({ Target: 'i-0c33333333333333b' }));
    const byTarget = await ops.send(new DescribeSessionsCommand({ State: 'Active', Filters: [{ key: 'Target', value: 'i-0c33333333333333a' }] }));
    expect(byTarget.Sessions!.map((s) => s.SessionId)).toEqual([started.SessionId]);
    const recent = await ops.send(new DescribeSessionsCommand({ State: 'Active', Filters: [{ key: 'InvokedAfter', value: new Date(Date.now() - 60_000).toISOString() }, { key: 'Status', value: 'Connected' }] }));
    expect(recent.Sessions!.map((s) => s.SessionId).sort()).toEqual([started.SessionId, other.SessionId].sort());
    await expect(ops.send(new DescribeSessionsCommand({ State: 'Active', Filters: [{ key: 'InvokedAfter', value: 'yesterday' }] }))).rejects.toMatchObject({ name: 'InvalidFilterKey', message: expect.stringContaining('2024-08-29T00:00:00Z') });
    await expect(ops.send(new DescribeSessionsCommand({ State: 'Active', Filters: [{ key: 'Colour' as never, value: 'x' }] }))).rejects.toMatchObject({ name: 'InvalidFilterKey' });
    await ops.send(new TerminateSessionCommand({ SessionId: other.SessionId }));

    const readOnly = client(SSMClient, await credsFor('333333333333', 'ReadOnly'));
    await expect(readOnly.send(new TerminateSessionCommand({ SessionId: started.SessionId }))).rejects.toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining('ssm:TerminateSession') });
    await ops.send(new TerminateSessionCommand({ SessionId: started.SessionId }));
    const afterEnd = await ops.send(new ResumeSessionCommand({ SessionId: started.SessionId }));
    expect([afterEnd.SessionId, afterEnd.StreamUrl, afterEnd.TokenValue]).toEqual([started.SessionId, undefined, undefined]);

    const trail = client(CloudTrailClient, await credsFor('333333333333', 'ReadOnly'));
    const alice = await trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'alice' }] }));
    const names = alice.Events!.map((e) => e.EventName);
    expect(names).toEqual(expect.arrayContaining(['StartSession', 'TerminateSession', 'GetRoleCredentials', 'Authenticate']));
    expect(alice.Events!.every((e) => e.Username === 'alice')).toBe(true);
    const bob = await trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'bob' }] }));
    expect(bob.Events).toEqual([]);
    expect(emu.events().some((e) => e.eventName === 'TerminateSession' && e.requestParameters.sessionId === started.SessionId)).toBe(true);
  });
});

describe('faults', () => {
  it('latency, 5xx and throttling are shaped per protocol and replay the same with a seed', async () => {
    const creds = await credsFor('333333333333', 'ReadOnly');
    const sts = client(STSClient, creds);
    const ssm = client(SSMClient, creds);
    emu.setFaults({ latencyMs: { sts: 200 } });
    const t0 = Date.now();
    await sts.send(new GetCallerIdentityCommand({}));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);

    emu.setFaults({ errorRate: 1, services: ['ssm'] });
    await expect(ssm.send(new DescribeInstanceInformationCommand({}))).rejects.toMatchObject({ name: 'InternalServerError', $metadata: { httpStatusCode: 500 } });
    emu.setFaults({ throttleRate: 1, services: ['ssm', 'sts', 'sso'] });
    await expect(ssm.send(new DescribeInstanceInformationCommand({}))).rejects.toMatchObject({ name: 'ThrottlingException' });
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'Throttling' });
    await expect(new SSOClient({ region: emu.region, endpoint: emu.endpoint, maxAttempts: 1 }).send(new ListAccountsCommand({ accessToken: token }))).rejects.toMatchObject({ name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });

    const outcomes = async () => {
      emu.setFaults({ throttleRate: 0.5, services: ['ssm'], seed: 7 });
      const out: string[] = [];
      for (let i = 0; i < 8; i++) out.push(await ssm.send(new DescribeInstanceInformationCommand({})).then(() => 'ok', (e: Error) => e.name));
      return out;
    };
    const first = await outcomes();
    expect(first).toContain('ok');
    expect(first).toContain('ThrottlingException');
    expect(await outcomes()).toEqual(first);
    emu.setFaults({});
  });
});

/** A correctly signed request the SDKs would never build: to test the server's input checks. */
async function signedFetch(creds: Creds, service: string, headers: Record<string, string>, body: string): Promise<Response> {
  class Sha256 {
    private readonly h;
    constructor(secret?: string | Uint8Array) {
      this.h = secret === undefined ? createHash('sha256') : createHmac('sha256', secret);
    }
    update(d: string | Uint8Array) {
      this.h.update(d);
    }
    async digest() {
      return new Uint8Array(this.h.digest());
    }
  }
  const url = new URL(emu.endpoint);
  const request = new HttpRequest({ method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', headers: { host: url.host, ...headers }, body });
  const signed = await new SignatureV4({ credentials: creds, region: 'ap-northeast-1', service, sha256: Sha256 as never }).sign(request);
  return fetch(emu.endpoint, { method: 'POST', headers: signed.headers, body });
}

describe('bad requests that are correctly signed', () => {
  it('a missing required field, malformed JSON, an unknown EC2 or STS action get AWS error shapes', async () => {
    const creds = await credsFor('333333333333', 'ReadOnly');
    const json = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.GetParameter' };
    const missing = await signedFetch(creds, 'ssm', json, '{}');
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ __type: 'ValidationException', message: expect.stringContaining("Value null at 'name'") });
    const malformed = await signedFetch(creds, 'ssm', json, '{"Name":');
    expect(await malformed.json()).toMatchObject({ __type: 'SerializationException' });

    const form = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
    const ec2 = await signedFetch(creds, 'ec2', form, 'Action=RunInstances&Version=2016-11-15');
    expect(ec2.status).toBe(400);
    const ec2Body = await ec2.text();
    expect(ec2Body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\s*<Response><Errors><Error><Code>InvalidAction<\/Code><Message>The action RunInstances is not valid for this web service.<\/Message><\/Error><\/Errors><RequestID>[^<]+<\/RequestID><\/Response>$/);
    const sts = await signedFetch(creds, 'sts', form, 'Action=AssumeRoot&Version=2011-06-15');
    const stsBody = await sts.text();
    expect(stsBody).toContain('<ErrorResponse');
    expect(stsBody).toContain('<Code>InvalidAction</Code>');
    for (const text of [ec2Body, stsBody, JSON.stringify(await (await signedFetch(creds, 'ssm', json, '[1,2')).json())]) expect(text).not.toMatch(/at \w+ \(|node:internal|\.ts:\d+/);
  });
});
