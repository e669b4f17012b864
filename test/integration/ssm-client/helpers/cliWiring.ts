// The SSM commands wired to the emulator's broker instead of AWS: a services factory with one SSO
// session and credentials that are never used (the API is the harness's), plus captured I/O.
import type { CliIo } from '../../../../main/cli/command';
import type { CliServices, CliServicesFactory } from '../../../../main/cli/services';
import type { SsmCommandDeps } from '../../../../main/cli/commands/connect';
import type { Harness } from '../../datachannel/helpers/harness';
import { harnessApi } from './harnessApi';

export function fakeServices(): CliServicesFactory {
  const svc = {
    auth: { reload: async () => ({ sessions: [{ id: 'corp', name: 'corp', region: 'eu-west-1', state: 'signed-in' }] }) },
    credentials: { provider: () => async () => ({ accessKeyId: 'unused', secretAccessKey: 'unused' }) },
    dispose: async () => {},
  } as unknown as CliServices;
  return async () => svc;
}

export function harnessDeps(h: Harness, extra: Partial<SsmCommandDeps> = {}): SsmCommandDeps & { api: ReturnType<typeof harnessApi> } {
  const api = harnessApi(h);
  return { ssmApi: () => api, api, ...extra };
}

export function captureIo() {
  let stdout = '';
  let stderr = '';
  let interrupt!: () => void;
  const interrupted = new Promise<void>((r) => (interrupt = r));
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {}, interrupted };
  return { io, interrupt, stdout: () => stdout, stderr: () => stderr };
}
