// Opens SSH shells for terminal tabs: what the tab asked for (an instance, and "through its
// bastion", "over Session Manager" or "directly") becomes a connection plan with the inventory's
// facts about the instance and its bastion, then a shell.
import type { InstanceSummary } from '../../common/api/inventory';
import { FumidaiError } from '../../common/api/errors';
import type { OpenSshInput, SshShellOpener } from '../sessions/terminalService';
import type { InstanceFacts, SshVia } from './routePlan';
import type { SshSessionService } from './sshSessionService';

export interface TerminalOpenerDeps {
  ssh: SshSessionService;
  /** The inventory's instance, when it has been listed. */
  lookup: (ssoSessionId: string, instanceId: string) => InstanceSummary | undefined;
  /** The bastion Settings › SSH keys names for this target's account and environment, as an instance id. */
  configuredBastion?: (ssoSessionId: string, target: InstanceFacts) => string | undefined;
}

export function factsOf(i: Pick<InstanceSummary, 'instanceId' | 'name' | 'accountId' | 'region' | 'environment' | 'privateIp' | 'publicIp'>): InstanceFacts {
  return {
    instanceId: i.instanceId,
    accountId: i.accountId,
    region: i.region,
    ...(i.name ? { name: i.name } : {}),
    ...(i.environment ? { environment: i.environment } : {}),
    ...(i.privateIp ? { privateIp: i.privateIp } : {}),
    ...(i.publicIp ? { publicIp: i.publicIp } : {}),
  };
}

export function sshTerminalOpener(deps: TerminalOpenerDeps): SshShellOpener {
  return {
    async open(input: OpenSshInput, prompter, signal) {
      const known = deps.lookup(input.ssoSessionId, input.instanceId);
      const target: InstanceFacts = known ? factsOf(known) : { instanceId: input.instanceId, accountId: input.accountId, region: input.region };
      let via: SshVia;
      if (input.via === 'bastion') {
        // A bastion the user chose for this tab, then one a settings rule names, then the inventory's.
        const bastionId = input.bastionId ?? deps.configuredBastion?.(input.ssoSessionId, target) ?? known?.route.bastionId;
        if (!bastionId) {
          throw new FumidaiError('InvalidRequest', `No bastion is known for ${target.name ?? target.instanceId}: the inventory lists no running bastion in its VPC. Choose one, or connect over Session Manager.`);
        }
        if (bastionId === input.instanceId) via = { kind: 'direct' };
        else {
          const bastion = deps.lookup(input.ssoSessionId, bastionId);
          via = { kind: 'bastion', bastion: bastion ? factsOf(bastion) : { instanceId: bastionId, accountId: input.accountId, region: input.region } };
        }
      } else via = { kind: input.via };
      const opened = await deps.ssh.openShell(
        {
          access: { ssoSessionId: input.ssoSessionId, accountId: input.accountId, roleName: input.roleName, region: input.region },
          target,
          via,
          ...(input.osUser ? { osUser: input.osUser } : {}),
          ...(input.reason ? { reason: input.reason } : {}),
        },
        prompter,
        { cols: input.cols, rows: input.rows },
        signal,
      );
      const jumps = opened.plan.hops.slice(0, -1).map((h) => h.label);
      return {
        shell: opened.shell,
        osUser: opened.target.username,
        via: opened.plan.transport === 'ssm' ? 'Session Manager' : jumps.length ? jumps.join(' → ') : 'direct',
        viaKind: opened.plan.transport === 'ssm' ? 'ssm' : jumps.length ? 'bastion' : 'direct',
        ...(opened.awsSessionId ? { awsSessionId: opened.awsSessionId } : {}),
        close: () => {
          opened.shell.close();
          opened.chain.close();
        },
      };
    },
  };
}
