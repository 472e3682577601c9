/**
 * The terminal's secrets under the Electron host (the payouts password and the processing token):
 * kept encrypted by the OS's keychain (Electron's safeStorage), never as plain text in config.json.
 * At start, a plain `payouts.password` or `processing.token` found in config.json is encrypted into
 * `payouts.passwordEncrypted` / `processing.tokenEncrypted` and removed (the file written again,
 * readable by its owner only); the encrypted ones are decrypted in memory for the terminal.
 *
 * On Linux without a secret store (no GNOME keyring, no KWallet) safeStorage falls back to a key
 * written in Chromium's own code (`basic_text`): that is not encryption, so nothing is "encrypted"
 * with it. The secrets stay as they are (config.json, owner-only), and the service menu says so.
 */
import fs from 'node:fs';

/** The part of Electron's safeStorage this needs (a fake in tests). */
export interface SecretBox {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
  /** Linux only (Electron): 'basic_text' when there is no secret store. */
  getSelectedStorageBackend?(): string;
}

/** How this machine keeps the terminal's secrets: the OS keychain, or config.json alone (0600) when there is none. */
export type SecretStore = 'keychain' | 'none';

export function secretStore(box: SecretBox): SecretStore {
  if (!box.isEncryptionAvailable()) return 'none';
  let backend = '';
  try {
    backend = box.getSelectedStorageBackend?.() ?? '';
  } catch {
    backend = '';
  }
  return backend === 'basic_text' || backend === 'unknown' ? 'none' : 'keychain';
}

const SECRETS = [
  { section: 'payouts', plain: 'password', encrypted: 'passwordEncrypted' },
  { section: 'processing', plain: 'token', encrypted: 'tokenEncrypted' },
] as const;

/** Encrypts the plain secrets of config.json in place (with a real keychain only); returns whether the file changed. */
export function protectSecrets(configFile: string, box: SecretBox): boolean {
  if (!fs.existsSync(configFile) || secretStore(box) !== 'keychain') return false;
  const json = JSON.parse(fs.readFileSync(configFile, 'utf8')) as Record<string, Record<string, unknown> | undefined>;
  let changed = false;
  for (const s of SECRETS) {
    const part = json[s.section];
    const plain = part?.[s.plain];
    if (!part || typeof plain !== 'string' || plain === '') continue;
    part[s.encrypted] = box.encryptString(plain).toString('base64');
    delete part[s.plain];
    changed = true;
  }
  if (!changed) return false;
  const tmp = `${configFile}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(json, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, configFile);
  return true;
}

/** A secret for this process: decrypted from its `…Encrypted` form, or null. */
export function revealSecret(encrypted: string | null, box: SecretBox): string | null {
  if (!encrypted || !box.isEncryptionAvailable()) return null;
  return box.decryptString(Buffer.from(encrypted, 'base64'));
}
