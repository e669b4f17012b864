// What the user reads when StartSession is refused: the real SDK client against a stand-in SSM
// endpoint that answers with AWS's own error shapes, through the product's error translation, the
// CLI commands and the port-forwarding session.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCommand } from '../../../main/cli/commands/connect';
import { execCommand } from '../../../main/cli/commands/exec';
import { PortForwardSession } from '../../../main/ssm/ports/portForwardSession';
import { createSsmSessionApi } from '../../../main/ssm/ssmApi';
import { captureIo, fakeServices } from './helpers/cliWiring';

const DENY = 'User: arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Dev/alice is not authorized to perform: ssm:StartSession on resource: arn:aws:ec2:eu-west-1:111122223333:instance/i-0aaaaaaaaaaaaaaaa with an explicit deny in a service control policy: production hosts need the Breakglass role';

let server: Server;
let endpoint = '';
const seen: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const target = String(JSON.parse(body).Target ?? '');
      seen.push(`${req.headers['x-amz-target']} ${target}`);
      const [type, message] = target === 'i-0aaaaaaaaaaaaaaaa' ? ['AccessDeniedException', DENY] : ['TargetNotConnected', `${target} is not connected.`];
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-1' });
      res.end(JSON.stringify({ __type: type, message }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  // The SDK resolves configured endpoints when a request is sent, the standard way.
  process.env.AWS_ENDPOINT_URL_SSM = endpoint;
});
afterAll(async () => {
  delete process.env.AWS_ENDPOINT_URL_SSM;
  await new Promise<void>((r) => server.close(() => r()));
});

const creds = async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token', expiration: new Date(Date.now() + 3_600_000) });
const withEndpoint = (region: string) => createSsmSessionApi(region, creds);
const deps = () => ({ ssmApi: withEndpoint });
const who = ['--account', '111122223333', '--role', 'Dev', '--region', 'eu-west-1'];

describe('StartSession refusals', () => {
  it('TargetNotConnected says the agent is offline and what to check', async () => {
    const err = await withEndpoint('eu-west-1')
      .start({ target: 'i-0bbbbbbbbbbbbbbbb' })
      .then(() => new Error('StartSession succeeded'), (e: unknown) => e as Error & { code?: string });
    expect(err).toMatchObject({ code: 'TargetNotConnected' });
    expect(err.message).toBe(
      'i-0bbbbbbbbbbbbbbbb is not connected to Session Manager (the SSM agent is offline or unreachable). Check that the instance is running and its agent is online, or connect through a bastion.',
    );
    await expect(connectCommand(fakeServices(), deps()).run(['i-0bbbbbbbbbbbbbbbb', ...who], captureIo().io)).rejects.toThrow('is not connected to Session Manager');
    await expect(PortForwardSession.start({ api: withEndpoint('eu-west-1'), target: 'i-0bbbbbbbbbbbbbbbb', remotePort: 5432 })).rejects.toThrow('the SSM agent is offline or unreachable');
  });

  it("AccessDenied carries the policy's own reason to the user", async () => {
    const err = await withEndpoint('eu-west-1')
      .start({ target: 'i-0aaaaaaaaaaaaaaaa', reason: 'INC-1' })
      .then(() => new Error('StartSession succeeded'), (e: unknown) => e as Error & { code?: string });
    expect(err).toMatchObject({ code: 'AccessDenied', message: DENY });
    await expect(execCommand(fakeServices(), deps()).run(['i-0aaaaaaaaaaaaaaaa', ...who, '--', 'id'], captureIo().io)).rejects.toThrow('production hosts need the Breakglass role');
    expect(seen.every((s) => s.startsWith('AmazonSSM.StartSession '))).toBe(true);
  });
});
