// SecretSealer over Electron's safeStorage (async API). On Linux, safeStorage falls back to a
// hard-coded key when there is no keyring ('basic_text'); that protects nothing, so it counts as
// unavailable and secrets stay in owner-only files, as in the CLI.
import type { SafeStorage } from 'electron';
import type { SecretSealer } from '../platform/secretSealer';

export function safeStorageSealer(safeStorage: Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'>, platform: NodeJS.Platform): SecretSealer {
  return {
    async available() {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
      return platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
    },
    seal: async (plain) => (await safeStorage.encryptStringAsync(plain)).toString('base64'),
    open: async (sealed) => (await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'))).result,
  };
}
