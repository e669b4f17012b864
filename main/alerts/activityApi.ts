// The two AWS calls the alerts make with a role's credentials: who am I (STS GetCallerIdentity,
// for the user name CloudTrail files events under and team notifications name), and what did
// that identity do lately (CloudTrail LookupEvents). Endpoints come from the SDK's own
// configuration (AWS_ENDPOINT_URL…), like every other client.
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { RoleCredentialsService } from '../accounts/roleCredentials';
import { sdkUserAgent } from '../aws/deviceAgent';

export interface TrailEvent {
  eventId: string;
  eventName: string;
  eventSource: string;
  eventTime: number;
  username: string;
  region: string;
  accountId: string;
  sourceIp: string;
  userAgent: string;
  /** The instance of a StartSession, when recorded. */
  target?: string;
}

export interface ActivityApi {
  /** The caller's ARN and the user name in it (the role session name: the SSO user). */
  whoAmI(): Promise<{ arn: string; user: string }>;
  /** Events filed under `username` since `since` (epoch ms), newest first, at most `max`. */
  lookup(username: string, since: number, max?: number): Promise<TrailEvent[]>;
}

export type ActivityApiFactory = (region: string, credentials: ReturnType<RoleCredentialsService['provider']>) => ActivityApi;

export const createActivityApi: ActivityApiFactory = (region, credentials) => {
  const sts = new STSClient({ region, credentials, customUserAgent: sdkUserAgent() });
  const trail = new CloudTrailClient({ region, credentials, customUserAgent: sdkUserAgent() });
  return {
    async whoAmI() {
      const out = await sts.send(new GetCallerIdentityCommand({}));
      const arn = out.Arn ?? '';
      return { arn, user: arn.slice(arn.lastIndexOf('/') + 1) };
    },
    async lookup(username, since, max = 50) {
      const out = await trail.send(
        new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: username }], StartTime: new Date(since), MaxResults: Math.min(50, max) }),
      );
      return (out.Events ?? []).map((e): TrailEvent => {
        let detail: { awsRegion?: string; sourceIPAddress?: string; userAgent?: string; recipientAccountId?: string; requestParameters?: { target?: string } } = {};
        try {
          detail = JSON.parse(e.CloudTrailEvent ?? '{}') as typeof detail;
        } catch {
          // an event without its JSON still has the summary fields
        }
        return {
          eventId: e.EventId ?? '',
          eventName: e.EventName ?? '',
          eventSource: e.EventSource ?? '',
          eventTime: e.EventTime?.getTime() ?? 0,
          username: e.Username ?? '',
          region: detail.awsRegion ?? region,
          accountId: detail.recipientAccountId ?? '',
          sourceIp: detail.sourceIPAddress ?? '',
          userAgent: detail.userAgent ?? '',
          ...(detail.requestParameters?.target ? { target: detail.requestParameters.target } : {}),
        };
      });
    },
  };
};
