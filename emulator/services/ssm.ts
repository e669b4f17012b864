// SSM (awsJson1_1): DescribeInstanceInformation, DescribeSessions, GetParameter(s),
// GetParametersByPath, and StartSession / ResumeSession / TerminateSession — authorised here
// (target exists, is online, tag condition allows it, document valid) and run by the data-channel
// broker.
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ApiError } from '../http/respond';
import type { AuthorizedSession, InstanceRuntimeInfo, SessionBroker } from '../contracts';
import type { FixtureInstance } from '../fixture/schema';
import type { RoleCredentials, World } from '../world';

interface SessionRecord {
  sessionId: string;
  target: string;
  owner: string;
  accountId: string;
  region: string;
  documentName: string;
  reason?: string;
  startDate: number;
  endDate?: number;
  status: 'Connected' | 'Terminated';
}

const epochSeconds = (ms: number) => ms / 1000;

export class SsmService {
  private readonly sessions = new Map<string, SessionRecord>();

  constructor(
    private readonly world: World,
    private readonly broker: SessionBroker & { supportedDocuments: readonly string[] },
    private readonly dataDir: string,
  ) {
    broker.onDidEndSession((id, at) => {
      const s = this.sessions.get(id);
      if (s && s.status !== 'Terminated') {
        s.status = 'Terminated';
        s.endDate = at;
      }
    });
  }

  private instancesIn(c: RoleCredentials, region: string): FixtureInstance[] {
    return this.world.fixture.instances.filter((i) => i.account === c.accountId && i.region === region);
  }

  describeInstanceInformation(c: RoleCredentials, region: string, body: Record<string, unknown>) {
    this.world.authorize(c, 'ssm:DescribeInstanceInformation');
    let list = this.instancesIn(c, region).filter((i) => i.ssmAgent !== 'none' && i.state !== 'terminated');
    const filters = Array.isArray(body.Filters) ? (body.Filters as Array<{ Key: string; Values: string[] }>) : [];
    const legacy = Array.isArray(body.InstanceInformationFilterList) ? (body.InstanceInformationFilterList as Array<{ key: string; valueSet: string[] }>) : [];
    const all = [...filters.map((f) => ({ key: f.Key, values: f.Values })), ...legacy.map((f) => ({ key: f.key, values: f.valueSet }))];
    for (const f of all) {
      if (!f?.key || !Array.isArray(f.values)) throw new ApiError(400, 'InvalidFilterKey', 'The specified filter key is not valid.');
      list = list.filter((i) => {
        const ping = this.ping(i);
        switch (f.key) {
          case 'InstanceIds':
            return f.values.includes(i.id);
          case 'PingStatus':
            return f.values.includes(ping);
          case 'PlatformTypes':
            return f.values.includes(i.platform);
          default:
            if (f.key.startsWith('tag:')) return f.values.includes(i.tags[f.key.slice(4)] ?? '');
            throw new ApiError(400, 'InvalidFilterKey', `The filter key ${f.key} is not valid.`);
        }
      });
    }
    const { items, next } = this.page(list, body);
    return {
      InstanceInformationList: items.map((i) => ({
        InstanceId: i.id,
        PingStatus: this.ping(i),
        LastPingDateTime: epochSeconds(this.world.clock.now() - (this.ping(i) === 'Online' ? 30_000 : 3 * 3600_000)),
        AgentVersion: i.agentVersion,
        IsLatestVersion: true,
        PlatformType: i.platform,
        PlatformName: i.platform === 'Windows' ? 'Microsoft Windows Server 2022 Datacenter' : 'Amazon Linux',
        PlatformVersion: i.platform === 'Windows' ? '10.0.20348' : '2023',
        ResourceType: 'EC2Instance',
        IPAddress: i.privateIp,
        ComputerName: `ip-${i.privateIp.replace(/\./g, '-')}.${i.region}.compute.internal`,
        AssociationStatus: 'Success',
      })),
      ...(next ? { NextToken: next } : {}),
    };
  }

  private ping(i: FixtureInstance): 'Online' | 'ConnectionLost' {
    return i.ssmAgent === 'online' && i.state === 'running' ? 'Online' : 'ConnectionLost';
  }

  private page<T>(list: T[], body: Record<string, unknown>) {
    const max = typeof body.MaxResults === 'number' ? body.MaxResults : 50;
    const start = typeof body.NextToken === 'string' ? Number.parseInt(Buffer.from(body.NextToken, 'base64url').toString(), 10) || 0 : 0;
    const items = list.slice(start, start + max);
    return { items, next: start + max < list.length ? Buffer.from(String(start + max)).toString('base64url') : undefined };
  }

  describeSessions(c: RoleCredentials, region: string, body: Record<string, unknown>) {
    this.world.authorize(c, 'ssm:DescribeSessions');
    const state = body.State;
    if (state !== 'Active' && state !== 'History') throw new ApiError(400, 'ValidationException', "1 validation error detected: Value at 'state' failed to satisfy constraint: Member must satisfy enum value set: [Active, History]");
    const active = new Set(this.broker.activeSessionIds());
    const list = [...this.sessions.values()]
      .filter((s) => s.accountId === c.accountId && s.region === region)
      .filter((s) => (state === 'Active' ? active.has(s.sessionId) && s.status !== 'Terminated' : !active.has(s.sessionId) || s.status === 'Terminated'))
      .filter(sessionFilter(body.Filters));
    const { items, next } = this.page(list, body);
    return {
      Sessions: items.map((s) => ({
        SessionId: s.sessionId,
        Target: s.target,
        Status: state === 'Active' ? 'Connected' : 'Terminated',
        StartDate: epochSeconds(s.startDate),
        ...(s.endDate ? { EndDate: epochSeconds(s.endDate) } : {}),
        DocumentName: s.documentName,
        Owner: s.owner,
        ...(s.reason ? { Reason: s.reason } : {}),
      })),
      ...(next ? { NextToken: next } : {}),
    };
  }

  private parameter(c: RoleCredentials, region: string, name: string, decrypt: boolean) {
    const p = this.world.fixture.parameters.find((x) => x.account === c.accountId && x.region === region && x.name === name);
    if (!p) return undefined;
    const arn = `arn:aws:ssm:${region}:${c.accountId}:parameter${name}`;
    let value = p.value ?? '';
    if (p.keyPair) value = this.world.keyPairs.get(p.keyPair)!.privateKeyOpenSsh;
    if (p.type === 'SecureString') {
      if (decrypt) {
        if (!this.world.permissionSet(c.roleName).kmsDecrypt) {
          throw new ApiError(400, 'AccessDeniedException', `User: ${this.world.principalArn(c)} is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:${region}:${c.accountId}:key/alias/aws/ssm because no identity-based policy allows the kms:Decrypt action (Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException)`);
        }
      } else value = Buffer.from(`kms:${randomBytes(8).toString('hex')}:${value.length}`).toString('base64');
    }
    return { Name: name, Type: p.type, Value: value, Version: 1, LastModifiedDate: epochSeconds(Date.parse('2026-10-01T00:00:00Z')), ARN: arn, DataType: 'text' };
  }

  getParameter(c: RoleCredentials, region: string, body: Record<string, unknown>) {
    const name = requireString(body, 'Name');
    this.world.authorize(c, 'ssm:GetParameter', { arn: `arn:aws:ssm:${region}:${c.accountId}:parameter${name}`, tags: {} });
    const p = this.parameter(c, region, name, body.WithDecryption === true);
    if (!p) throw new ApiError(400, 'ParameterNotFound', `Parameter ${name} not found.`);
    return { Parameter: p };
  }

  getParameters(c: RoleCredentials, region: string, body: Record<string, unknown>) {
    const names = Array.isArray(body.Names) ? (body.Names as string[]) : undefined;
    if (!names || names.length === 0 || names.length > 10) throw new ApiError(400, 'ValidationException', 'Names must contain between 1 and 10 parameter names.');
    this.world.authorize(c, 'ssm:GetParameters');
    const found = names.map((n) => this.parameter(c, region, n, body.WithDecryption === true));
    return { Parameters: found.filter((p) => p !== undefined), InvalidParameters: names.filter((_, i) => !found[i]) };
  }

  getParametersByPath(c: RoleCredentials, region: string, body: Record<string, unknown>) {
    const path = requireString(body, 'Path');
    this.world.authorize(c, 'ssm:GetParametersByPath');
    const prefix = path.endsWith('/') ? path : `${path}/`;
    const names = this.world.fixture.parameters
      .filter((p) => p.account === c.accountId && p.region === region && p.name.startsWith(prefix) && (body.Recursive === true || !p.name.slice(prefix.length).includes('/')))
      .map((p) => p.name)
      .sort();
    const { items, next } = this.page(names, { ...body, MaxResults: typeof body.MaxResults === 'number' ? body.MaxResults : 10 });
    return { Parameters: items.map((n) => this.parameter(c, region, n, body.WithDecryption === true)!), ...(next ? { NextToken: next } : {}) };
  }

  startSession(c: RoleCredentials, region: string, body: Record<string, unknown>) {
    const target = requireString(body, 'Target');
    const documentName = typeof body.DocumentName === 'string' && body.DocumentName ? body.DocumentName : 'SSM-SessionManagerRunShell';
    const reason = typeof body.Reason === 'string' ? body.Reason.slice(0, 256) : undefined;
    const instance = this.world.instance(target);
    const arn = instance ? this.world.instanceArn(instance) : `arn:aws:ec2:${region}:${c.accountId}:instance/${target}`;
    this.world.authorize(c, 'ssm:StartSession', { arn, tags: instance?.tags ?? {} });
    // AWS answers an unknown target with TargetNotConnected too.
    if (!instance || instance.account !== c.accountId || instance.region !== region) throw new ApiError(400, 'TargetNotConnected', `${target} is not connected.`);
    if (!this.broker.supportedDocuments.includes(documentName)) throw new ApiError(400, 'InvalidDocument', `Document with name ${documentName} does not exist.`);
    if (instance.ssmAgent !== 'online' || instance.state !== 'running') throw new ApiError(400, 'TargetNotConnected', `${target} is not connected.`);
    const sessionId = `${c.user}-${randomBytes(9).toString('hex')}`;
    const runAs = this.world.permissionSet(c.roleName).runAs ?? 'ssm-user';
    const kmsKeyId = this.world.fixture.sessionPreferences.find((p) => p.account === c.accountId && p.region === region)?.kmsKeyId;
    const session: AuthorizedSession = {
      sessionId,
      tokenValue: randomBytes(96).toString('base64'),
      target: this.runtimeInfo(instance),
      documentName,
      parameters: (body.Parameters as Record<string, string[]>) ?? {},
      runAsUser: runAs,
      principalArn: this.world.principalArn(c),
      ...(reason ? { reason } : {}),
      ...(kmsKeyId ? { kmsKeyId } : {}),
    };
    const { streamUrl } = this.broker.createSession(session);
    this.sessions.set(sessionId, { sessionId, target, owner: this.world.principalArn(c), accountId: c.accountId, region, documentName, reason, startDate: this.world.clock.now(), status: 'Connected' });
    this.world.record({
      eventName: 'StartSession',
      eventSource: 'ssm.amazonaws.com',
      username: c.user,
      accountId: c.accountId,
      region,
      accessKeyId: c.accessKeyId,
      resources: [{ type: 'AWS::EC2::Instance', name: target }],
      requestParameters: { target, documentName, ...(reason ? { reason } : {}) },
      responseElements: { sessionId, streamUrl, tokenValue: 'Value hidden due to security reasons.' },
    });
    return { SessionId: sessionId, StreamUrl: streamUrl, TokenValue: session.tokenValue };
  }

  resumeSession(c: RoleCredentials, region: string, body: Record<string, unknown>) {
    const sessionId = requireString(body, 'SessionId');
    this.world.authorize(c, 'ssm:ResumeSession');
    const s = this.sessions.get(sessionId);
    if (!s || s.accountId !== c.accountId || s.region !== region) throw new ApiError(400, 'DoesNotExistException', `Session ${sessionId} does not exist.`);
    if (s.status === 'Terminated') return { SessionId: sessionId };
    const { streamUrl, tokenValue } = this.broker.resumeSession(sessionId);
    return { SessionId: sessionId, StreamUrl: streamUrl, TokenValue: tokenValue };
  }

  terminateSession(c: RoleCredentials, region: string, body: Record<string, unknown>) {
    const sessionId = requireString(body, 'SessionId');
    this.world.authorize(c, 'ssm:TerminateSession');
    const s = this.sessions.get(sessionId);
    if (s && s.status !== 'Terminated' && s.accountId === c.accountId && s.region === region) {
      this.broker.terminateSession(sessionId);
      s.status = 'Terminated';
      s.endDate = this.world.clock.now();
      this.world.record({
        eventName: 'TerminateSession',
        eventSource: 'ssm.amazonaws.com',
        username: c.user,
        accountId: c.accountId,
        region,
        accessKeyId: c.accessKeyId,
        resources: [{ type: 'AWS::SSM::Session', name: sessionId }],
        requestParameters: { sessionId },
        responseElements: { sessionId },
      });
    }
    return { SessionId: sessionId };
  }

  runtimeInfo(i: FixtureInstance): InstanceRuntimeInfo {
    return { instanceId: i.id, accountId: i.account, region: i.region, name: i.name, platform: i.platform, rootDir: join(this.dataDir, i.id), services: i.services };
  }
}

/** DescribeSessions filters: lower-case `{key, value}` members, one value each, as AWS takes them. */
function sessionFilter(raw: unknown): (s: SessionRecord) => boolean {
  if (raw === undefined) return () => true;
  const invalid = (detail: string) => new ApiError(400, 'InvalidFilterKey', detail);
  if (!Array.isArray(raw) || raw.length < 1 || raw.length > 6) throw new ApiError(400, 'ValidationException', "1 validation error detected: Value at 'filters' failed to satisfy constraint: Member must have length between 1 and 6");
  const tests = raw.map((f: unknown) => {
    const { key, value } = (f ?? {}) as { key?: unknown; value?: unknown };
    if (typeof value !== 'string' || !value) throw new ApiError(400, 'ValidationException', "1 validation error detected: Value null at 'filters.member.value' failed to satisfy constraint: Member must not be null");
    const time = (which: string) => {
      const ms = Date.parse(value);
      if (Number.isNaN(ms)) throw invalid(`The ${which} filter value ${value} is not a valid time; use a value like 2024-08-29T00:00:00Z.`);
      return ms;
    };
    switch (key) {
      case 'InvokedAfter': {
        const t = time('InvokedAfter');
        return (s: SessionRecord) => s.startDate >= t;
      }
      case 'InvokedBefore': {
        const t = time('InvokedBefore');
        return (s: SessionRecord) => s.startDate <= t;
      }
      case 'Target':
        return (s: SessionRecord) => s.target === value;
      case 'Owner':
        return (s: SessionRecord) => s.owner === value;
      case 'Status':
        return (s: SessionRecord) => s.status === value;
      case 'SessionId':
        return (s: SessionRecord) => s.sessionId === value;
      case 'AccessType':
        return () => value === 'Standard';
      default:
        throw invalid(`The filter key ${String(key)} is not valid. Valid keys: InvokedAfter, InvokedBefore, Target, Owner, Status, SessionId, AccessType.`);
    }
  });
  return (s) => tests.every((t) => t(s));
}

function requireString(body: Record<string, unknown>, key: string): string {
  const v = body[key];
  if (typeof v !== 'string' || !v) throw new ApiError(400, 'ValidationException', `1 validation error detected: Value null at '${key.charAt(0).toLowerCase()}${key.slice(1)}' failed to satisfy constraint: Member must not be null`);
  return v;
}
