/**
 * A payment point's shift: every payment belongs to exactly one shift; the X report shows it, the Z
 * closes it with figures that balance to the tiyn (by service and state, commission, payouts, cash
 * taken, refunds owed, the drawer's difference), and the next shift takes the payments after it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, SANDBOX_PAYOUTS_PASSWORD, SANDBOX_PAYOUTS_USER, type RunningSandbox } from '../../dev/sandbox/server.js';
import { openTerminal, type Terminal } from '../../main/app/terminal.js';
import { loadConfig } from '../../main/config/config.js';
import { createLogger } from '../../main/base/log.js';
import { autoZMoment, Till } from '../../main/till/till.js';
import { TillLedger } from '../../main/till/till-ledger.js';
import { shiftReportReceipt } from '../../main/receipts/report-receipt.js';
import { openJournalDatabase } from '../../main/store/database.js';
import { harnessEnv, tempDir } from '../helpers/harness.js';

let sandbox: RunningSandbox;
let t: Terminal;
beforeAll(async () => {
  sandbox = await startSandbox();
  const dir = tempDir();
  // 2 %, at least 20 ₸: the commission the figures must add up.
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ commission: { percent: '2', minimum: '20.00' }, shifts: { cashier: 'Айгерім' } }));
  t = await openTerminal(loadConfig(harnessEnv(dir, sandbox.url, { TOLEM_PAYOUTS_URL: sandbox.url, TOLEM_PAYOUTS_USER: SANDBOX_PAYOUTS_USER, TOLEM_PAYOUTS_PASSWORD: SANDBOX_PAYOUTS_PASSWORD, TOLEM_PAYOUTS_DIRECT: '1' })), { log: createLogger({ level: 'error', stderr: false }) });
});
afterAll(async () => {
  await t.close();
  await sandbox.close();
});

const pay = (account: string, amountTo: number, waitMs = 5_000) => t.engine.pay({ serviceId: 'P1011', account, fields: {}, amountTo }, waitMs);

describe('a shift', () => {
  it('is open from the first start; X shows it, Z closes it with every figure, the next shift takes what follows', async () => {
    const first = t.till.currentShift()!;
    expect(first.cashier).toBe('Айгерім');
    expect((await pay('7771234567', 1_000_00)).state).toBe('success');
    expect((await pay('7771234568', 500_00)).state).toBe('success');
    expect((await pay('7771239130', 2_000_00)).state).toBe('failed');
    expect((await pay('7771239606', 300_00, 500)).state).toBe('pending');
    const payout = await t.payouts!.start({ amount: 1_000_00, name: 'IVAN PETROV', flow: 'direct', pan: '4111111111111111', cashReceived: 2_000_00 }, 10_000);
    expect(payout.state).toBe('paid');
    expect(() => t.till.openShift('Ерлан')).toThrow(/close it with a Z report first/);

    const x = t.till.x();
    expect(x.kind).toBe('x');
    expect(t.till.currentShift()!.id).toBe(first.id);
    // 1 000 + 20 (the minimum), 500 + 20, 2 000 + 40 refused after taken, 300 + 20 pending.
    expect(x.byService.map((g) => [g.state, g.count, g.amountTo, g.commission, g.amountFrom])).toEqual([
      ['failed', 1, 2_000_00, 40_00, 2_040_00],
      ['pending', 1, 300_00, 20_00, 320_00],
      ['success', 2, 1_500_00, 40_00, 1_540_00],
    ]);
    expect(x.paid).toEqual({ count: 3, amountTo: 1_800_00, commission: 60_00, amountFrom: 1_860_00 });
    expect(x.payouts.count).toBe(1);
    expect(x.payouts.toCards).toBe(1_000_00);
    const payoutIn = x.payouts.cashIn;
    expect(x.cashTaken).toBe(1_860_00 + 2_040_00 + payoutIn);
    expect(x.refundsOwed).toEqual([{ kind: 'payment', number: expect.stringMatching(/^\d+$/), amount: 2_040_00 }]);
    expect(x.cashExpected).toBe(1_860_00 + payoutIn);
    expect(x.pending.map((p) => p.amountFrom)).toEqual([320_00]);

    const z = t.till.z(x.cashExpected - 10_00);
    expect(z.difference).toBe(-10_00);
    expect(z.shift.closedAt).not.toBeNull();
    const next = t.till.currentShift()!;
    expect(next.id).toBe(first.id + 1);
    expect(next.cashier).toBe('Айгерім');
    // Closed: the Z is journaled and the database refuses to change it; later payments are the next shift's.
    expect(() => t.till.ledger.db.prepare("UPDATE shifts SET z_report = '{}' WHERE id = ?").run(first.id)).toThrow(/closed once/);
    expect(JSON.parse(t.till.ledger.shift(first.id)!.zReport!)).toEqual(z);
    expect((await pay('7771234569', 100_00)).state).toBe('success');
    expect(t.till.x().paid.count).toBe(1);
    expect(t.till.ledger.shiftPayments(first.id)).toHaveLength(4);

    // An empty shift gives way to the cashier who opens theirs.
    t.till.z();
    const named = t.till.openShift('Ерлан');
    expect(named.cashier).toBe('Ерлан');

    for (const lang of ['ru', 'kk'] as const) {
      const image = await t.receipts.reportImage((ctx) => shiftReportReceipt(z, ctx), lang);
      fs.mkdirSync('test-artifacts/reports', { recursive: true });
      fs.writeFileSync(`test-artifacts/reports/z-report-${lang}.png`, image.png);
      expect(image.text).toMatch(lang === 'ru' ? /Расхождение\s+−10,00 ₸/ : /Айырма\s+−10,00 ₸/);
      expect(image.text).toMatch(lang === 'ru' ? /К возврату клиентам\s+2\s040,00 ₸/ : /Клиенттерге қайтарылатыны\s+2\s040,00 ₸/);
    }
  });

  it('the automatic Z is due once the set time of the agent\'s day passed for a shift opened before it', () => {
    const zone = 'Asia/Almaty';
    // 2026-12-03 23:55 in Almaty (UTC+5) is 18:55 UTC.
    expect(new Date(autoZMoment(Date.UTC(2026, 11, 3, 12), '23:55', zone)).toISOString()).toBe('2026-12-03T18:55:00.000Z');
    const dir = tempDir();
    let now = Date.UTC(2026, 11, 3, 10);
    const db = openJournalDatabase(path.join(dir, 'j.sqlite'));
    const till = new Till(new TillLedger(db), { terminalId: 7, mode: 'cashier', defaultCashier: 'Кассир', timeZone: zone, autoZAt: '23:55' }, () => now);
    till.ensureShift();
    expect(till.autoZDue()).toBe(false);
    now = Date.UTC(2026, 11, 3, 18, 56);
    expect(till.autoZDue()).toBe(true);
    till.z(null, 'auto');
    expect(till.autoZDue()).toBe(false);
    expect(till.shifts(5)[1]!.closedBy).toBe('auto');
    db.close();
  });
});
