// STS GetCallerIdentity (awsQuery/XML), CloudTrail LookupEvents and EC2 Instance Connect
// SendSSHPublicKey (awsJson1_1).
import { ApiError, xmlEscape } from '../http/respond';
import type { InstanceConnectKeys } from '../contracts';
import type { RoleCredentials, World } from '../world';

export function getCallerIdentity(world: World, c: RoleCredentials): string {
  world.authorize(c, 'sts:GetCallerIdentity', undefined, 'AccessDenied');
  return `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${xmlEscape(world.principalArn(c))}</Arn><UserId>AROA${c.accountId}:${xmlEscape(c.user)}</UserId><Account>${c.accountId}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>${crypto.randomUUID()}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
}

export function lookupEvents(world: World, c: RoleCredentials, region: string, body: Record<string, unknown>) {
  world.authorize(c, 'cloudtrail:LookupEvents');
  const attrs = Array.isArray(body.LookupAttributes) ? (body.LookupAttributes as Array<{ AttributeKey: string; AttributeValue: string }>) : [];
  if (attrs.length > 1) throw new ApiError(400, 'InvalidLookupAttributesException', 'You cannot specify more than one lookup attribute.');
  let list = world.events.filter((e) => (e.accountId === c.accountId || e.accountId === '') && (e.region === region || e.eventSource !== 'ssm.amazonaws.com'));
  for (const a of attrs) {
    if (a.AttributeKey === 'EventName') list = list.filter((e) => e.eventName === a.AttributeValue);
    else if (a.AttributeKey === 'Username') list = list.filter((e) => e.username === a.AttributeValue);
    else if (a.AttributeKey === 'EventSource') list = list.filter((e) => e.eventSource === a.AttributeValue);
    else throw new ApiError(400, 'InvalidLookupAttributesException', `Lookup attribute ${a.AttributeKey} is not supported here.`);
  }
  const start = typeof body.StartTime === 'number' ? body.StartTime * 1000 : 0;
  const end = typeof body.EndTime === 'number' ? body.EndTime * 1000 : Infinity;
  list = list.filter((e) => e.eventTime >= start && e.eventTime <= end).reverse();
  const max = typeof body.MaxResults === 'number' ? Math.min(50, body.MaxResults) : 50;
  const from = typeof body.NextToken === 'string' ? Number.parseInt(Buffer.from(body.NextToken, 'base64url').toString(), 10) || 0 : 0;
  const items = list.slice(from, from + max);
  return {
    Events: items.map((e) => ({
      EventId: e.eventId,
      EventName: e.eventName,
      ReadOnly: 'false',
      AccessKeyId: e.accessKeyId,
      EventTime: e.eventTime / 1000,
      EventSource: e.eventSource,
      Username: e.username,
      Resources: e.resources.map((r) => ({ ResourceType: r.type, ResourceName: r.name })),
      CloudTrailEvent: JSON.stringify({
        eventVersion: '1.08',
        userIdentity: { type: 'AssumedRole', principalId: `AROA:${e.username}`, accountId: e.accountId, accessKeyId: e.accessKeyId, sessionContext: { sessionIssuer: { type: 'Role', userName: e.username } } },
        eventTime: new Date(e.eventTime).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        eventSource: e.eventSource,
        eventName: e.eventName,
        awsRegion: e.region,
        sourceIPAddress: e.sourceIp,
        userAgent: e.userAgent,
        requestParameters: e.requestParameters,
        responseElements: e.responseElements,
        eventID: e.eventId,
        readOnly: false,
        eventType: 'AwsApiCall',
        recipientAccountId: e.accountId,
      }),
    })),
    ...(from + max < list.length ? { NextToken: Buffer.from(String(from + max)).toString('base64url') } : {}),
  };
}

/** EC2 Instance Connect: pushed keys are valid for 60 s (by the emulator clock). */
export class InstanceConnectStore implements InstanceConnectKeys {
  private readonly keys: Array<{ instanceId: string; osUser: string; key: string; expiresAt: number }> = [];

  constructor(private readonly world: World) {}

  send(c: RoleCredentials, region: string, body: Record<string, unknown>) {
    const instanceId = body.InstanceId;
    const osUser = body.InstanceOSUser;
    const key = body.SSHPublicKey;
    if (typeof instanceId !== 'string' || typeof osUser !== 'string' || typeof key !== 'string') throw new ApiError(400, 'InvalidArgsException', 'InstanceId, InstanceOSUser and SSHPublicKey are required.');
    const instance = this.world.instance(instanceId);
    if (!instance || instance.account !== c.accountId || instance.region !== region) throw new ApiError(400, 'EC2InstanceNotFoundException', `Instance ${instanceId} not found.`);
    this.world.authorize(c, 'ec2-instance-connect:SendSSHPublicKey', { arn: this.world.instanceArn(instance), tags: instance.tags });
    if (!/^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+/.test(key)) throw new ApiError(400, 'InvalidArgsException', 'The SSH public key is not in a supported format.');
    if (instance.state !== 'running') throw new ApiError(400, 'EC2InstanceStateInvalidException', `Instance ${instanceId} is not running.`);
    this.keys.push({ instanceId, osUser, key: key.trim(), expiresAt: this.world.clock.now() + 60_000 });
    this.world.record({
      eventName: 'SendSSHPublicKey',
      eventSource: 'ec2-instance-connect.amazonaws.com',
      username: c.user,
      accountId: c.accountId,
      region,
      accessKeyId: c.accessKeyId,
      resources: [{ type: 'AWS::EC2::Instance', name: instanceId }],
      requestParameters: { instanceId, instanceOSUser: osUser },
      responseElements: null,
    });
    return { RequestId: crypto.randomUUID(), Success: true };
  }

  validKeys(instanceId: string, osUser: string): string[] {
    const now = this.world.clock.now();
    return this.keys.filter((k) => k.instanceId === instanceId && k.osUser === osUser && k.expiresAt > now).map((k) => k.key);
  }
}
