/**
 * The payouts password under the Electron host: kept encrypted by the OS's keychain (Electron's
 * safeStorage), never as plain text in config.json. At start, a plain `payouts.password` found in
 * config.json is encrypted into `payouts.passwordEncrypted` and removed (the file written again,
 * readable by its owner only); the encrypted one is decrypted in memory for the terminal.
 */
import fs from 'node:fs';

/** The part of Electron's safeStorage this needs (a fake in tests). */
export interface SecretBox {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
}

/** Encrypts a plain payouts password in config.json in place; returns whether the file changed. */
export function protectPayoutsPassword(configFile: string, box: SecretBox): boolean {
  if (!fs.existsSync(configFile) || !box.isEncryptionAvailable()) return false;
  const json = JSON.parse(fs.readFileSync(configFile, 'utf8')) as { payouts?: { password?: string; passwordEncrypted?: string } };
  const password = json.payouts?.password;
  if (!json.payouts || typeof password !== 'string' || password === '') return false;
  json.payouts.passwordEncrypted = box.encryptString(password).toString('base64');
  delete json.payouts.password;
  const tmp = `${configFile}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(json, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, configFile);
  return true;
}

/** The payouts password for this process: decrypted from config.json's `passwordEncrypted`, or null. */
export function revealPayoutsPassword(encrypted: string | null, box: SecretBox): string | null {
  if (!encrypted || !box.isEncryptionAvailable()) return null;
  return box.decryptString(Buffer.from(encrypted, 'base64'));
}
