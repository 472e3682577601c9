/**
 * The Electron host's part in payouts (issue 10), without an Electron binary: a cashier's bank card
 * page opens only for a page the terminal registered, in a window that can navigate only within the
 * bank's origin; the payouts password is kept encrypted by the OS keychain (safeStorage), never plain.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { protectSecrets, revealSecret, secretStore, type SecretBox } from '../../../main/host/electron/credentials.js';
import { BANK_PARTITION, hardenContents, navigationAllowed } from '../../../main/host/electron/security.js';
import { tempDir } from '../../helpers/harness.js';

vi.mock('electron', () => ({}));

type Listener = (e: { preventDefault(): void }, ...args: unknown[]) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((d: { url: string }) => { action: string; overrideBrowserWindowOptions?: { webPreferences?: Record<string, unknown> } }) | null = null;
  const contents = {
    setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
    on: (event: string, l: Listener) => listeners.set(event, l),
  };
  return {
    contents,
    emit(event: string, ...args: unknown[]): boolean {
      let prevented = false;
      listeners.get(event)?.({ preventDefault: () => (prevented = true) }, ...args);
      return prevented;
    },
    /** Events Electron fires without an Event first (did-create-window: window, details). */
    fire: (event: string, ...args: unknown[]) => (listeners.get(event) as unknown as (...a: unknown[]) => void)?.(...args),
    open: (url: string) => openHandler?.({ url }),
  };
}

const FORM = 'https://3dsec.bank.example.kz/payment/merchants/payout/payment_ru.html?mdOrder=abc';

describe('the bank card page window (Electron)', () => {
  it('opens only a page the terminal registered, sandboxed and without the preload; everything else is denied', () => {
    const app = fakeContents();
    hardenContents(app.contents as never, { bankPage: (url) => (url === FORM ? new URL(url).origin : null) });
    const allowed = app.open(FORM);
    expect(allowed?.action).toBe('allow');
    expect(allowed?.overrideBrowserWindowOptions?.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, preload: undefined });
    // Its own session: no cookie or storage shared with the terminal's screens.
    expect(allowed?.overrideBrowserWindowOptions?.webPreferences?.partition).toBe(BANK_PARTITION);
    expect(BANK_PARTITION).not.toMatch(/^persist:/);
    expect(app.open('https://evil.example/phish')).toEqual({ action: 'deny' });
    expect(app.open('https://3dsec.bank.example.kz/other-page')).toEqual({ action: 'deny' });
  });

  it('the bank window navigates within the bank\'s origin only; the app window never leaves the app', () => {
    const app = fakeContents();
    hardenContents(app.contents as never, { bankPage: (url) => (url === FORM ? new URL(url).origin : null) });
    const bank = fakeContents();
    app.fire('did-create-window', { webContents: bank.contents }, { url: FORM });
    hardenContents(bank.contents as never);
    expect(navigationAllowed(bank.contents, 'https://3dsec.bank.example.kz/payment/finish.html')).toBe(true);
    expect(bank.emit('will-navigate', 'https://3dsec.bank.example.kz/payment/finish.html')).toBe(false);
    expect(bank.emit('will-navigate', 'https://evil.example/')).toBe(true);
    expect(bank.emit('will-redirect', 'https://evil.example/')).toBe(true);
    expect(app.emit('will-navigate', 'https://3dsec.bank.example.kz/payment/finish.html')).toBe(true);
  });
});

describe('the payouts password under Electron', () => {
  const box: SecretBox = {
    isEncryptionAvailable: () => true,
    encryptString: (t) => Buffer.from([...Buffer.from(t)].map((b) => b ^ 0x5a)),
    decryptString: (d) => Buffer.from([...d].map((b) => b ^ 0x5a)).toString(),
  };

  it('a plain password in config.json is encrypted in place (owner-only file) and read back in memory only', () => {
    const file = path.join(tempDir(), 'config.json');
    fs.writeFileSync(file, JSON.stringify({ payouts: { url: 'https://3dsec.bank.example.kz', userName: 'agent', password: 'pa55-w0rd' } }));
    expect(protectSecrets(file, box)).toBe(true);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain('pa55-w0rd');
    const json = JSON.parse(text) as { payouts: { passwordEncrypted: string; password?: string } };
    expect(json.payouts.password).toBeUndefined();
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    expect(revealSecret(json.payouts.passwordEncrypted, box)).toBe('pa55-w0rd');
    expect(protectSecrets(file, box)).toBe(false); // nothing plain left
  });

  it('the processing token is protected the same way', () => {
    const file = path.join(tempDir(), 'config.json');
    fs.writeFileSync(file, JSON.stringify({ processing: { url: 'https://processing.example.kz', token: 'tok-secret-1' } }));
    expect(protectSecrets(file, box)).toBe(true);
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { processing: { token?: string; tokenEncrypted: string; url: string } };
    expect(fs.readFileSync(file, 'utf8')).not.toContain('tok-secret-1');
    expect(json.processing).toMatchObject({ url: 'https://processing.example.kz' });
    expect(revealSecret(json.processing.tokenEncrypted, box)).toBe('tok-secret-1');
  });

  it('Linux without a secret store (safeStorage\'s basic_text, a key in Chromium\'s own code) is not called encryption: nothing is rewritten, the store is "none"', () => {
    const file = path.join(tempDir(), 'config.json');
    fs.writeFileSync(file, JSON.stringify({ payouts: { password: 'x' }, processing: { token: 't' } }));
    const basic = { ...box, getSelectedStorageBackend: () => 'basic_text' };
    expect(secretStore(basic)).toBe('none');
    expect(protectSecrets(file, basic)).toBe(false);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ payouts: { password: 'x' }, processing: { token: 't' } });
    expect(secretStore({ ...box, getSelectedStorageBackend: () => 'gnome_libsecret' })).toBe('keychain');
    expect(secretStore(box)).toBe('keychain'); // macOS and Windows have no backend to ask
  });

  it('without a keychain nothing is rewritten and nothing is revealed', () => {
    const file = path.join(tempDir(), 'config.json');
    fs.writeFileSync(file, JSON.stringify({ payouts: { password: 'x' } }));
    const none = { ...box, isEncryptionAvailable: () => false };
    expect(protectSecrets(file, none)).toBe(false);
    expect(revealSecret('eHg=', none)).toBeNull();
  });
});
