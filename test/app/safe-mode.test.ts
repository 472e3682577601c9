/**
 * Safe mode: three unexpected stops in ten minutes and the terminal comes back taking no new money
 * (payments and payouts refused before anything is sent), says so in its status and health, and
 * still delivers what it already holds. A clean stop is no crash; old crashes age out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { noteCleanStop, noteStart, SAFE_MODE_WINDOW_MS } from '../../main/app/crash-record.js';
import { openTerminal } from '../../main/app/terminal.js';
import { terminalHealth } from '../../main/app/health.js';
import { terminalStatus } from '../../main/app/status.js';
import { createLogger } from '../../main/base/log.js';
import { loadConfig } from '../../main/config/config.js';
import { RefusedError } from '../../main/payments/payment-engine.js';
import { PayoutInputError } from '../../main/payouts/payout-engine.js';
import { SANDBOX_PAYOUTS_PASSWORD, SANDBOX_PAYOUTS_USER, startSandbox } from '../../dev/sandbox/server.js';
import { harnessEnv, tempDir } from '../helpers/harness.js';

describe('the crash record', () => {
  it('counts a start that finds the last run never stopped; three in ten minutes is safe mode; a clean stop is no crash; old ones age out', () => {
    const dir = tempDir();
    const t0 = Date.UTC(2026, 11, 3, 10);
    expect(noteStart(dir, t0)).toEqual({ crashes: 0, safeMode: false });
    // Killed three times (no clean stop), restarted each time within a minute.
    expect(noteStart(dir, t0 + 60_000)).toEqual({ crashes: 1, safeMode: false });
    expect(noteStart(dir, t0 + 120_000)).toEqual({ crashes: 2, safeMode: false });
    expect(noteStart(dir, t0 + 180_000)).toEqual({ crashes: 3, safeMode: true });
    // Stopped cleanly and started again within the ten minutes: still three crashes in the window.
    noteCleanStop(dir);
    expect(noteStart(dir, t0 + 240_000)).toEqual({ crashes: 3, safeMode: true });
    noteCleanStop(dir);
    // Ten minutes after the first crash it counts two; later, none.
    expect(noteStart(dir, t0 + 60_000 + SAFE_MODE_WINDOW_MS)).toEqual({ crashes: 2, safeMode: false });
    noteCleanStop(dir);
    expect(noteStart(dir, t0 + 180_000 + SAFE_MODE_WINDOW_MS)).toEqual({ crashes: 0, safeMode: false });
  });

  it('a record it cannot read (a torn file) counts nothing and is written whole again', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'crashes.json'), '{"running": tr');
    expect(noteStart(dir)).toEqual({ crashes: 0, safeMode: false });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'crashes.json'), 'utf8'))).toMatchObject({ running: true });
  });
});

describe('a terminal in safe mode', () => {
  it('refuses a new payment and a new payout before anything is sent, and says so in its status and its health', async () => {
    const requests: string[] = [];
    const sandbox = await startSandbox({ onRequest: (method) => requests.push(method) });
    const dir = tempDir();
    const env = { ...harnessEnv(dir, sandbox.url), TOLEM_PAYOUTS_URL: sandbox.url, TOLEM_PAYOUTS_USER: SANDBOX_PAYOUTS_USER, TOLEM_PAYOUTS_PASSWORD: SANDBOX_PAYOUTS_PASSWORD };
    const t = await openTerminal(loadConfig(env), { log: createLogger({ stderr: false }), safeMode: true });
    try {
      await t.catalog.refresh();
      const before = requests.length;
      await expect(t.engine.pay({ serviceId: 'P1011', account: '7771234567', amountTo: 500_00 }, 5_000)).rejects.toMatchObject({ constructor: RefusedError, code: 'safe-mode' });
      await expect(t.payouts!.start({ amount: 1_000_00, name: 'IVAN', flow: 'page' }, 5_000)).rejects.toBeInstanceOf(PayoutInputError);
      // Nothing went to processing or the bank for either.
      expect(requests.slice(before).filter((m) => m === 'check' || m === 'pay' || /register|perform/.test(m))).toEqual([]);
      expect(t.journal.list({})).toEqual([]);
      expect((await terminalStatus(t)).safeMode).toBe(true);
      const h = await terminalHealth(t, { probe: false });
      expect(h.ok).toBe(false);
      expect(h.items[0]).toMatchObject({ key: 'safe-mode', level: 'person' });
    } finally {
      await t.close();
      await sandbox.close();
    }
  });
});
