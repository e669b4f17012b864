// The bastion a Settings › SSH keys rule names for a target, as an instance id: the rule may give
// an id, or a Name tag that must match exactly one listed instance in the target's account and region.
import { ENVIRONMENTS, type Environment } from '../../../common/environments';
import { FumidaiError } from '../../../common/api/errors';
import type { SshKeySettings } from '../../../common/api/sshKeySettings';
import type { InstanceSummary } from '../../../common/api/inventory';
import { configuredBastion } from './keyRules';

export function bastionFromRules(
  settings: SshKeySettings,
  target: { accountId: string; region: string; environment?: string },
  byName: (name: string) => Pick<InstanceSummary, 'instanceId'>[],
): string | undefined {
  const environment: Environment = (ENVIRONMENTS as readonly string[]).includes(target.environment ?? '') ? (target.environment as Environment) : 'other';
  const named = configuredBastion(settings, { accountId: target.accountId, environment });
  if (!named || /^(i|mi)-[0-9a-f]{8,17}$/.test(named)) return named;
  const found = byName(named);
  if (found.length === 1) return found[0]!.instanceId;
  if (found.length === 0) {
    throw new FumidaiError('InvalidConfig', `The bastion "${named}" named in Settings › SSH keys is not among the listed instances of account ${target.accountId} in ${target.region}. Refresh the inventory, or name the bastion by its instance id.`);
  }
  throw new FumidaiError('InvalidConfig', `${found.length} instances in account ${target.accountId} (${target.region}) are named "${named}": ${found.map((i) => i.instanceId).join(', ')}. Name the bastion by its instance id in Settings › SSH keys.`);
}
