// The user's SSH agent (SSH_AUTH_SOCK, or a socket the settings name; Pageant or a named pipe on
// Windows, as ssh2 supports them). The vault asks the agent which keys it holds when a connection
// needs one, so a missing agent or an empty one is reported before any host is contacted.
import ssh2, { type BaseAgent, type ParsedKey } from 'ssh2';
import { FumidaiError } from '../../../../common/api/errors';
import { fingerprintOf } from '../heldKey';
import { parseIdentities } from '../vaultAgent';

export const AGENT_TIMEOUT_MS = 5_000;

export interface AgentKey {
  agent: BaseAgent;
  /** The identities offered (one when a fingerprint was asked for). */
  keys: ParsedKey[];
  socket: string;
}

export function agentSocketFrom(socket: string | undefined, env: NodeJS.ProcessEnv): string {
  const chosen = socket ?? env.SSH_AUTH_SOCK;
  if (!chosen) throw new FumidaiError('InvalidConfig', 'No SSH agent: SSH_AUTH_SOCK is not set. Start ssh-agent and add your key with ssh-add, or name the agent socket in Settings › SSH keys.');
  return chosen;
}

export async function openAgentKey(socket: string, fingerprint: string | undefined, createAgent: (socket: string) => BaseAgent = ssh2.createAgent): Promise<AgentKey> {
  const agent = createAgent(socket);
  const listed = await new Promise<ParsedKey[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new FumidaiError('Timeout', `The SSH agent at ${socket} did not answer within ${AGENT_TIMEOUT_MS / 1000} s.`)), AGENT_TIMEOUT_MS);
    agent.getIdentities((err, keys) => {
      clearTimeout(timer);
      if (err) return reject(new FumidaiError('InvalidConfig', `Could not use the SSH agent at ${socket} (${err.message}). Check that ssh-agent is running and SSH_AUTH_SOCK points to it.`));
      resolve(parseIdentities(keys));
    });
  });
  if (listed.length === 0) throw new FumidaiError('InvalidConfig', `The SSH agent at ${socket} holds no keys. Add yours with ssh-add.`);
  if (!fingerprint) return { agent, keys: listed, socket };
  const match = listed.filter((k) => fingerprintOf(k.getPublicSSH()) === fingerprint);
  if (match.length === 0) {
    throw new FumidaiError('InvalidConfig', `The SSH agent at ${socket} does not hold the key ${fingerprint} (it holds ${listed.map((k) => fingerprintOf(k.getPublicSSH())).join(', ')}). Add it with ssh-add, or change the fingerprint in Settings › SSH keys.`);
  }
  return { agent, keys: match, socket };
}
