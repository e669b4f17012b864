// Sealing a small secret at rest with the OS's own store: Keychain on macOS, DPAPI on Windows,
// libsecret or KWallet on Linux (Electron's safeStorage, main/electron/safeStorageSealer.ts). The
// CLI and browser mode have no such store; they pass none and secrets stay in owner-only files.
export interface SecretSealer {
  /** Whether sealing works now (a Linux session without a keyring has none worth the name). */
  available(): Promise<boolean>;
  /** The secret sealed, as text (base64) to store in a JSON file. */
  seal(plain: string): Promise<string>;
  /** The secret back; rejects when this user's OS store cannot open it (another machine, a reset keyring). */
  open(sealed: string): Promise<string>;
}
