/**
 * One test per migration: a journal that holds data at the version before it is upgraded, and
 * every fact it held is still there and still means the same.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CashLedger } from '../../main/cash/cash-ledger.js';
import { LATEST_VERSION, MIGRATIONS, migrate } from '../../main/store/migrations.js';
import { Journal } from '../../main/payments/payment-journal.js';
import { CatalogCache } from '../../main/catalog/catalog-cache.js';
import { tempDir } from '../helpers/harness.js';

function journalAt(version: number): Database.Database {
  const db = new Database(path.join(tempDir(), 'j.sqlite'));
  migrate(db, MIGRATIONS.slice(0, version));
  db.exec(`
    INSERT INTO payments (id, agent_transaction_id, agent_transaction_date, service_id, service_name, account, amount_to, amount_from, pay_body, state, next_attempt_at, created_at, accepted_at)
      VALUES (1, '700001000000000001', '2026-11-01T10:00:00', 'P1011', 'Билайн', '7771234567', 10000, 10200, '{"a":1}', 'pending', 0, 1, 1);
    INSERT INTO attempts (payment_id, kind, started_at, request, finished_at, outcome, http_status, result, answer) VALUES (1, 'pay', 1, '{"a":1}', 2, 'answer', 200, 1, '{"result":1}');
    INSERT INTO payment_events (payment_id, seq, at, state, reason) VALUES (1, 1, 1, 'pending', 'accepted');
    INSERT INTO catalog (id, fetched_at, body) VALUES (1, 1, '{"result":0,"services":[]}');
  `);
  return db;
}

function upgradeAndCheckPayments(db: Database.Database): Journal {
  migrate(db);
  expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
  const j = new Journal(db, 7);
  expect(j.mustGet(1)).toMatchObject({ agentTransactionId: '700001000000000001', state: 'pending', amountTo: 10000, amountFrom: 10200, payBody: '{"a":1}' });
  expect(j.attempts(1)).toEqual([expect.objectContaining({ kind: 'pay', result: 1, answer: '{"result":1}', answerBytes: null, answerSha256: null })]);
  expect(j.events(1)).toEqual([{ at: 1, state: 'pending', reason: 'accepted' }]);
  expect(new CatalogCache(db).load()).toEqual({ fetchedAt: 1, body: '{"result":0,"services":[]}' });
  return j;
}

describe('each migration upgrades a journal that holds data', () => {
  it('2 (receipts) on a journal at 1: payments, attempts, events and the catalog kept; receipts can be recorded', () => {
    const j = upgradeAndCheckPayments(journalAt(1));
    j.recordReceipt({ paymentId: 1, at: 3, printer: 'p', mode: 'text', lang: 'ru', statePrinted: 'pending', outcome: 'printed', error: null, bytes: 10 });
    expect(j.receipts(1)).toHaveLength(1);
  });

  it('3 (cash) on a journal at 2: its receipts kept; cash can be journaled', () => {
    const db = journalAt(2);
    db.exec(`INSERT INTO receipts (payment_id, at, printer, mode, lang, state_printed, outcome, error, bytes) VALUES (1, 2, 'p', 'raster', 'kk', 'pending', 'failed', 'paper out', 0)`);
    const j = upgradeAndCheckPayments(db);
    expect(j.receipts(1)).toEqual([expect.objectContaining({ lang: 'kk', outcome: 'failed', error: 'paper out' })]);
    const ledger = new CashLedger(db);
    const id = ledger.open(5);
    ledger.recordNote(id, 100_00, 'simulated', 5);
    expect(ledger.get(id)!.total).toBe(100_00);
  });

  it('4 (settlements, answer size and hash, security events) on a journal at 3: settled cash stays settled, linked cash stays linked, unsettled cash stays listed', () => {
    const db = journalAt(3);
    db.exec(`
      INSERT INTO cash_sessions (id, opened_at) VALUES ('settled', 1);
      INSERT INTO cash_notes (session_id, amount, device, at) VALUES ('settled', 50000, 'simulated', 1);
      UPDATE cash_sessions SET settled_at = 5, settled_note = 'возвращено клиенту' WHERE id = 'settled';
      INSERT INTO cash_sessions (id, opened_at) VALUES ('linked', 1);
      INSERT INTO cash_notes (session_id, amount, device, at) VALUES ('linked', 10200, 'simulated', 1);
      UPDATE cash_sessions SET payment_id = 1, linked_at = 2 WHERE id = 'linked';
      INSERT INTO cash_sessions (id, opened_at) VALUES ('left', 1);
      INSERT INTO cash_notes (session_id, amount, device, at) VALUES ('left', 2000, 'simulated', 1);
    `);
    upgradeAndCheckPayments(db);
    const ledger = new CashLedger(db);
    expect(ledger.get('settled')!.settled).toEqual({ at: 5, note: 'возвращено клиенту' });
    expect(db.prepare("SELECT note FROM cash_settlements WHERE session_id = 'settled'").get()).toEqual({ note: 'возвращено клиенту' });
    expect(ledger.get('linked')).toMatchObject({ paymentId: 1, paymentState: 'pending' });
    expect(ledger.unpaid().map((s) => s.id)).toEqual(['left']);
    expect(() => db.prepare("INSERT INTO cash_notes (session_id, amount, device, at) VALUES ('settled', 1, 'x', 9)").run()).toThrow(/settled/);
    db.prepare("INSERT INTO security_events (at, kind, detail) VALUES (1, 'pin-wrong', 'screen')").run();
  });

  it('5 (payouts) on a journal at 4: its cash and settlements kept; a payout funded by cash is accounted for', () => {
    const db = journalAt(4);
    db.exec(`
      INSERT INTO cash_sessions (id, opened_at) VALUES ('left', 1);
      INSERT INTO cash_notes (session_id, amount, device, at) VALUES ('left', 2000, 'simulated', 1);
      INSERT INTO cash_sessions (id, opened_at) VALUES ('funds', 1);
      INSERT INTO cash_notes (session_id, amount, device, at) VALUES ('funds', 102000, 'simulated', 1);
    `);
    upgradeAndCheckPayments(db);
    db.exec(`
      INSERT INTO payouts (id, order_number, flow, amount, amount_from, client_name, state, created_at) VALUES (1, 'a1', 'direct', 100000, 102000, 'IVAN', 'pending', 2);
      UPDATE cash_sessions SET payout_id = 1, linked_at = 3 WHERE id = 'funds';
    `);
    const ledger = new CashLedger(db);
    expect(ledger.unpaid().map((x) => x.id)).toEqual(['left']);
    expect(ledger.get('funds')).toMatchObject({ payoutId: 1, payoutState: 'pending' });
  });

  it('6 (cash received, cash releases) on a journal at 5: payouts and their cash kept; cash received is written once; a release says why', () => {
    const db = journalAt(5);
    db.exec(`
      INSERT INTO payouts (id, order_number, flow, amount, amount_from, client_name, state, created_at) VALUES (1, 'a1', 'direct', 100000, 102000, 'IVAN', 'paid', 2);
      INSERT INTO payout_attempts (payout_id, kind, started_at, request, finished_at, outcome, http_status, error_code, order_status) VALUES (1, 'perform', 2, '{}', 3, 'answer', 200, '0', 2);
      INSERT INTO cash_sessions (id, opened_at) VALUES ('left', 1);
      INSERT INTO cash_notes (session_id, amount, device, at) VALUES ('left', 2000, 'simulated', 1);
    `);
    const j = upgradeAndCheckPayments(db);
    expect(db.prepare('SELECT state, amount_from FROM payouts WHERE id = 1').get()).toEqual({ state: 'paid', amount_from: 102000 });
    expect(db.prepare('SELECT count(*) AS n FROM payout_attempts').get()).toEqual({ n: 1 });
    expect(j.mustGet(1).cashReceived).toBeNull();
    j.setCashReceived(1, 20000);
    expect(j.mustGet(1).cashReceived).toBe(20000);
    expect(() => db.prepare('UPDATE payments SET cash_received = 30000 WHERE id = 1').run()).toThrow(/written once/);
    const ledger = new CashLedger(db);
    expect(ledger.get('left')!.release).toBeNull();
    ledger.recordRelease('left', 'cancelled', 1, 9);
    expect(ledger.get('left')).toMatchObject({ release: { at: 9, reason: 'cancelled' }, forPayment: { agentTransactionId: '700001000000000001', account: '7771234567' } });
    expect(() => db.prepare("DELETE FROM cash_releases WHERE session_id = 'left'").run()).toThrow(/append-only/);
  });

  it('7 (delivered) on a journal at 6: a refused request is known never to have left; every other attempt may have', () => {
    const db = journalAt(6);
    db.exec(`
      INSERT INTO attempts (payment_id, kind, started_at, request, finished_at, outcome, error) VALUES (1, 'pay', 3, '{"a":1}', 4, 'transport', 'refused: connect ECONNREFUSED 127.0.0.1:1');
      INSERT INTO attempts (payment_id, kind, started_at, request, finished_at, outcome, error) VALUES (1, 'pay', 5, '{"a":1}', 6, 'transport', 'timeout: no complete answer within 600 ms');
    `);
    migrate(db);
    const j = new Journal(db, 7);
    expect(j.attempts(1).map((a) => a.delivered)).toEqual([true, false, true]);
    expect(j.payHistory(1, -1).earlierPossiblyReceived).toBe(2);
    expect(() => db.prepare('UPDATE attempts SET delivered = 0 WHERE id = 1').run()).toThrow(/history/);
  });

  it('8 (note intents, device events) on a journal at 7: notes of the simulated acceptor kept, credited once; an intent has one outcome', () => {
    const db = journalAt(7);
    db.exec(`
      INSERT INTO cash_sessions (id, opened_at) VALUES ('s1', 1);
      INSERT INTO cash_notes (session_id, amount, device, at) VALUES ('s1', 100000, 'simulated', 1);
    `);
    upgradeAndCheckPayments(db);
    const ledger = new CashLedger(db);
    expect(ledger.get('s1')!.notes).toEqual([{ amount: 100000, device: 'simulated', at: 1 }]);
    // The simulated acceptor's notes are not a real cassette's: none counted there.
    expect(ledger.cassette()).toEqual({ count: 0, total: 0 });
    const id = ledger.intend('s1', 50000, 'ccnet', 2);
    const intent = ledger.openIntent()!;
    expect(intent).toMatchObject({ id, sessionId: 's1', amount: 50000, outcome: null });
    ledger.credit(intent, 3);
    expect(ledger.get('s1')!.total).toBe(150000);
    expect(ledger.openIntent()).toBeNull();
    expect(() => ledger.credit(intent, 4)).toThrow();
    expect(ledger.get('s1')!.total).toBe(150000);
    expect(() => db.prepare("UPDATE cash_intent_outcomes SET outcome = 'returned'").run()).toThrow(/one outcome/);
    ledger.deviceEvent('ccnet', 'fault:jam-validator', null, null, 5);
    expect(() => db.prepare('DELETE FROM device_events').run()).toThrow(/append-only/);
  });

  it('9 (shifts, encashments) on a journal at 8: payments before it belong to no shift; one shift open at a time takes the ones after', () => {
    const db = journalAt(8);
    upgradeAndCheckPayments(db);
    expect(db.prepare('SELECT shift_id FROM payments WHERE id = 1').get()).toEqual({ shift_id: null });
    db.exec("INSERT INTO shifts (cashier, opened_at) VALUES ('Айгерім', 10)");
    expect(() => db.exec("INSERT INTO shifts (cashier, opened_at) VALUES ('Ерлан', 11)")).toThrow(/UNIQUE/);
    const j = new Journal(db, 7);
    const draft = j.createDraft({ serviceId: 'P1011', serviceName: 'Билайн', account: '7771234568', fields: {}, amountTo: null, amountFrom: null }, 20, '2026-11-01T10:00:00', () => null).payment;
    expect(db.prepare('SELECT shift_id FROM payments WHERE id = ?').get(draft.id)).toEqual({ shift_id: 1 });
    expect(() => db.prepare('UPDATE payments SET shift_id = NULL WHERE id = ?').run(draft.id)).toThrow(/one shift/);
  });
});
