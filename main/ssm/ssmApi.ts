// The SSM API calls a Session Manager client makes (StartSession, ResumeSession,
// TerminateSession), through the AWS SDK with the user's role credentials, with AWS's errors
// turned into messages that say what to do.
import { lazily, ssmSdk } from '../aws/sdkModules';
import { GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import type { DataKeySource } from './client/dataChannelClient';
import type { RoleCredentialsService } from '../accounts/roleCredentials';

type CredentialProvider = ReturnType<RoleCredentialsService['provider']>;
import { FumidaiError } from '../../common/api/errors';
import { networkOrInternal } from '../auth/oidc';
import { sdkUserAgent } from '../aws/deviceAgent';

export interface StartedSession {
  sessionId: string;
  streamUrl: string;
  tokenValue: string;
  /** The StartSession Target (KMS binds an encrypted session's data key to it). */
  target?: string;
}

export interface SsmSessionApi {
  start(input: { target: string; documentName?: string; parameters?: Record<string, string[]>; reason?: string }): Promise<StartedSession>;
  /** A fresh token for the session, or undefined when the service says it is gone. */
  resume(sessionId: string): Promise<string | undefined>;
  terminate(sessionId: string): Promise<void>;
  /** KMS data keys for sessions the account's Session Manager preferences encrypt. */
  dataKeys?: DataKeySource;
}

export function createSsmSessionApi(region: string, credentials: CredentialProvider): SsmSessionApi {
  const ssm = lazily(async () => {
    const sdk = await ssmSdk();
    return { client: new sdk.SSMClient({ region, credentials, customUserAgent: sdkUserAgent() }), sdk };
  });
  let kms: KMSClient | undefined;
  return {
    dataKeys: {
      // Same role, same region, and the same endpoint override as every other AWS call.
      async generate({ keyId, context }) {
        kms ??= new KMSClient({ region, credentials, customUserAgent: sdkUserAgent() });
        try {
          const out = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, NumberOfBytes: 64, EncryptionContext: context }));
          if (!out.CiphertextBlob || !out.Plaintext) throw new FumidaiError('Internal', 'KMS GenerateDataKey returned no key.');
          return { ciphertext: out.CiphertextBlob, plaintext: out.Plaintext };
        } catch (e) {
          const name = (e as { name?: string }).name ?? '';
          if (name === 'AccessDeniedException') throw new FumidaiError('AccessDenied', (e as Error).message);
          if (name === 'NotFoundException') throw new FumidaiError('NotFound', `${(e as Error).message} (the KMS key named in Session Manager preferences)`);
          throw translateSsmError(e, keyId);
        }
      },
    },
    async start({ target, documentName, parameters, reason }) {
      try {
        const { client, sdk } = await ssm();
        const out = await client.send(
          new sdk.StartSessionCommand({ Target: target, DocumentName: documentName, Parameters: parameters, Reason: reason || undefined }),
        );
        if (!out.SessionId || !out.StreamUrl || !out.TokenValue) throw new FumidaiError('Internal', 'StartSession returned an incomplete session.');
        return { sessionId: out.SessionId, streamUrl: out.StreamUrl, tokenValue: out.TokenValue, target };
      } catch (e) {
        throw translateSsmError(e, target);
      }
    },
    async resume(sessionId) {
      try {
        const { client, sdk } = await ssm();
        const out = await client.send(new sdk.ResumeSessionCommand({ SessionId: sessionId }));
        return out.TokenValue || undefined;
      } catch (e) {
        const err = translateSsmError(e, sessionId);
        if (err instanceof FumidaiError && err.code === 'NotFound') return undefined;
        throw err;
      }
    },
    async terminate(sessionId) {
      try {
        const { client, sdk } = await ssm();
        await client.send(new sdk.TerminateSessionCommand({ SessionId: sessionId }));
      } catch (e) {
        throw translateSsmError(e, sessionId);
      }
    },
  };
}

export function translateSsmError(e: unknown, target: string): Error {
  if (e instanceof FumidaiError) return e;
  const name = (e as { name?: string }).name ?? '';
  const message = (e as { message?: string }).message ?? '';
  switch (name) {
    case 'TargetNotConnected':
      return new FumidaiError('TargetNotConnected', `${target} is not connected to Session Manager (the SSM agent is offline or unreachable). Check that the instance is running and its agent is online, or connect through a bastion.`);
    case 'AccessDeniedException':
    case 'AccessDenied':
      return new FumidaiError('AccessDenied', message || `Your role may not start a session on ${target}.`);
    case 'InvalidDocument':
    case 'InvalidDocumentException':
    case 'InvalidParameters':
      return new FumidaiError('InvalidRequest', message || 'Session Manager rejected the session document or its parameters.');
    case 'DoesNotExistException':
    case 'InvalidInstanceId':
      return new FumidaiError('NotFound', message || `${target} was not found.`);
    case 'ExpiredTokenException':
    case 'ExpiredToken':
    case 'UnrecognizedClientException':
      return new FumidaiError('SsoExpired', 'The role credentials expired. Sign in again.');
    default:
      return networkOrInternal(e);
  }
}
