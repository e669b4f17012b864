// Which shells are recorded, and with what metadata: the settings say per environment (production
// on by default); the environment, instance and account names come from the inventory. A host the
// inventory does not know is recorded if it was opened with a reason (the UI asks for one only on
// production) or if "other" is recorded — an unknown host is never silently exempt.
import type { Settings } from '../../common/api/settings';
import type { Environment } from '../../common/environments';
import type { RecordingHandle, RecordingRequest } from './terminalService';
import type { RecordingMetadata } from './recording/asciicast';
import type { TerminalShell } from './terminalShell';

export interface KnownHost {
  environment: Environment;
  instanceName?: string;
  accountName?: string;
}

export interface RecordingPolicyDeps {
  settings: () => Settings['recording'];
  lookup: (input: RecordingRequest['input']) => KnownHost | undefined;
  history: { record(shell: TerminalShell, metadata: Omit<RecordingMetadata, 'startedAt'>, size: { cols: number; rows: number }): Promise<RecordingHandle> };
}

/** AWS names a session `<principal's session name>-<random hex>`: the first part is who. */
export function identityOf(awsSessionId: string): string {
  return awsSessionId.replace(/-[0-9a-f]{8,}$/i, '') || awsSessionId;
}

export function environmentToRecord(known: KnownHost | undefined, reason: string | undefined): Environment {
  if (known) return known.environment;
  return reason ? 'production' : 'other';
}

export function recordingPolicy(deps: RecordingPolicyDeps): (request: RecordingRequest) => Promise<RecordingHandle | undefined> {
  return async ({ input, identity, awsSessionId, shell }) => {
    const known = deps.lookup(input);
    const environment = environmentToRecord(known, input.reason);
    if (!deps.settings().environments[environment]) return undefined;
    const metadata: Omit<RecordingMetadata, 'startedAt'> = {
      identity,
      accountId: input.accountId,
      roleName: input.roleName,
      instanceId: input.instanceId,
      region: input.region,
      ...(awsSessionId ? { awsSessionId } : {}),
      ...(known?.accountName ? { accountName: known.accountName } : {}),
      ...(known?.instanceName ? { instanceName: known.instanceName } : {}),
      ...(input.reason ? { reason: input.reason } : {}),
    };
    return deps.history.record(shell, metadata, { cols: input.cols, rows: input.rows });
  };
}
