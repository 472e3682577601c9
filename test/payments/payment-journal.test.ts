import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournalDatabase } from '../../main/store/database.js';
import { Journal } from '../../main/payments/payment-journal.js';
import { tempDir } from '../helpers/harness.js';

function journal(terminalId = 3): Journal {
  return new Journal(openJournalDatabase(path.join(tempDir(), 'journal.sqlite')), terminalId);
}

const base = { serviceId: 'P1011', serviceName: 'Билайн', account: '7771234567', fields: {}, amountTo: 500_00, amountFrom: 510_00 };
const body = (id: string) => `{"agentTransactionId":${id}}`;
const T = Date.UTC(2026, 10, 22, 9);
const at = (ms: number) => T + ms;

describe('journal', () => {
  it('accepts a payment as pending with its exact pay body and an event, in one commit', () => {
    const j = journal();
    const p = j.acceptNew(base, at(1_000), '2026-11-22T12:00:00', body, true, 'offline');
    expect(p.state).toBe('pending');
    expect(p.payBody).toBe(`{"agentTransactionId":${p.agentTransactionId}}`);
    expect(p.offline).toBe(true);
    expect(j.events(p.id)).toEqual([{ at: at(1_000), state: 'pending', reason: 'offline' }]);
    expect(j.pendingSummary()).toMatchObject({ count: 1, totalFrom: 510_00 });
  });

  it('issues unique ids that start with the terminal id and never repeat across reopen', () => {
    const dir = tempDir();
    const file = path.join(dir, 'journal.sqlite');
    const ids = new Set<string>();
    for (let round = 0; round < 3; round++) {
      const j = new Journal(openJournalDatabase(file), 12345);
      for (let i = 0; i < 200; i++) ids.add(j.acceptNew(base, Date.UTC(2026, 0, 1), '2026-01-01T00:00:00', body, false, 'x').agentTransactionId);
      j.close();
    }
    expect(ids.size).toBe(600);
    for (const id of ids) expect(id.startsWith('12345')).toBe(true);
  });

  it('a final payment never changes state again, and its pay body never changes (database triggers)', () => {
    const j = journal();
    const p = j.acceptNew(base, at(1), 'd', body, false, 'x');
    const [claim] = j.claimDue(at(2), 1, 10_000);
    expect(claim).toBeDefined();
    j.recordPayOutcomes([{ paymentId: p.id, attemptId: claim!.attemptId, attempt: { outcome: 'answer', result: 0 }, change: { state: 'success', result: 0, resultMessage: 'ok', transactionId: '900000000000000001', reason: 'paid' } }], at(3));
    expect(() => j.db.prepare("UPDATE payments SET state = 'pending' WHERE id = ?").run(p.id)).toThrow(/final payment/);
    expect(() => j.db.prepare("UPDATE payments SET pay_body = 'x' WHERE id = ?").run(p.id)).toThrow(/never changes/);
    expect(() => j.db.prepare('DELETE FROM payments WHERE id = ?').run(p.id)).toThrow(/never deleted/);
    expect(() => j.db.prepare('UPDATE attempts SET result = 5 WHERE payment_id = ?').run(p.id)).toThrow(/history/);
    expect(() => j.db.prepare('DELETE FROM payment_events').run()).toThrow(/append-only/);
  });

  it('success requires a processing transactionId (CHECK constraint)', () => {
    const j = journal();
    const p = j.acceptNew(base, at(1), 'd', body, false, 'x');
    expect(() => j.db.prepare("UPDATE payments SET state = 'success' WHERE id = ?").run(p.id)).toThrow(/CHECK/);
  });

  it('keeps an 18-digit transactionId exact', () => {
    const j = journal();
    const p = j.acceptNew(base, at(1), 'd', body, false, 'x');
    const [claim] = j.claimDue(at(2), 1, 10_000);
    j.recordPayOutcomes([{ paymentId: p.id, attemptId: claim!.attemptId, attempt: { outcome: 'answer', result: 0 }, change: { state: 'success', result: 0, resultMessage: 'ok', transactionId: '987654321098765432', reason: 'paid' } }], at(3));
    expect(j.mustGet(p.id).transactionId).toBe('987654321098765432');
  });

  it('a lease held by a live process is respected; one held by a dead process is taken over', () => {
    const j = journal();
    const p = j.acceptNew(base, at(1), 'd', body, false, 'x');
    // A live foreign process (our parent) holds it.
    j.db.prepare('UPDATE payments SET lease_owner = ?, lease_until = ? WHERE id = ?').run(`${os.hostname()}:${process.ppid}:1`, at(1e9), p.id);
    expect(j.claimDue(at(5), 10, 1000)).toEqual([]);
    // A process that is gone.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    j.db.prepare('UPDATE payments SET lease_owner = ? WHERE id = ?').run(`${os.hostname()}:${dead}:1`, p.id);
    expect(j.claimDue(at(5), 10, 1000).map((c) => c.payment.id)).toEqual([p.id]);
  });

  it('an expired lease is taken over', () => {
    const j = journal();
    const p = j.acceptNew(base, at(1), 'd', body, false, 'x');
    j.db.prepare("UPDATE payments SET lease_owner = 'elsewhere:1:1', lease_until = ? WHERE id = ?").run(at(4), p.id);
    expect(j.claimDue(at(3), 10, 1000)).toEqual([]);
    expect(j.claimDue(at(5), 10, 1000)).toHaveLength(1);
  });

  it('counts a 202 streak only on repeats, and refused connections as never received', () => {
    const j = journal();
    const p = j.acceptNew(base, at(1), 'd', body, false, 'x');
    const claimAnd = (attempt: Parameters<Journal['recordPayOutcomes']>[0][number]['attempt'], t: number) => {
      const [c] = j.claimDue(at(t), 1, 10);
      j.recordPayOutcomes([{ paymentId: p.id, attemptId: c!.attemptId, attempt, change: { state: 'pending', nextAttemptAt: at(t), reason: 'r' } }], at(t));
    };
    claimAnd({ outcome: 'transport', error: 'refused: ECONNREFUSED', delivered: false }, 10);
    expect(j.payHistory(p.id, -1)).toEqual({ earlierPossiblyReceived: 0, consecutive202OnRepeat: 0 });
    claimAnd({ outcome: 'answer', result: 1 }, 20);
    claimAnd({ outcome: 'answer', result: 202 }, 30);
    claimAnd({ outcome: 'answer', result: 202 }, 40);
    expect(j.payHistory(p.id, -1)).toEqual({ earlierPossiblyReceived: 3, consecutive202OnRepeat: 2 });
  });
});
