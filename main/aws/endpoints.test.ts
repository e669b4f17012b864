import { describe, expect, it } from 'vitest';
import { configuredEndpoint, endpointEnvName, serviceEndpoint } from './endpoints';

describe('endpoints', () => {
  it('names env vars as the SDKs do', () => {
    expect(endpointEnvName('SSO OIDC')).toBe('AWS_ENDPOINT_URL_SSO_OIDC');
    expect(endpointEnvName('EC2 Instance Connect')).toBe('AWS_ENDPOINT_URL_EC2_INSTANCE_CONNECT');
  });

  it('prefers the service-specific override, then the global one, then AWS', () => {
    expect(serviceEndpoint('SSO OIDC', 'ap-northeast-1', {})).toBe('https://oidc.ap-northeast-1.amazonaws.com');
    expect(serviceEndpoint('SSO OIDC', 'eu-west-1', { AWS_ENDPOINT_URL: 'http://127.0.0.1:4599/' })).toBe('http://127.0.0.1:4599');
    expect(
      serviceEndpoint('SSO OIDC', 'eu-west-1', { AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_ENDPOINT_URL_SSO_OIDC: 'http://127.0.0.1:2' }),
    ).toBe('http://127.0.0.1:2');
  });

  it('honours AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', () => {
    expect(configuredEndpoint('SSM', { AWS_ENDPOINT_URL: 'http://x', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' })).toBeUndefined();
  });
});
