/**
 * The journal's shifts and encashments, and the figures their reports are made of: read in one
 * transaction, so a report is one moment's truth.
 */
import type Database from 'better-sqlite3';
import type { Minor } from '../../shared/money/amount.js';

export interface ShiftRow {
  id: number;
  cashier: string;
  openedAt: number;
  closedAt: number | null;
  closedBy: 'cashier' | 'auto' | null;
  zReport: string | null;
  counted: Minor | null;
}

export interface EncashmentRow {
  id: number;
  at: number;
  startedBy: 'menu' | 'cassette-removed' | 'cli';
  lastNoteId: number;
  lastIntentId: number;
  report: string;
  counted: string | null;
}

/** A payment as a report counts it. */
export interface PaymentFigure {
  id: number;
  agentTransactionId: string;
  serviceId: string;
  serviceName: string;
  account: string;
  state: string;
  amountTo: Minor;
  amountFrom: Minor;
  /** Its pay body was committed: the customer's money was taken for it. */
  accepted: boolean;
}

export interface PayoutFigure {
  id: number;
  orderNumber: string;
  state: string;
  amount: Minor;
  amountFrom: Minor;
}

export interface NoteFigure {
  id: number;
  sessionId: string;
  amount: Minor;
}

export interface SessionFigure {
  id: string;
  total: Minor;
  paymentId: number | null;
  paymentState: string | null;
  payoutId: number | null;
  payoutState: string | null;
  settledNote: string | null;
}

type ShiftDb = { id: number; cashier: string; opened_at: number; closed_at: number | null; closed_by: 'cashier' | 'auto' | null; z_report: string | null; counted: number | null };
const shiftOf = (r: ShiftDb): ShiftRow => ({ id: r.id, cashier: r.cashier, openedAt: r.opened_at, closedAt: r.closed_at, closedBy: r.closed_by, zReport: r.z_report, counted: r.counted });
type EncDb = { id: number; at: number; started_by: EncashmentRow['startedBy']; last_note_id: number; last_intent_id: number; report: string; counted: string | null };
const encOf = (r: EncDb): EncashmentRow => ({ id: r.id, at: r.at, startedBy: r.started_by, lastNoteId: r.last_note_id, lastIntentId: r.last_intent_id, report: r.report, counted: r.counted });

const PAYMENT_COLUMNS = `p.id, p.agent_transaction_id AS agentTransactionId, p.service_id AS serviceId, p.service_name AS serviceName, p.account, p.state,
  coalesce(p.amount_to, 0) AS amountTo, coalesce(p.amount_from, p.amount_to, 0) AS amountFrom, (p.pay_body IS NOT NULL) AS accepted`;

export class TillLedger {
  constructor(readonly db: Database.Database) {}

  openShift(): ShiftRow | null {
    const r = this.db.prepare<[], ShiftDb>('SELECT * FROM shifts WHERE closed_at IS NULL').get();
    return r ? shiftOf(r) : null;
  }

  shift(id: number): ShiftRow | null {
    const r = this.db.prepare<[number], ShiftDb>('SELECT * FROM shifts WHERE id = ?').get(id);
    return r ? shiftOf(r) : null;
  }

  shifts(limit = 50): ShiftRow[] {
    return this.db.prepare<[number], ShiftDb>('SELECT * FROM shifts ORDER BY id DESC LIMIT ?').all(limit).map(shiftOf);
  }

  insertShift(cashier: string, now: number): ShiftRow {
    const id = Number(this.db.prepare<[string, number]>('INSERT INTO shifts (cashier, opened_at) VALUES (?, ?)').run(cashier, now).lastInsertRowid);
    return this.shift(id)!;
  }

  closeShift(id: number, report: string, by: 'cashier' | 'auto', counted: Minor | null, now: number): void {
    this.db.prepare<[number, string, string, number | null, number]>('UPDATE shifts SET closed_at = ?, closed_by = ?, z_report = ?, counted = ? WHERE id = ? AND closed_at IS NULL').run(now, by, report, counted, id);
  }

  shiftPayments(shiftId: number): PaymentFigure[] {
    return this.db.prepare<[number], PaymentFigure>(`SELECT ${PAYMENT_COLUMNS} FROM payments p WHERE p.shift_id = ? AND p.state NOT IN ('draft') ORDER BY p.id`).all(shiftId).map((p) => ({ ...p, accepted: Boolean(p.accepted) }));
  }

  shiftPayouts(shiftId: number): PayoutFigure[] {
    return this.db.prepare<[number], PayoutFigure>('SELECT id, order_number AS orderNumber, state, amount, coalesce(amount_from, amount) AS amountFrom FROM payouts WHERE shift_id = ? ORDER BY id').all(shiftId);
  }

  lastEncashment(): EncashmentRow | null {
    const r = this.db.prepare<[], EncDb>('SELECT * FROM encashments ORDER BY id DESC LIMIT 1').get();
    return r ? encOf(r) : null;
  }

  encashment(id: number): EncashmentRow | null {
    const r = this.db.prepare<[number], EncDb>('SELECT * FROM encashments WHERE id = ?').get(id);
    return r ? encOf(r) : null;
  }

  encashments(limit = 50): EncashmentRow[] {
    return this.db.prepare<[number], EncDb>('SELECT * FROM encashments ORDER BY id DESC LIMIT ?').all(limit).map(encOf);
  }

  /** The id the next encashment gets (its report names it): the journal's one writer asks inside the encashment's transaction. */
  nextEncashmentId(): number {
    return (this.db.prepare<[], { m: number | null }>('SELECT max(id) AS m FROM encashments').get()!.m ?? 0) + 1;
  }

  insertEncashment(e: Omit<EncashmentRow, 'counted'>, counted: string | null): void {
    this.db
      .prepare<[number, number, string, number, number, string, string | null, number | null]>('INSERT INTO encashments (id, at, started_by, last_note_id, last_intent_id, report, counted, counted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(e.id, e.at, e.startedBy, e.lastNoteId, e.lastIntentId, e.report, counted, counted === null ? null : e.at);
  }

  recordCount(id: number, counted: string, report: string, now: number): boolean {
    return this.db.prepare<[string, string, number, number]>('UPDATE encashments SET counted = ?, report = ?, counted_at = ? WHERE id = ? AND counted IS NULL').run(counted, report, now, id).changes === 1;
  }

  /** Notes in (after, upTo]: a period's cassette as the journal has it (every note, simulated or real). */
  notes(after: number, upTo: number = Number.MAX_SAFE_INTEGER): NoteFigure[] {
    return this.db.prepare<[number, number], NoteFigure>('SELECT id, session_id AS sessionId, amount FROM cash_notes WHERE id > ? AND id <= ? ORDER BY id').all(after, upTo);
  }

  maxNoteId(): number {
    return this.db.prepare<[], { m: number | null }>('SELECT max(id) AS m FROM cash_notes').get()!.m ?? 0;
  }

  maxIntentId(): number {
    return this.db.prepare<[], { m: number | null }>('SELECT max(id) AS m FROM cash_intents').get()!.m ?? 0;
  }

  sessionFigures(ids: readonly string[]): SessionFigure[] {
    const stmt = this.db.prepare<[string], SessionFigure>(`
      SELECT s.id, (SELECT coalesce(sum(n.amount), 0) FROM cash_notes n WHERE n.session_id = s.id) AS total,
        s.payment_id AS paymentId, p.state AS paymentState, s.payout_id AS payoutId, o.state AS payoutState,
        coalesce(c.note, s.settled_note) AS settledNote
      FROM cash_sessions s LEFT JOIN payments p ON p.id = s.payment_id LEFT JOIN payouts o ON o.id = s.payout_id
        LEFT JOIN cash_settlements c ON c.session_id = s.id WHERE s.id = ?`);
    return ids.map((id) => stmt.get(id)!).filter(Boolean);
  }

  payments(ids: readonly number[]): PaymentFigure[] {
    const stmt = this.db.prepare<[number], PaymentFigure>(`SELECT ${PAYMENT_COLUMNS} FROM payments p WHERE p.id = ?`);
    return ids.map((id) => stmt.get(id)!).filter(Boolean).map((p) => ({ ...p, accepted: Boolean(p.accepted) }));
  }

  payouts(ids: readonly number[]): PayoutFigure[] {
    const stmt = this.db.prepare<[number], PayoutFigure>('SELECT id, order_number AS orderNumber, state, amount, coalesce(amount_from, amount) AS amountFrom FROM payouts WHERE id = ?');
    return ids.map((id) => stmt.get(id)!).filter(Boolean);
  }

  /** Note intents in (after, upTo] whose note's fate is not known (the count settles them). */
  unknownIntents(after: number, upTo: number = Number.MAX_SAFE_INTEGER): { id: number; sessionId: string; amount: Minor; at: number }[] {
    return this.db
      .prepare<[number, number], { id: number; sessionId: string; amount: Minor; at: number }>(`SELECT i.id, i.session_id AS sessionId, i.amount, i.at FROM cash_intents i JOIN cash_intent_outcomes o ON o.intent_id = i.id
        WHERE o.outcome = 'unknown' AND i.id > ? AND i.id <= ? ORDER BY i.id`)
      .all(after, upTo);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
