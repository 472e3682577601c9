/**
 * Ids stay unique when the journal is lost and the clock is wrong (item 6): a re-install with the
 * clock behind, a restored journal, a clock set before the release was built.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decomposeAgentTransactionId } from '../../main/base/agent-transaction-id.js';
import { ClockError, HIGH_WATER_FILE, IdHighWater, RESERVE_MS } from '../../main/base/high-water.js';
import { openJournalDatabase } from '../../main/store/database.js';
import { restoreJournal } from '../../main/store/backups.js';
import { Journal } from '../../main/payments/payment-journal.js';
import { tempDir } from '../helpers/harness.js';

const BUILT = Date.UTC(2026, 10, 1);
const T0 = Date.UTC(2026, 10, 25, 12);

/** A terminal's journal with its high-water files (one beside the journal, one beside the backups). */
function install(dataDir: string, backups: string): Journal {
  const ids = new IdHighWater(7, [path.join(dataDir, HIGH_WATER_FILE), path.join(backups, HIGH_WATER_FILE)], BUILT);
  return new Journal(openJournalDatabase(path.join(dataDir, 'journal.sqlite')), 7, ids);
}

function pay(j: Journal, now: number): string {
  return j.createDraft({ serviceId: 'P1011', serviceName: 'x', account: '7771234567', fields: {}, amountTo: 100_00, amountFrom: 100_00 }, now, '2026-11-25T17:00:00', () => null).payment.agentTransactionId;
}

describe('id high-water mark', () => {
  it('after a re-install (journal deleted) with the clock minutes behind, no id is issued twice', () => {
    const backups = tempDir('tolem-backups-');
    const first = tempDir();
    const j1 = install(first, backups);
    const issued = [pay(j1, T0), pay(j1, T0 + 60_000), pay(j1, T0 + 120_000)];
    j1.close();
    fs.rmSync(first, { recursive: true, force: true }); // the re-install: the data directory is gone, the backups disk is not
    const j2 = install(tempDir(), backups);
    const after = pay(j2, T0 + 30_000); // the clock is 90 s behind the last payment
    expect(issued).not.toContain(after);
    const max = issued.map((id) => decomposeAgentTransactionId(id).tick).reduce((a, b) => (a > b ? a : b));
    expect(decomposeAgentTransactionId(after).tick > max).toBe(true);
    j2.close();
  });

  it('a clock before the release was built takes no payment', () => {
    const j = install(tempDir(), tempDir('tolem-backups-'));
    expect(() => pay(j, BUILT - 1000)).toThrow(ClockError);
    expect(() => pay(j, BUILT - 1000)).toThrow(/before this Tolem was built/);
    j.close();
  });

  it('a payment taken with the clock ten years ahead: after the clock is corrected payments go on, every id above the last, with or without the journal', () => {
    const backups = tempDir('tolem-backups-');
    const dir = tempDir();
    const j1 = install(dir, backups);
    const ahead = pay(j1, T0 + 10 * 365 * 86_400_000);
    const corrected = [pay(j1, T0), pay(j1, T0 + 1000), pay(j1, T0 + RESERVE_MS * 3)];
    const ticks = [ahead, ...corrected].map((id) => decomposeAgentTransactionId(id).tick);
    for (let i = 1; i < ticks.length; i += 1) expect(ticks[i]! > ticks[i - 1]!).toBe(true);
    j1.close();
    // Re-installed (journal gone), the mark in the files still keeps the new ids above.
    const j2 = install(tempDir(), backups);
    const next = decomposeAgentTransactionId(pay(j2, T0 + 2000)).tick;
    expect(next > ticks.at(-1)!).toBe(true);
    j2.close();
    // And the same journal opened again.
    const j3 = install(dir, backups);
    expect(decomposeAgentTransactionId(pay(j3, T0 + 3000)).tick > ticks.at(-1)!).toBe(true);
    j3.close();
  });

  it('a running terminal issues ids from its clock, not from its reservation; the mark is written once per block', () => {
    const dir = tempDir();
    const j = install(dir, tempDir());
    const a = pay(j, T0);
    const file = path.join(dir, HIGH_WATER_FILE);
    const written = fs.statSync(file).mtimeMs;
    const b = pay(j, T0 + 1000);
    expect(decomposeAgentTransactionId(b).tick - decomposeAgentTransactionId(a).tick).toBe(10_000n); // 1 s of 100 µs ticks
    expect(fs.statSync(file).mtimeMs).toBe(written);
    j.close();
  });

  it('a journal restored from an older backup continues above every id issued since', () => {
    const dir = tempDir();
    const backups = tempDir('tolem-backups-');
    const j = install(dir, backups);
    pay(j, T0);
    j.db.exec(`VACUUM INTO '${path.join(backups, 'old.sqlite')}'`);
    const later = pay(j, T0 + 5 * 60_000);
    j.close();
    restoreJournal(path.join(dir, 'journal.sqlite'), path.join(backups, 'old.sqlite'));
    const restored = install(dir, backups);
    // The clock was set back to the backup's time: the restored journal alone would reuse `later`'s tick.
    const next = pay(restored, T0 + 5 * 60_000);
    expect(decomposeAgentTransactionId(next).tick > decomposeAgentTransactionId(later).tick).toBe(true);
    restored.close();
  });
});
