// Endpoint overrides, resolved exactly as the AWS SDKs and CLI resolve them, for the few URLs
// Fumidai builds itself (the PKCE /authorize page, the console federation endpoint). SDK clients
// resolve their own endpoints from the same variables, so one override switches everything
// between real AWS and a local emulator — there is no emulator-only code path.

/** Service ids as the SDKs spell them (the env var is AWS_ENDPOINT_URL_<ID upper, spaces → _>). */
export type ServiceId = 'SSO OIDC' | 'SSO' | 'SSM' | 'EC2' | 'STS' | 'EC2 Instance Connect' | 'CloudTrail' | 'Signin';

const DEFAULT_HOSTS: Record<ServiceId, (region: string) => string> = {
  'SSO OIDC': (r) => `https://oidc.${r}.amazonaws.com`,
  SSO: (r) => `https://portal.sso.${r}.amazonaws.com`,
  SSM: (r) => `https://ssm.${r}.amazonaws.com`,
  EC2: (r) => `https://ec2.${r}.amazonaws.com`,
  STS: (r) => `https://sts.${r}.amazonaws.com`,
  'EC2 Instance Connect': (r) => `https://ec2-instance-connect.${r}.amazonaws.com`,
  CloudTrail: (r) => `https://cloudtrail.${r}.amazonaws.com`,
  // The console federation endpoint is global.
  Signin: () => 'https://signin.aws.amazon.com',
};

export function endpointEnvName(service: ServiceId): string {
  return `AWS_ENDPOINT_URL_${service.toUpperCase().replace(/ /g, '_')}`;
}

/** The configured override for a service, if any (service-specific first, then the global one). */
export function configuredEndpoint(service: ServiceId, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if ((env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '').toLowerCase() === 'true') return undefined;
  const value = env[endpointEnvName(service)] || env.AWS_ENDPOINT_URL;
  return value ? value.replace(/\/+$/, '') : undefined;
}

export function serviceEndpoint(service: ServiceId, region: string, env: NodeJS.ProcessEnv = process.env): string {
  return configuredEndpoint(service, env) ?? DEFAULT_HOSTS[service](region);
}

/** The AWS console URL to land on after federation (overridable for the local sandbox). */
export function consoleUrl(region: string, env: NodeJS.ProcessEnv = process.env): string {
  const signin = configuredEndpoint('Signin', env);
  if (signin) return `${signin}/console/home?region=${encodeURIComponent(region)}`;
  return `https://${region}.console.aws.amazon.com/console/home?region=${encodeURIComponent(region)}`;
}
