// The keychain adapter with Electron's safeStorage stood in for (the real one needs the binary).
import { describe, expect, it, vi } from 'vitest';
import { safeStorageSealer } from './safeStorageSealer';

function safeStorage(available: boolean, backend: 'basic_text' | 'gnome_libsecret' | 'kwallet5' = 'gnome_libsecret') {
  return {
    isAsyncEncryptionAvailable: vi.fn(async () => available),
    getSelectedStorageBackend: vi.fn(() => backend),
    encryptStringAsync: vi.fn(async (plain: string) => Buffer.from(`enc(${plain})`)),
    decryptStringAsync: vi.fn(async (b: Buffer) => ({ result: b.toString().slice(4, -1), shouldReEncrypt: false })),
  };
}

describe('safeStorageSealer', () => {
  it('seals to base64 and opens it again', async () => {
    const sealer = safeStorageSealer(safeStorage(true), 'darwin');
    const sealed = await sealer.seal('https://hooks.slack.com/services/T0/B0/abc');
    expect(sealed).toBe(Buffer.from('enc(https://hooks.slack.com/services/T0/B0/abc)').toString('base64'));
    expect(await sealer.open(sealed)).toBe('https://hooks.slack.com/services/T0/B0/abc');
  });

  it("is unavailable without OS encryption, and on Linux with safeStorage's hard-coded-key fallback", async () => {
    expect(await safeStorageSealer(safeStorage(false), 'win32').available()).toBe(false);
    expect(await safeStorageSealer(safeStorage(true), 'win32').available()).toBe(true);
    expect(await safeStorageSealer(safeStorage(true, 'basic_text'), 'linux').available()).toBe(false);
    expect(await safeStorageSealer(safeStorage(true, 'kwallet5'), 'linux').available()).toBe(true);
  });
});
