import { describe, expect, it } from 'vitest';
import { FumidaiError } from '../../common/api/errors';
import type { ClientRegistration } from '../auth/oidc';
import { checkStartUrl, type ProbeOidc } from './startUrlProbe';

const KNOWN = 'https://d-1234567890.awsapps.com/start';
const registration: ClientRegistration = { clientId: 'c', clientSecret: 's', expiresAt: Date.now() + 60_000, scopes: ['sso:account:access'] };

/** IAM Identity Center in one region that knows one start URL, as the real service behaves for the probe. */
function identityCenter(home: string, calls: string[] = []): (region: string) => ProbeOidc {
  return (region) => ({
    async registerClient() {
      calls.push(`register ${region}`);
      if (region === 'eu-south-9') throw new FumidaiError('Network', 'Could not reach AWS (getaddrinfo ENOTFOUND oidc.eu-south-9.amazonaws.com).');
      return registration;
    },
    async startDeviceAuthorization(_reg, startUrl) {
      calls.push(`authorize ${region} ${startUrl}`);
      if (region !== home || startUrl !== KNOWN) throw new FumidaiError('InvalidConfig', 'IAM Identity Center rejected the sign-in request (InvalidRequestException). Check the start URL and region.');
      return { deviceCode: 'd', userCode: 'U', verificationUri: 'v', verificationUriComplete: 'v', expiresAt: 0, intervalSeconds: 5 };
    },
  });
}

describe('checkStartUrl', () => {
  it('accepts a start URL its region knows, normalised the way it is saved', async () => {
    const calls: string[] = [];
    await expect(checkStartUrl(identityCenter('us-east-1', calls), { startUrl: ' d-1234567890.awsapps.com/start/ ', region: 'US-EAST-1' })).resolves.toEqual({ startUrl: KNOWN, region: 'us-east-1' });
    expect(calls).toEqual(['register us-east-1', `authorize us-east-1 ${KNOWN}`]);
  });

  it('explains a start URL IAM Identity Center does not know, naming the directory part to check', async () => {
    const err = await checkStartUrl(identityCenter('us-east-1'), { startUrl: 'https://d-1234567809.awsapps.com/start', region: 'us-east-1' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'InvalidConfig', details: { field: 'startUrl' } });
    expect((err as Error).message).toMatch(/does not know the start URL https:\/\/d-1234567809\.awsapps\.com\/start\. Check the part before \.awsapps\.com \(d-1234567809\)/);
  });

  it('mentions the region when the start URL is right but the region is not', async () => {
    await expect(checkStartUrl(identityCenter('ap-northeast-1'), { startUrl: KNOWN, region: 'us-east-1' })).rejects.toThrow(/check that us-east-1 is the region your IAM Identity Center runs in/);
  });

  it('says the region could not be reached when there is no endpoint for it', async () => {
    await expect(checkStartUrl(identityCenter('us-east-1'), { startUrl: KNOWN, region: 'eu-south-9' })).rejects.toMatchObject({
      code: 'Network',
      message: expect.stringMatching(/Could not reach IAM Identity Center in eu-south-9\. Check that eu-south-9 is the region/),
    });
  });

  it('rejects a malformed URL or region before asking AWS anything', async () => {
    const calls: string[] = [];
    await expect(checkStartUrl(identityCenter('us-east-1', calls), { startUrl: 'https://d-1234567890.awsapps.com/strat', region: 'us-east-1' })).rejects.toThrow(/did you mean https:\/\/d-1234567890\.awsapps\.com\/start/);
    await expect(checkStartUrl(identityCenter('us-east-1', calls), { startUrl: KNOWN, region: 'tokyo' })).rejects.toThrow(/not an AWS region/);
    expect(calls).toEqual([]);
  });
});
