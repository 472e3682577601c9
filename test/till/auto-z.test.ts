/**
 * The automatic Z on a running terminal: a payment point left on over night closes its shift at the
 * agent's set time by itself, with the shift's payments in the Z, prints it, and opens the next shift.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../dev/sandbox/server.js';
import { openTerminal, type Terminal } from '../../main/app/terminal.js';
import { loadConfig } from '../../main/config/config.js';
import { createLogger } from '../../main/base/log.js';
import type { ShiftReport } from '../../main/till/reports.js';
import { TillLedger } from '../../main/till/till-ledger.js';
import { openJournalDatabase } from '../../main/store/database.js';
import { harnessEnv, tempDir } from '../helpers/harness.js';
import { until } from '../helpers/wait.js';

let sandbox: RunningSandbox;
let t: Terminal | null = null;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await t?.close();
  await sandbox.close();
});

describe('the automatic Z', () => {
  it('closes a shift opened yesterday once the set time of today has passed, prints it, and the next shift opens', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ receipts: { printer: 'virtual' } }));
    const open = async (env: NodeJS.ProcessEnv = {}) => openTerminal(loadConfig(harnessEnv(dir, sandbox.url, env)), { log: createLogger({ level: 'error', stderr: false }) });
    // The shift opened a day and a half ago, and the terminal stayed on (the journal's shifts are never rewritten: it is made so).
    const db = openJournalDatabase(path.join(dir, 'journal.sqlite'));
    new TillLedger(db).insertShift('Кассир', Date.now() - 36 * 3600_000);
    db.close();
    // 00:00 of the agent's day has always passed today, and the shift began before it.
    t = await open({ TOLEM_AUTO_Z_AT: '00:00' });
    const paid = await t.engine.pay({ serviceId: 'P1011', account: '7771234567', fields: {}, amountTo: 1_000_00 }, 5_000);
    expect(paid.state).toBe('success');
    expect(t.till.shifts(5)).toHaveLength(1);
    const printedBefore = t.virtualPrinter!.receipts.length;
    t.startProbe(50);
    await until(() => t!.till.shifts(5).length === 2, 'the automatic Z to close the shift and open the next');
    const [next, closed] = t.till.shifts(5);
    expect(next!.closedAt).toBeNull();
    expect(closed).toMatchObject({ id: 1, closedBy: 'auto' });
    const z = JSON.parse(closed!.zReport!) as ShiftReport;
    expect(z).toMatchObject({ kind: 'z', paid: { count: 1, amountTo: 1_000_00 }, counted: null });
    // The Z's paper goes to the receipt printer (a raster one here: one more receipt after the Z).
    await until(() => t!.virtualPrinter!.receipts.length === printedBefore + 1, 'the Z report printed');
    // And only once: the next shift opened after today's set time, so no second Z is due.
    expect(t.till.autoZDue()).toBe(false);
  });
});
