import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULTS, loadConfig } from '../../main/config/config.js';
import { ENV_SETTINGS, zConfigFile } from '../../main/config/schema.js';
import { tempDir } from '../helpers/harness.js';

describe('configuration', () => {
  it('defaults to the built-in sandbox with terminal 1', () => {
    const c = loadConfig({ TOLEM_DATA_DIR: tempDir() });
    expect(c.processing.url).toBeNull();
    expect(c.terminalId).toBe(1);
    expect(c.retry).toEqual({ initialMs: DEFAULTS.retryInitialMs, maxMs: DEFAULTS.retryMaxMs });
  });

  it('reads config.json in the data directory; the environment overrides it', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ terminalId: 12, processing: { url: 'https://proc.example.kz', token: 'file-token', requestTimeoutMs: 9000 }, offline: { maxPaymentAmount: '20000.00' } }));
    const c = loadConfig({ TOLEM_DATA_DIR: dir, TOLEM_PROCESSING_TOKEN: 'env-token', TOLEM_RETRY_INITIAL_MS: '500', TOLEM_RETRY_MAX_MS: '8000' });
    expect(c).toMatchObject({ terminalId: 12, processing: { url: 'https://proc.example.kz', token: 'env-token', requestTimeoutMs: 9000, tokenHeader: 'Authorization' }, retry: { initialMs: 500, maxMs: 8000 } });
    expect(c.offline.maxPaymentAmount).toBe(20_000_00);
  });

  it('a real processing center needs an explicit terminal id (ids must not collide between terminals)', () => {
    expect(() => loadConfig({ TOLEM_DATA_DIR: tempDir(), TOLEM_PROCESSING_URL: 'https://proc.example.kz' })).toThrow(/TOLEM_TERMINAL_ID/);
  });

  it.each([
    [{ TOLEM_TERMINAL_ID: '0' }, /terminal id/],
    [{ TOLEM_TERMINAL_ID: 'abc' }, /whole number/],
    [{ TOLEM_RETRY_INITIAL_MS: '5000', TOLEM_RETRY_MAX_MS: '100' }, /at least the initial/],
    [{ TOLEM_PROCESSING_URL: 'ftp://x' }, /http/],
    [{ TOLEM_REQUEST_TIMEOUT_MS: '5' }, /100\.\.600000 ms/],
    // A timer past 2^31 ms fires at once in Node: every duration is bounded.
    [{ TOLEM_REQUEST_TIMEOUT_MS: '2147483648' }, /TOLEM_REQUEST_TIMEOUT_MS.*100\.\.600000 ms, got 2147483648/],
    [{ TOLEM_RETRY_MAX_MS: '2147483648' }, /TOLEM_RETRY_MAX_MS must be 1\.\.86400000 ms, got 2147483648/],
    // The environment goes through the file's schema: a PIN or a flag is checked the same way.
    [{ TOLEM_ADMIN_PIN: '12' }, /TOLEM_ADMIN_PIN must be 4 to 12 digits/],
    [{ TOLEM_SANDBOX: 'yes' }, /TOLEM_SANDBOX must be 1 or 0/],
    [{ TOLEM_TERMINAL_MODE: 'desk' }, /TOLEM_TERMINAL_MODE must be cashier or kiosk/],
    [{ TOLEM_WORKER_CONCURRENCY: '1e3' }, /TOLEM_WORKER_CONCURRENCY must be a whole number/],
    [{ TOLEM_IDLE_TIMEOUT_SECONDS: '99999999' }, /TOLEM_IDLE_TIMEOUT_SECONDS must be 1\.\.3600/],
    [{ TOLEM_BACKUP_EVERY_MINUTES: '0' }, /TOLEM_BACKUP_EVERY_MINUTES must be 1\.\.1440/],
    [{ TOLEM_PAYOUTS_SESSION_SECONDS: '2147483648' }, /TOLEM_PAYOUTS_SESSION_SECONDS/],
    [{ TOLEM_PAYOUTS_NOT_FOUND_GRACE_SECONDS: '2147483648' }, /TOLEM_PAYOUTS_NOT_FOUND_GRACE_SECONDS/],
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => loadConfig({ TOLEM_DATA_DIR: tempDir(), ...env })).toThrow(message);
  });

  it.each([
    [{ processing: { requestTimeoutMs: 2147483648 } }, /processing\.requestTimeoutMs/],
    [{ retry: { initialMs: 2147483648 } }, /retry\.initialMs/],
    [{ receipts: { timeoutMs: 2147483648 } }, /receipts\.timeoutMs/],
    [{ payouts: { timeoutMs: 2147483648 } }, /payouts\.timeoutMs/],
    [{ offline: { maxPendingAgeHours: 1e9 } }, /offline\.maxPendingAgeHours/],
  ])('refuses a duration no terminal could mean in config.json: %j', (file, message) => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ sandbox: true, ...file }));
    expect(() => loadConfig({ TOLEM_DATA_DIR: dir })).toThrow(message);
  });

  it('names the wrong field of a bad config.json', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ offline: { maxPaymentAmount: '10.001' }, retry: { initalMs: 5 } }));
    expect(() => loadConfig({ TOLEM_DATA_DIR: dir })).toThrow(ConfigError);
    expect(() => loadConfig({ TOLEM_DATA_DIR: dir })).toThrow(/offline\.maxPaymentAmount.*two decimals|retry.*initalMs/);
    fs.writeFileSync(path.join(dir, 'config.json'), '{ not json');
    expect(() => loadConfig({ TOLEM_DATA_DIR: dir })).toThrow(/not valid JSON/);
  });

  it('every variable overrides a setting the schema has: what the file may say, the environment may, and the other way', () => {
    const walk = (shape: unknown, key: string): unknown => {
      let node = shape as { unwrap?: () => unknown; shape?: Record<string, unknown> };
      while (node && typeof node.unwrap === 'function' && !node.shape) node = node.unwrap() as typeof node;
      return node?.shape?.[key];
    };
    const missing = ENV_SETTINGS.filter((v) => v.setting.split('.').reduce<unknown>((node, k) => (node ? walk(node, k) : undefined), zConfigFile) === undefined);
    expect(missing.map((v) => v.name)).toEqual([]);
  });
});

describe('TOLEM_PRINTER, TOLEM_CASH_ACCEPTOR, TOLEM_CASH_NOTES and TOLEM_AUTO_Z_AT', () => {
  const base = () => ({ TOLEM_DATA_DIR: tempDir(), TOLEM_PROCESSING_URL: 'http://127.0.0.1:1', TOLEM_TERMINAL_ID: '7' });
  it('"virtual" is the built-in virtual printer, never a file named "virtual" where the terminal was started', () => {
    expect(loadConfig({ ...base(), TOLEM_PRINTER: 'virtual' }).receipts.printer).toBe('virtual');
    expect(() => loadConfig({ ...base(), TOLEM_PRINTER: 'lp0' })).toThrow(/TOLEM_PRINTER must be tcp:\/\/HOST:PORT.*got "lp0"/);
    expect(loadConfig({ ...base(), TOLEM_PRINTER: '/dev/usb/lp0' }).printers[0]!.interface).toBe('/dev/usb/lp0');
    expect(loadConfig({ ...base(), TOLEM_PRINTER: 'COM3' }).printers[0]!.interface).toBe('COM3');
  });
  it('a bill validator is a protocol and a port; the notes it takes and the automatic Z are checked', () => {
    expect(loadConfig({ ...base(), TOLEM_CASH_ACCEPTOR: 'id003:/dev/ttyS0' })).toMatchObject({ cashAcceptor: 'id003', cashPort: '/dev/ttyS0' });
    expect(() => loadConfig({ ...base(), TOLEM_CASH_ACCEPTOR: 'ccnet' })).toThrow(/TOLEM_CASH_ACCEPTOR.*ccnet:PORT/);
    expect(loadConfig({ ...base(), TOLEM_CASH_NOTES: '1000.00, 5000.00,200.00' }).cashNotes).toEqual([5_000_00, 1_000_00, 200_00]);
    expect(() => loadConfig({ ...base(), TOLEM_CASH_NOTES: '1000,abc' })).toThrow(/TOLEM_CASH_NOTES/);
    expect(loadConfig({ ...base(), TOLEM_AUTO_Z_AT: '23:55' }).shifts.autoZAt).toBe('23:55');
    expect(() => loadConfig({ ...base(), TOLEM_AUTO_Z_AT: '24:00' })).toThrow(/TOLEM_AUTO_Z_AT.*HH:MM/);
  });
});
