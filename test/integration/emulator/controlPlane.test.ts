// The emulator's control plane driven by the real AWS SDK v3 clients, with nothing but an
// endpoint override — including the error paths AWS produces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SSOOIDCClient, CreateTokenCommand, RegisterClientCommand, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { SSOClient, GetRoleCredentialsCommand, LogoutCommand, paginateListAccountRoles, paginateListAccounts } from '@aws-sdk/client-sso';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { EC2Client, DescribeInstancesCommand, DescribeRegionsCommand, paginateDescribeInstances } from '@aws-sdk/client-ec2';
import { SSMClient, DescribeInstanceInformationCommand, GetParameterCommand, StartSessionCommand, TerminateSessionCommand, DescribeSessionsCommand } from '@aws-sdk/client-ssm';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { EC2InstanceConnectClient, SendSSHPublicKeyCommand } from '@aws-sdk/client-ec2-instance-connect';
import { startEmulator, type Emulator } from '../../../emulator';
import { approveDeviceCode, signInWithDeviceCode } from '../../helpers/emulatorSignIn';
import { deriveEd25519KeyPair } from '../../../emulator/keyMaterial';

let emu: Emulator;
let token: string;

beforeAll(async () => {
  emu = await startEmulator();
  token = (await signInWithDeviceCode(emu)).accessToken;
});
afterAll(async () => {
  await emu.close();
});

async function credsFor(accountId: string, roleName: string) {
  const sso = new SSOClient({ region: emu.region, endpoint: emu.endpoint });
  const out = await sso.send(new GetRoleCredentialsCommand({ accessToken: token, accountId, roleName }));
  const c = out.roleCredentials!;
  return { accessKeyId: c.accessKeyId!, secretAccessKey: c.secretAccessKey!, sessionToken: c.sessionToken!, expiration: new Date(c.expiration!) };
}

const client = <T>(Ctor: new (cfg: object) => T, credentials: object, region = 'ap-northeast-1') => new Ctor({ region, endpoint: emu.endpoint, credentials, maxAttempts: 1 });

describe('IAM Identity Center OIDC', () => {
  it('answers a pending device code with authorization_pending and a denied one with access_denied', async () => {
    const oidc = new SSOOIDCClient({ region: emu.region, endpoint: emu.endpoint });
    const reg = await oidc.send(new RegisterClientCommand({ clientName: 'x', clientType: 'public', scopes: ['sso:account:access'] }));
    expect(reg.clientSecretExpiresAt! - reg.clientIdIssuedAt!).toBe(90 * 86400);
    const auth = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: emu.startUrl }));
    expect(auth).toMatchObject({ expiresIn: 600, interval: 1, verificationUriComplete: `${emu.endpoint}/device?user_code=${auth.userCode}` });
    const poll = () => oidc.send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: auth.deviceCode }));
    await expect(poll()).rejects.toMatchObject({ name: 'AuthorizationPendingException', error: 'authorization_pending' });
    await expect(poll()).rejects.toMatchObject({ name: 'SlowDownException' });
    expect((await approveDeviceCode(emu.endpoint, auth.userCode!, 'alice', 'wrong-password')).status).toBe(401);
    await approveDeviceCode(emu.endpoint, auth.userCode!, 'alice', 'correct-horse-battery', 'deny');
    await expect(poll()).rejects.toMatchObject({ name: 'AccessDeniedException', error: 'access_denied' });
  });

  it('expires device codes and rotates refresh tokens', async () => {
    const oidc = new SSOOIDCClient({ region: emu.region, endpoint: emu.endpoint });
    const reg = await oidc.send(new RegisterClientCommand({ clientName: 'x', clientType: 'public' }));
    const auth = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: emu.startUrl }));
    emu.clock.advance(601_000);
    await expect(oidc.send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: auth.deviceCode }))).rejects.toMatchObject({ name: 'ExpiredTokenException' });
    emu.clock.advance(-601_000);
    const first = await signInWithDeviceCode(emu);
    const refreshed = await oidc.send(new CreateTokenCommand({ clientId: first.clientId, clientSecret: first.clientSecret, grantType: 'refresh_token', refreshToken: first.refreshToken }));
    expect(refreshed.refreshToken).toBeTruthy();
    expect(refreshed.refreshToken).not.toBe(first.refreshToken);
    await expect(oidc.send(new CreateTokenCommand({ clientId: first.clientId, clientSecret: first.clientSecret, grantType: 'refresh_token', refreshToken: first.refreshToken }))).rejects.toMatchObject({ name: 'InvalidGrantException' });
    await expect(oidc.send(new CreateTokenCommand({ clientId: first.clientId, clientSecret: 'wrong', grantType: 'refresh_token', refreshToken: refreshed.refreshToken }))).rejects.toMatchObject({ name: 'InvalidClientException' });
  });
});

describe('SSO portal', () => {
  it('pages through accounts and roles and issues credentials with an expiry in ms', async () => {
    const sso = new SSOClient({ region: emu.region, endpoint: emu.endpoint });
    const accounts: string[] = [];
    let pages = 0;
    for await (const p of paginateListAccounts({ client: sso }, { accessToken: token })) {
      pages++;
      accounts.push(...p.accountList!.map((a) => a.accountName!));
    }
    expect(pages).toBeGreaterThan(1);
    expect(accounts.sort()).toEqual(['acme-dev', 'acme-prod', 'acme-stg', 'log-archive', 'sandbox-alice', 'security']);
    const roles: string[] = [];
    for await (const p of paginateListAccountRoles({ client: sso }, { accessToken: token, accountId: '333333333333' })) roles.push(...p.roleList!.map((r) => r.roleName!));
    expect(roles.sort()).toEqual(['AdministratorAccess', 'Developer', 'ReadOnly']);
    const creds = await credsFor('333333333333', 'Developer');
    expect(creds.expiration.getTime() - Date.now()).toBeGreaterThan(3500_000);
    await expect(sso.send(new GetRoleCredentialsCommand({ accessToken: token, accountId: '333333333333', roleName: 'ProductionOperator' }))).rejects.toMatchObject({ name: 'ForbiddenException' });
    await expect(sso.send(new GetRoleCredentialsCommand({ accessToken: 'bogus', accountId: '333333333333', roleName: 'Developer' }))).rejects.toMatchObject({ name: 'UnauthorizedException' });
  });

  it('logout revokes the token and its role credentials', async () => {
    const own = await signInWithDeviceCode(emu);
    const sso = new SSOClient({ region: emu.region, endpoint: emu.endpoint });
    const out = await sso.send(new GetRoleCredentialsCommand({ accessToken: own.accessToken, accountId: '333333333333', roleName: 'ReadOnly' }));
    await sso.send(new LogoutCommand({ accessToken: own.accessToken }));
    await expect(sso.send(new GetRoleCredentialsCommand({ accessToken: own.accessToken, accountId: '333333333333', roleName: 'ReadOnly' }))).rejects.toMatchObject({ name: 'UnauthorizedException' });
    const c = out.roleCredentials!;
    const sts = client(STSClient, { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken });
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toThrow();
  });
});

describe('signed APIs', () => {
  it('STS GetCallerIdentity names the SSO role session', async () => {
    const sts = client(STSClient, await credsFor('333333333333', 'Developer'));
    const me = await sts.send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Account: '333333333333', Arn: expect.stringMatching(/^arn:aws:sts::333333333333:assumed-role\/AWSReservedSSO_Developer_.+\/alice$/) });
  });

  it('rejects a bad signature, an unknown key and expired credentials like AWS', async () => {
    const good = await credsFor('333333333333', 'ReadOnly');
    await expect(client(STSClient, { ...good, secretAccessKey: 'wrong' }).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
    await expect(client(STSClient, { ...good, accessKeyId: 'ASIANOTREAL' }).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
    emu.clock.advance(2 * 3600_000);
    try {
      await expect(client(SSMClient, good).send(new DescribeInstanceInformationCommand({}))).rejects.toMatchObject({ name: 'ExpiredTokenException' });
    } finally {
      emu.clock.advance(-2 * 3600_000);
    }
  });

  it('EC2 DescribeInstances: the account’s instances in the region, tags, filters and pagination', async () => {
    const ec2 = client(EC2Client, await credsFor('333333333333', 'ReadOnly'));
    const ids: string[] = [];
    let pages = 0;
    for await (const p of paginateDescribeInstances({ client: ec2 }, {})) {
      pages++;
      for (const r of p.Reservations ?? []) for (const i of r.Instances ?? []) ids.push(i.InstanceId!);
    }
    expect(pages).toBeGreaterThan(1);
    expect(ids).toHaveLength(5); // the Tokyo instances of acme-dev
    const bastion = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Role', Values: ['bastion'] }, { Name: 'instance-state-name', Values: ['running'] }] }));
    const inst = bastion.Reservations![0]!.Instances![0]!;
    expect(inst).toMatchObject({ InstanceId: 'i-0c33333333333333c', PrivateIpAddress: '10.40.0.5', PublicIpAddress: '203.0.113.40', State: { Name: 'running', Code: 16 } });
    expect(inst.Tags).toEqual(expect.arrayContaining([{ Key: 'Name', Value: 'dev-bastion' }, { Key: 'Environment', Value: 'development' }]));
    await expect(ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0000000000000dead'] }))).rejects.toMatchObject({ name: 'InvalidInstanceID.NotFound' });
    const regions = await ec2.send(new DescribeRegionsCommand({}));
    expect(regions.Regions!.map((r) => r.RegionName)).toEqual(['ap-northeast-1', 'us-west-2']);
  });

  it('SSM DescribeInstanceInformation reports Online and ConnectionLost agents', async () => {
    const ssm = client(SSMClient, await credsFor('111111111111', 'ReadOnly'));
    const out = await ssm.send(new DescribeInstanceInformationCommand({}));
    const byId = Object.fromEntries(out.InstanceInformationList!.map((i) => [i.InstanceId, i.PingStatus]));
    expect(byId['i-0a11111111111111a']).toBe('Online');
    expect(byId['i-0a11111111111111f']).toBe('ConnectionLost');
    expect(byId['i-0a11111111111111d']).toBeUndefined(); // no agent installed
  });

  it('Parameter Store: key pairs as SecureString, decrypted only with kms:Decrypt', async () => {
    const dev = client(SSMClient, await credsFor('333333333333', 'Developer'));
    const key = await dev.send(new GetParameterCommand({ Name: '/fumidai/keys/development/bastion', WithDecryption: true }));
    expect(key.Parameter).toMatchObject({ Type: 'SecureString', Value: expect.stringMatching(/^-----BEGIN OPENSSH PRIVATE\sKEY-----\n/) });
    const encrypted = await dev.send(new GetParameterCommand({ Name: '/fumidai/keys/development/bastion' }));
    expect(encrypted.Parameter!.Value).not.toContain('PRIVATE KEY');
    const ro = client(SSMClient, await credsFor('333333333333', 'ReadOnly'));
    await expect(ro.send(new GetParameterCommand({ Name: '/fumidai/keys/development/bastion', WithDecryption: true }))).rejects.toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining('kms:Decrypt') });
    await expect(dev.send(new GetParameterCommand({ Name: '/nope' }))).rejects.toMatchObject({ name: 'ParameterNotFound' });
  });

  it('StartSession: tag conditions, TargetNotConnected, InvalidDocument, and CloudTrail records with the reason', async () => {
    const devRole = client(SSMClient, await credsFor('111111111111', 'ReadOnly'));
    await expect(devRole.send(new StartSessionCommand({ Target: 'i-0a11111111111111a' }))).rejects.toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining('ssm:StartSession') });
    const ops = client(SSMClient, await credsFor('111111111111', 'ProductionOperator'));
    await expect(ops.send(new StartSessionCommand({ Target: 'i-0a11111111111111f' }))).rejects.toMatchObject({ name: 'TargetNotConnected' });
    await expect(ops.send(new StartSessionCommand({ Target: 'i-0a11111111111111a', DocumentName: 'AWS-Nope' }))).rejects.toMatchObject({ name: 'InvalidDocument' });
    const started = await ops.send(new StartSessionCommand({ Target: 'i-0a11111111111111a', Reason: 'INC-1234 restart nginx' }));
    expect(started.StreamUrl).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v1/data-channel/${started.SessionId}`));
    const active = await ops.send(new DescribeSessionsCommand({ State: 'Active' }));
    expect(active.Sessions!.map((s) => s.SessionId)).toContain(started.SessionId);
    await ops.send(new TerminateSessionCommand({ SessionId: started.SessionId }));
    const history = await ops.send(new DescribeSessionsCommand({ State: 'History' }));
    expect(history.Sessions!.find((s) => s.SessionId === started.SessionId)).toMatchObject({ Reason: 'INC-1234 restart nginx', Status: 'Terminated' });
    const trail = client(CloudTrailClient, await credsFor('111111111111', 'ReadOnly'));
    const events = await trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'StartSession' }] }));
    const event = JSON.parse(events.Events![0]!.CloudTrailEvent!);
    expect(event).toMatchObject({ eventName: 'StartSession', requestParameters: { target: 'i-0a11111111111111a', reason: 'INC-1234 restart nginx' } });
  });

  it('EC2 Instance Connect keys last 60 seconds', async () => {
    const eic = client(EC2InstanceConnectClient, await credsFor('333333333333', 'Developer'));
    const pub = deriveEd25519KeyPair('eic-test').publicKeyOpenSsh;
    await eic.send(new SendSSHPublicKeyCommand({ InstanceId: 'i-0c33333333333333d', InstanceOSUser: 'ec2-user', SSHPublicKey: pub }));
    expect(emu.instanceConnect.validKeys('i-0c33333333333333d', 'ec2-user')).toEqual([pub]);
    emu.clock.advance(61_000);
    try {
      expect(emu.instanceConnect.validKeys('i-0c33333333333333d', 'ec2-user')).toEqual([]);
    } finally {
      emu.clock.advance(-61_000);
    }
  });
});

describe('bad requests get AWS error shapes', () => {
  it('unknown operation, malformed JSON, wrong content type, throttling', async () => {
    const unknown = await fetch(emu.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.DoesNotExist' }, body: '{}' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ __type: 'UnknownOperationException' });
    const wrongType = await fetch(emu.endpoint, { method: 'POST', headers: { 'content-type': 'text/plain', 'x-amz-target': 'AmazonSSM.GetParameter' }, body: '{' });
    expect(await wrongType.json()).toMatchObject({ __type: 'SerializationException' });
    const badJson = await fetch(`${emu.endpoint}/client/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(badJson.status).toBe(400);
    expect(badJson.headers.get('x-amzn-errortype')).toBe('InvalidRequestException');
    const missing = await fetch(`${emu.endpoint}/client/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"clientType":"public"}' });
    expect(await missing.json()).toMatchObject({ error: 'invalid_request', error_description: 'clientName is required' });
    emu.setFaults({ throttleRate: 1, services: ['ec2'] });
    try {
      const ec2 = client(EC2Client, await credsFor('333333333333', 'ReadOnly'));
      await expect(ec2.send(new DescribeRegionsCommand({}))).rejects.toMatchObject({ name: 'RequestLimitExceeded' });
    } finally {
      emu.setFaults({});
    }
  });
});
