// Opens the AWS console for an account and role through the federation endpoint: role
// credentials are exchanged for a short-lived sign-in token, which goes into the login URL the
// user's browser opens. The credentials themselves never leave this process.
import { FumidaiError } from '../../common/api/errors';
import { configuredEndpoint, consoleUrl } from '../aws/endpoints';
import type { RoleCredentials } from '../auth/ports';

export async function buildConsoleLoginUrl(
  creds: RoleCredentials,
  region: string,
  env: NodeJS.ProcessEnv = process.env,
  fetchImpl: typeof fetch = fetch,
): Promise<string> {
  const signin = configuredEndpoint('Signin', env) ?? 'https://signin.aws.amazon.com';
  const session = JSON.stringify({ sessionId: creds.accessKeyId, sessionKey: creds.secretAccessKey, sessionToken: creds.sessionToken });
  const tokenUrl = `${signin}/federation?Action=getSigninToken&Session=${encodeURIComponent(session)}`;
  let res: Response;
  try {
    res = await fetchImpl(tokenUrl);
  } catch (e) {
    throw new FumidaiError('Network', `Could not reach the AWS sign-in endpoint (${(e as Error).message}).`);
  }
  if (!res.ok) throw new FumidaiError('AccessDenied', `The AWS sign-in endpoint refused the console sign-in (HTTP ${res.status}).`);
  const body = (await res.json().catch(() => ({}))) as { SigninToken?: string };
  if (!body.SigninToken) throw new FumidaiError('Internal', 'The AWS sign-in endpoint returned no sign-in token.');
  return (
    `${signin}/federation?Action=login&Issuer=${encodeURIComponent('Fumidai')}` +
    `&Destination=${encodeURIComponent(consoleUrl(region, env))}&SigninToken=${encodeURIComponent(body.SigninToken)}`
  );
}
