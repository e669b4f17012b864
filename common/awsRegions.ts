// Regions IAM Identity Center can be set up in, offered as suggestions in the first-run form.
// Suggestions only: a region AWS adds later still passes the form's shape check and the
// start-URL check against the service itself.
export const IDENTITY_CENTER_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'ca-west-1',
  'mx-central-1',
  'sa-east-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-south-2',
  'eu-north-1',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'af-south-1',
  'ap-east-1',
  'ap-south-1',
  'ap-south-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'us-gov-west-1',
  'us-gov-east-1',
] as const;

/**
 * A session name from a start URL, as `aws configure sso` would suggest one: the directory alias
 * (my-company.awsapps.com → my-company), else the host's first label; always a valid
 * `[sso-session NAME]`.
 */
export function suggestSessionName(startUrl: string): string {
  const text = startUrl.trim();
  let host: string;
  try {
    host = new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`).hostname;
  } catch {
    return '';
  }
  const label = host.split('.')[0] ?? '';
  return label.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
}
