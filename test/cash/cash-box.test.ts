/**
 * A kiosk's cash: every note is journaled before it is stacked, a note that would pay too much is
 * returned, the cash pays for exactly one payment, and cash without a payment survives a restart.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CashBox, CashError } from '../../main/cash/cash-box.js';
import { CashLedger } from '../../main/cash/cash-ledger.js';
import { openJournalDatabase } from '../../main/store/database.js';
import { Journal } from '../../main/payments/payment-journal.js';
import { tempDir } from '../helpers/harness.js';

const opened: Journal[] = [];
function open(file: string) {
  const journal = new Journal(openJournalDatabase(file), 7);
  opened.push(journal);
  return { journal, box: new CashBox(new CashLedger(journal.db), 'simulated') };
}
afterEach(() => {
  for (const j of opened.splice(0)) j.close();
});

function accept(journal: Journal, id: number, amountFrom: number, alongside: () => void): void {
  journal.acceptDraft(id, { payBody: '{}', amountTo: amountFrom, amountFrom, fields: {}, offline: false, reason: 'test' }, Date.now(), { leaseMs: 60_000 }, alongside);
}

function draft(journal: Journal): number {
  return journal.createDraft({ serviceId: 'P1011', serviceName: 'Билайн', account: '7771234567', fields: {}, amountTo: null, amountFrom: null }, Date.now(), '2026-11-23T10:00:00', () => null).payment.id;
}

describe('cash box', () => {
  it('journals each note and adds them up; a note past the amount due is returned, not taken', () => {
    const { box } = open(path.join(tempDir(), 'j.sqlite'));
    const first = box.escrow(null, 1_000_00, 1_520_00);
    expect(first.stacked).toBe(true);
    const id = first.session.id;
    expect(box.escrow(id, 500_00, 1_520_00)).toMatchObject({ stacked: true, session: { total: 1_500_00 } });
    expect(box.escrow(id, 50_00, 1_520_00)).toMatchObject({ stacked: false, session: { total: 1_500_00 } });
    expect(box.escrow(id, 20_00, 1_520_00)).toMatchObject({ stacked: true, session: { total: 1_520_00 } });
    expect(box.session(id)!.notes.map((n) => n.amount)).toEqual([1_000_00, 500_00, 20_00]);
  });

  it('refuses what is not a tenge note or coin', () => {
    const { box } = open(path.join(tempDir(), 'j.sqlite'));
    expect(() => box.escrow(null, 3_00, null)).toThrow(CashError);
    expect(() => box.escrow(null, 1_000_50, null)).toThrow(/not a tenge note/);
  });

  it('the cash pays for exactly its total, once, and takes no notes after', () => {
    const { journal, box } = open(path.join(tempDir(), 'j.sqlite'));
    const id = box.escrow(null, 1_000_00, null).session.id;
    const a = draft(journal);
    const b = draft(journal);
    expect(() => box.payFor(id, a, 990_00)).toThrow(/is not the amount to pay/);
    accept(journal, a, 1_000_00, () => box.payFor(id, a, 1_000_00));
    box.payFor(id, a, 1_000_00); // the same payment again (a retried pay): fine
    expect(() => box.payFor(id, b, 1_000_00)).toThrow(/another payment/);
    expect(() => box.escrow(id, 100_00, null)).toThrow(/paid for its payment/);
    box.release(id);
    expect(box.unpaid()).toEqual([]);
  });

  it('a refused link leaves the payment unaccepted and the cash unlinked: one commit for both', () => {
    const { journal, box } = open(path.join(tempDir(), 'j.sqlite'));
    const id = box.escrow(null, 1_000_00, null).session.id;
    const a = draft(journal);
    expect(() => accept(journal, a, 990_00, () => box.payFor(id, a, 990_00))).toThrow(/is not the amount to pay/);
    expect(journal.mustGet(a).state).toBe('draft');
    expect(box.session(id)!.paymentId).toBeNull();
  });

  it('cash linked to a payment that then failed or was abandoned is the attendant\'s: listed, counted and settled', () => {
    const { journal, box } = open(path.join(tempDir(), 'j.sqlite'));
    const id = box.escrow(null, 1_000_00, null).session.id;
    const a = draft(journal);
    accept(journal, a, 1_000_00, () => box.payFor(id, a, 1_000_00));
    box.release(id);
    expect(box.unpaid()).toEqual([]);
    // processing refuses it for good: no payment accounts for the cash any more.
    journal.recordPayOutcomes([{ paymentId: a, attemptId: journal.attempts(a).at(-1)!.id, attempt: { outcome: 'answer', result: 7 }, change: { state: 'failed', result: 7, resultMessage: 'forbidden', reason: 'result 7' } }], Date.now());
    expect(box.unpaid()).toEqual([expect.objectContaining({ id, total: 1_000_00, paymentId: a, paymentState: 'failed' })]);
    box.settle(id, 'возвращено клиенту');
    expect(box.unpaid()).toEqual([]);
    expect(box.session(id)!.settled).toEqual({ at: expect.any(Number), note: 'возвращено клиенту' });
  });

  it('the first note does not raise the attendant\'s alarm: cash a screen is still taking is not "without a payment"', () => {
    const { box } = open(path.join(tempDir(), 'j.sqlite'));
    const id = box.escrow(null, 10_00, null).session.id;
    expect(box.unpaid()).toEqual([]);
    expect(() => box.settle(id, 'gave it back')).toThrow(/not waiting to be settled/);
    box.release(id); // the customer walked away: now it is the attendant's
    expect(box.unpaid()).toEqual([expect.objectContaining({ id, total: 10_00 })]);
    expect(() => box.escrow(id, 100_00, null)).toThrow(/handed to the attendant/);
  });

  it('a session nobody touched for a while (its screen died) is the attendant\'s', () => {
    const { journal } = open(path.join(tempDir(), 'j.sqlite'));
    let now = Date.now();
    const box = new CashBox(new CashLedger(journal.db), 'simulated', () => now, 60_000);
    const id = box.escrow(null, 1_000_00, null).session.id;
    expect(box.unpaid()).toEqual([]);
    now += 61_000;
    expect(box.unpaid().map((s) => s.id)).toEqual([id]);
  });

  it('cash without a payment is still there after a restart, for the attendant', () => {
    const file = path.join(tempDir(), 'j.sqlite');
    const first = open(file);
    const id = first.box.escrow(null, 2_000_00, null).session.id;
    first.journal.close();
    opened.splice(0);
    const { box, journal } = open(file);
    expect(box.unpaid()).toEqual([expect.objectContaining({ id, total: 2_000_00, paymentId: null })]);
    // The journal's triggers keep the notes as they were written.
    expect(() => journal.db.prepare('UPDATE cash_notes SET amount = 1').run()).toThrow(/append-only/);
    expect(() => journal.db.prepare('DELETE FROM cash_sessions').run()).toThrow(/never deleted/);
  });

  it('the attendant settles cash no payment accounts for, in words; it then takes no notes and pays for nothing', () => {
    const { journal, box } = open(path.join(tempDir(), 'j.sqlite'));
    const id = box.escrow(null, 5_000_00, null).session.id;
    box.release(id);
    expect(() => box.settle(id, '  ')).toThrow(/say what was done/);
    box.settle(id, 'возвращено клиенту');
    expect(box.session(id)!.settled).toEqual({ at: expect.any(Number), note: 'возвращено клиенту' });
    expect(box.unpaid()).toEqual([]);
    expect(() => box.settle(id, 'again')).toThrow(/not waiting to be settled/);
    expect(() => box.escrow(id, 100_00, null)).toThrow(/settled by a person/);
    expect(() => box.payFor(id, draft(journal), 5_000_00)).toThrow(/settled by a person/);
    // The journal refuses it too, whatever the code above it does.
    expect(() => journal.db.prepare("INSERT INTO cash_notes (session_id, amount, device, at) VALUES (?, 100, 'x', 0)").run(id)).toThrow(/settled/);
  });
});
