// Asks IAM Identity Center whether it knows a start URL before the session is saved, so a typo in
// the directory id or the wrong region is explained in the setup form instead of failing later
// at sign-in. The check is the first half of a device sign-in: register a client, then start a
// device authorization for the start URL; nothing is approved and both expire on their own.
import { FumidaiError } from '../../common/api/errors';
import type { OidcApi } from '../auth/oidc';
import { validateSsoSession } from '../aws/ssoConfig';

export type ProbeOidc = Pick<OidcApi, 'registerClient' | 'startDeviceAuthorization'>;

export async function checkStartUrl(oidcFor: (region: string) => ProbeOidc, input: { startUrl: string; region: string }): Promise<{ startUrl: string; region: string }> {
  const valid = validateSsoSession(input.startUrl, input.region);
  const oidc = oidcFor(valid.region);
  let registration;
  try {
    registration = await oidc.registerClient({ clientName: 'fumidai-setup-check', scopes: ['sso:account:access'] });
  } catch (e) {
    throw explain(e, valid, 'register');
  }
  try {
    await oidc.startDeviceAuthorization(registration, valid.startUrl);
  } catch (e) {
    throw explain(e, valid, 'authorize');
  }
  return valid;
}

function explain(e: unknown, { startUrl, region }: { startUrl: string; region: string }, step: 'register' | 'authorize'): Error {
  if (!(e instanceof FumidaiError)) return e as Error;
  if (e.code === 'Network') {
    return new FumidaiError('Network', `Could not reach IAM Identity Center in ${region}. Check that ${region} is the region your organisation's IAM Identity Center runs in, and your network connection. (${e.message})`, {
      problem: 'unreachable',
      region,
      cause: e.message,
    });
  }
  if (e.code === 'InvalidConfig' && step === 'authorize') {
    const host = new URL(startUrl).hostname;
    const directory = /\.awsapps\.com$/i.test(host) ? host.replace(/\.awsapps\.com$/i, '') : undefined;
    const where = directory !== undefined ? ` Check the part before .awsapps.com (${directory}): it is your directory's id or alias, exactly as in the invitation email or the AWS access portal's address.` : '';
    return new FumidaiError('InvalidConfig', `IAM Identity Center in ${region} does not know the start URL ${startUrl}.${where} Also check that ${region} is the region your IAM Identity Center runs in.`, {
      field: 'startUrl',
      problem: 'unknown-start-url',
      region,
      startUrl,
      ...(directory !== undefined ? { directory } : {}),
    });
  }
  return e;
}
