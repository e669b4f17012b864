// One HTTP server for every emulated service, routed the way the SDKs address them on a single
// endpoint: OIDC and portal by path, JSON services by X-Amz-Target, query services by Action.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { DataChannelBroker } from './datachannel/broker';
import { ApiError, sendAwsJsonError, sendEc2Error, sendHtml, sendJson, sendQueryError, sendRestJsonError, sendXml } from './http/respond';
import { verifySigV4 } from './http/sigv4';
import type { FaultPlan } from './faults';
import type { World, RoleCredentials } from './world';
import type { OidcService } from './services/oidc';
import type { PortalService } from './services/portal';
import type { Ec2Service } from './services/ec2';
import type { SsmService } from './services/ssm';
import type { KmsService } from './services/kms';
import { getCallerIdentity, lookupEvents, type InstanceConnectStore } from './services/misc';
import { resultPage } from './services/pages';

export interface Services {
  world: World;
  oidc: OidcService;
  portal: PortalService;
  ec2: Ec2Service;
  ssm: SsmService;
  kms: KmsService;
  instanceConnect: InstanceConnectStore;
  broker: DataChannelBroker;
  faults: FaultPlan;
  log: (m: string) => void;
}

const MAX_BODY = 1 << 20;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new ApiError(413, 'RequestEntityTooLarge', 'Request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

type Protocol = 'restJson' | 'awsJson' | 'ec2' | 'query' | 'html';

const SSM_OPS = new Set(['DescribeInstanceInformation', 'DescribeSessions', 'GetParameter', 'GetParameters', 'GetParametersByPath', 'StartSession', 'ResumeSession', 'TerminateSession']);

export function createEmulatorServer(s: Services): Server {
  const server = createServer((req, res) => {
    // CloudTrail records who called: the client's address and the User-Agent header its SDK sent.
    const caller = { sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''), userAgent: String(req.headers['user-agent'] ?? 'unknown').slice(0, 1000) };
    void s.world.asCaller(caller, () => handle(s, req, res)).catch((e: unknown) => {
      s.log(`internal error: ${(e as Error).stack ?? e}`);
      if (!res.headersSent) sendJson(res, { message: 'Internal error' }, 'application/json', 500);
    });
  });
  server.on('upgrade', (req, socket, head) => {
    if ((req.url ?? '').startsWith('/v1/data-channel/')) s.broker.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  return server;
}

async function handle(s: Services, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  let protocol: Protocol = 'restJson';
  let service = 'unknown';
  res.setHeader('date', new Date(s.world.clock.now()).toUTCString());
  try {
    const body = await readBody(req);
    const target = String(req.headers['x-amz-target'] ?? '');
    const contentType = String(req.headers['content-type'] ?? '');

    // Pages a person (or a test) uses: not AWS APIs, no faults.
    if ((url.pathname === '/device' || url.pathname === '/authorize') && (method === 'GET' || method === 'POST')) {
      protocol = 'html';
      if (url.pathname === '/device') return method === 'GET' ? s.oidc.devicePage(res, url) : s.oidc.deviceSubmit(res, new URLSearchParams(body.toString()));
      return method === 'GET' ? s.oidc.authorizePage(res, url) : s.oidc.authorizeSubmit(res, new URLSearchParams(body.toString()));
    }
    if (url.pathname === '/federation' || url.pathname.startsWith('/console')) {
      protocol = 'html';
      return federation(s, url, res);
    }

    const oidcPaths = ['/client/register', '/device_authorization', '/token'];
    const portalPaths = ['/assignment/accounts', '/assignment/roles', '/federation/credentials', '/logout'];
    if (oidcPaths.includes(url.pathname) || portalPaths.includes(url.pathname)) {
      protocol = 'restJson';
      service = oidcPaths.includes(url.pathname) ? 'oidc' : 'sso';
      await applyFaults(s, service, protocol);
      if (service === 'oidc') {
        if (method !== 'POST') throw new ApiError(404, 'UnknownOperationException', 'Unknown operation');
        const json = parseJson(body);
        const out = url.pathname === '/client/register' ? s.oidc.register(json) : url.pathname === '/device_authorization' ? s.oidc.startDevice(json) : s.oidc.createToken(json);
        return sendJson(res, out);
      }
      const token = req.headers['x-amz-sso_bearer_token'] as string | undefined;
      if (url.pathname === '/logout') return sendJson(res, s.portal.logout(token));
      const out = url.pathname === '/assignment/accounts' ? s.portal.listAccounts(token, url.searchParams) : url.pathname === '/assignment/roles' ? s.portal.listAccountRoles(token, url.searchParams) : s.portal.getRoleCredentials(token, url.searchParams);
      return sendJson(res, out);
    }

    if (method !== 'POST' || url.pathname !== '/') throw new ApiError(404, 'UnknownOperationException', `No operation at ${method} ${url.pathname}`);

    if (target) {
      protocol = 'awsJson';
      const op = target.slice(target.lastIndexOf('.') + 1);
      service = SSM_OPS.has(op) ? 'ssm' : op === 'LookupEvents' ? 'cloudtrail' : op === 'SendSSHPublicKey' ? 'ec2-instance-connect' : target === 'TrentService.GenerateDataKey' ? 'kms' : 'unknown';
      if (!contentType.startsWith('application/x-amz-json-1.1')) throw new ApiError(400, 'SerializationException', `Expected Content-Type application/x-amz-json-1.1, got ${contentType || 'none'}`);
      if (service === 'unknown') throw new ApiError(400, 'UnknownOperationException', `Unknown operation ${target}`);
      const caller = await authenticate(s, req, body);
      await applyFaults(s, service, protocol);
      const json = parseJson(body, 'SerializationException');
      const region = caller.region;
      const c = caller.creds;
      let out: unknown;
      if (service === 'cloudtrail') out = lookupEvents(s.world, c, region, json);
      else if (service === 'ec2-instance-connect') out = s.instanceConnect.send(c, region, json);
      else if (service === 'kms') out = s.kms.generateDataKey(c, region, json);
      else {
        const ssm = s.ssm as unknown as Record<string, (c: RoleCredentials, region: string, body: Record<string, unknown>) => unknown>;
        out = ssm[op.charAt(0).toLowerCase() + op.slice(1)]!.call(s.ssm, c, region, json);
      }
      return sendJson(res, out, 'application/x-amz-json-1.1');
    }

    if (!contentType.startsWith('application/x-www-form-urlencoded')) throw new ApiError(400, 'UnknownOperationException', `Unsupported Content-Type ${contentType || 'none'}`);
    const form = new URLSearchParams(body.toString());
    const action = form.get('Action') ?? '';
    const version = form.get('Version');
    if (version === '2016-11-15') {
      protocol = 'ec2';
      service = 'ec2';
    } else if (version === '2011-06-15') {
      protocol = 'query';
      service = 'sts';
    } else throw new ApiError(400, 'InvalidAction', `Unknown API version ${version}`);
    const caller = await authenticate(s, req, body);
    await applyFaults(s, service, protocol);
    if (service === 'ec2') {
      if (action === 'DescribeInstances') return sendXml(res, s.ec2.describeInstances(caller.creds, caller.region, form));
      if (action === 'DescribeRegions') return sendXml(res, s.ec2.describeRegions(caller.creds));
      throw new ApiError(400, 'InvalidAction', `The action ${action} is not valid for this web service.`);
    }
    if (action === 'GetCallerIdentity') return sendXml(res, getCallerIdentity(s.world, caller.creds));
    throw new ApiError(400, 'InvalidAction', `Could not find operation ${action} for version 2011-06-15`);
  } catch (e) {
    const err = e instanceof ApiError ? e : new ApiError(500, 'InternalFailure', 'The request processing has failed because of an unknown error.');
    if (!(e instanceof ApiError)) s.log(`internal error in ${service}: ${(e as Error).stack ?? e}`);
    if (protocol === 'html') return sendHtml(res, err.status, resultPage('Error', err.message));
    if (protocol === 'awsJson') return sendAwsJsonError(res, err);
    if (protocol === 'ec2') return sendEc2Error(res, adaptEc2(err));
    if (protocol === 'query') return sendQueryError(res, err.code === 'InvalidSignatureException' ? new ApiError(403, 'SignatureDoesNotMatch', err.message) : err.code === 'ExpiredTokenException' ? new ApiError(403, 'ExpiredToken', err.message) : err);
    return sendRestJsonError(res, err);
  }
}

/** EC2 spells the common auth errors its own way. */
function adaptEc2(e: ApiError): ApiError {
  if (e.code === 'ExpiredTokenException' || e.code === 'InvalidSignatureException') return new ApiError(400, 'RequestExpired', e.message);
  if (e.code === 'UnrecognizedClientException') return new ApiError(401, 'AuthFailure', 'AWS was not able to validate the provided access credentials');
  return e;
}

function parseJson(body: Buffer, code = 'InvalidRequestException'): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    const v = JSON.parse(body.toString('utf8')) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new ApiError(400, code, 'The request body is not valid JSON.');
}

async function authenticate(s: Services, req: IncomingMessage, body: Buffer): Promise<{ creds: RoleCredentials; region: string }> {
  const caller = await verifySigV4({ method: req.method ?? 'POST', url: req.url ?? '/', headers: req.headers }, body, s.world.lookupCredentials, s.world.clock.now());
  return { creds: s.world.credentials.get(caller.accessKeyId)!, region: caller.region };
}

async function applyFaults(s: Services, service: string, protocol: Protocol): Promise<void> {
  const latency = s.faults.latency(service);
  if (latency > 0) await new Promise((r) => setTimeout(r, latency));
  const decision = s.faults.decide(service);
  if (decision === 'throttle') {
    if (protocol === 'ec2') throw new ApiError(503, 'RequestLimitExceeded', 'Request limit exceeded.');
    if (protocol === 'query') throw new ApiError(400, 'Throttling', 'Rate exceeded');
    if (protocol === 'restJson') throw new ApiError(429, 'TooManyRequestsException', 'Rate exceeded');
    throw new ApiError(400, 'ThrottlingException', 'Rate exceeded');
  }
  if (decision === 'error') throw new ApiError(500, protocol === 'ec2' ? 'InternalError' : 'InternalServerError', 'An internal error has occurred');
}

/** The console federation endpoint and a landing page, so "open the console" is testable. */
function federation(s: Services, url: URL, res: ServerResponse): void {
  const action = url.searchParams.get('Action');
  if (url.pathname === '/federation' && action === 'getSigninToken') {
    let session: { sessionId?: string; sessionKey?: string; sessionToken?: string };
    try {
      session = JSON.parse(url.searchParams.get('Session') ?? '');
    } catch {
      throw new ApiError(400, 'InvalidRequest', 'Session is not valid JSON');
    }
    const c = session.sessionId ? s.world.credentials.get(session.sessionId) : undefined;
    if (!c || c.revoked || c.secretAccessKey !== session.sessionKey || c.sessionToken !== session.sessionToken || c.expiration <= s.world.clock.now()) {
      return sendHtml(res, 400, resultPage('Sign-in failed', 'The credentials are not valid.'));
    }
    const token = s.world.newId('st', 32);
    federationTokens.set(token, { accessKeyId: c.accessKeyId, expiresAt: s.world.clock.now() + 15 * 60_000 });
    return sendJson(res, { SigninToken: token });
  }
  if (url.pathname === '/federation' && action === 'login') {
    const t = federationTokens.get(url.searchParams.get('SigninToken') ?? '');
    const c = t && t.expiresAt > s.world.clock.now() ? s.world.credentials.get(t.accessKeyId) : undefined;
    if (!c) return sendHtml(res, 400, resultPage('Sign-in link expired', 'Start again from Fumidai.'));
    federationTokens.delete(url.searchParams.get('SigninToken')!);
    res.writeHead(302, { location: `/console/home?account=${c.accountId}&role=${encodeURIComponent(c.roleName)}&user=${encodeURIComponent(c.user)}` }).end();
    return;
  }
  if (url.pathname === '/console/home') {
    const account = s.world.fixture.accounts.find((a) => a.id === url.searchParams.get('account'));
    return sendHtml(res, 200, resultPage('AWS Management Console (sandbox)', account ? `Signed in to ${account.name} (${account.id}) as ${url.searchParams.get('role')}/${url.searchParams.get('user')}.` : 'Not signed in.'));
  }
  throw new ApiError(400, 'InvalidRequest', 'Unknown federation action');
}

const federationTokens = new Map<string, { accessKeyId: string; expiresAt: number }>();
