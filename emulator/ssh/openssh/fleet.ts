import type { SshHostFleet } from '../../contracts';
import type { StartSshHostsOptions } from '../index';

export async function startOpenSshFleet(_opts: StartSshHostsOptions): Promise<SshHostFleet> {
  throw new Error('the openssh back-end is being built');
}
