/**
 * The journal of a kiosk's cash: every note taken, written (synchronous=FULL) before the acceptor is
 * told to stack it, grouped in a session that is linked to the payment it pays for in the same
 * commit that accepts that payment. Cash is accounted for only by a payment that is pending, under
 * review (a person decides it) or paid; any other cash (power cut, crash, a person walking away,
 * a payment refused after the notes went in) stays visible to the attendant until settled.
 */
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Minor } from '../../shared/money/amount.js';

export interface CashNote {
  amount: Minor;
  device: string;
  at: number;
}

/** A note a real acceptor was told to stack, journaled before STACK was sent, with its one outcome. */
export interface NoteIntent {
  id: number;
  sessionId: string;
  amount: Minor;
  device: string;
  at: number;
  outcome: { kind: 'stacked' | 'returned' | 'unknown'; at: number; detail: string | null } | null;
}

export type IntentOutcome = 'stacked' | 'returned' | 'unknown';

export interface CashSession {
  id: string;
  openedAt: number;
  paymentId: number | null;
  /** The state of the payment it is linked to, if any. */
  paymentState: string | null;
  /** The card payout it funds, if any, and that payout's state. */
  payoutId: number | null;
  payoutState: string | null;
  /** Settled by a person (cash given back, or paid by hand), with what they wrote. */
  settled: { at: number; note: string } | null;
  /** Why the screen handed it to the attendant (none: the terminal stopped or lost power mid-way). */
  release: { at: number; reason: CashReleaseReason } | null;
  /** The payment it was inserted for (linked, or named when it was handed over), as the attendant looks it up. */
  forPayment: { agentTransactionId: string; serviceName: string; account: string } | null;
  total: Minor;
  notes: CashNote[];
}

/** Why a screen handed cash to the attendant: the customer cancelled, walked away, or paying was refused. */
export type CashReleaseReason = 'cancelled' | 'walked-away' | 'refused';

/** Payment states that account for the cash linked to them. */
export const ACCOUNTING_STATES = ['pending', 'review', 'success'] as const;
const ACCOUNTING_SQL = ACCOUNTING_STATES.map((s) => `'${s}'`).join(', ');
/** Payout states that account for the cash funding them (not yet known, paid, or for a person). */
export const PAYOUT_ACCOUNTING_STATES = ['new', 'registered', 'pending', 'review', 'paid'] as const;
const PAYOUT_ACCOUNTING_SQL = PAYOUT_ACCOUNTING_STATES.map((s) => `'${s}'`).join(', ');

interface IntentRow { id: number; session_id: string; amount: number; device: string; at: number; outcome: IntentOutcome | null; outcome_at: number | null; detail: string | null }

const intentOf = (r: IntentRow): NoteIntent => ({
  id: r.id, sessionId: r.session_id, amount: r.amount, device: r.device, at: r.at,
  outcome: r.outcome === null ? null : { kind: r.outcome, at: r.outcome_at ?? r.at, detail: r.detail },
});

/** Something a note acceptor did or said, journaled for the attendant and the encashment. */
export interface DeviceEvent {
  id: number;
  at: number;
  device: string;
  kind: string;
  amount: Minor | null;
  detail: string | null;
}

export class CashLedger {
  private readonly q;

  constructor(private readonly db: Database.Database) {
    this.q = {
      open: db.prepare<[string, number]>('INSERT INTO cash_sessions (id, opened_at) VALUES (?, ?)'),
      note: db.prepare<[string, number, string, number]>('INSERT INTO cash_notes (session_id, amount, device, at) VALUES (?, ?, ?, ?)'),
      session: db.prepare<[string], { id: string; opened_at: number; payment_id: number | null; payment_state: string | null; payout_id: number | null; payout_state: string | null; settled_at: number | null; settled_note: string | null; released_at: number | null; release_reason: CashReleaseReason | null; atid: string | null; service_name: string | null; account: string | null }>(`
        SELECT s.id, s.opened_at, s.payment_id, p.state AS payment_state, s.payout_id, o.state AS payout_state,
          coalesce(c.at, s.settled_at) AS settled_at, coalesce(c.note, s.settled_note) AS settled_note,
          r.at AS released_at, r.reason AS release_reason,
          coalesce(p.agent_transaction_id, rp.agent_transaction_id) AS atid, coalesce(p.service_name, rp.service_name) AS service_name, coalesce(p.account, rp.account) AS account
        FROM cash_sessions s LEFT JOIN payments p ON p.id = s.payment_id LEFT JOIN payouts o ON o.id = s.payout_id LEFT JOIN cash_settlements c ON c.session_id = s.id
          LEFT JOIN cash_releases r ON r.session_id = s.id LEFT JOIN payments rp ON rp.id = r.payment_id
        WHERE s.id = ?`),
      release: db.prepare<[string, number, string, number | null]>('INSERT OR IGNORE INTO cash_releases (session_id, at, reason, payment_id) VALUES (?, ?, ?, ?)'),
      linkPayout: db.prepare<[number, number, string]>('UPDATE cash_sessions SET payout_id = ?, linked_at = ? WHERE id = ? AND payment_id IS NULL AND payout_id IS NULL'),
      settle: db.prepare<[string, number, string]>('INSERT INTO cash_settlements (session_id, at, note) VALUES (?, ?, ?)'),
      notes: db.prepare<[string], { amount: number; device: string; at: number }>('SELECT amount, device, at FROM cash_notes WHERE session_id = ? ORDER BY id'),
      intend: db.prepare<[string, number, string, number]>('INSERT INTO cash_intents (session_id, amount, device, at) VALUES (?, ?, ?, ?)'),
      outcome: db.prepare<[number, string, number, string | null]>('INSERT INTO cash_intent_outcomes (intent_id, outcome, at, detail) VALUES (?, ?, ?, ?)'),
      creditNote: db.prepare<[string, number, string, number, number]>('INSERT INTO cash_notes (session_id, amount, device, at, intent_id) VALUES (?, ?, ?, ?, ?)'),
      openIntent: db.prepare<[], IntentRow>(`SELECT i.id, i.session_id, i.amount, i.device, i.at, NULL AS outcome, NULL AS outcome_at, NULL AS detail FROM cash_intents i
        WHERE NOT EXISTS (SELECT 1 FROM cash_intent_outcomes o WHERE o.intent_id = i.id) ORDER BY i.id DESC LIMIT 1`),
      sessionOpenIntent: db.prepare<[string], { id: number }>(`SELECT i.id FROM cash_intents i
        WHERE i.session_id = ? AND NOT EXISTS (SELECT 1 FROM cash_intent_outcomes o WHERE o.intent_id = i.id)`),
      intents: db.prepare<[number], IntentRow>(`SELECT i.id, i.session_id, i.amount, i.device, i.at, o.outcome, o.at AS outcome_at, o.detail FROM cash_intents i
        LEFT JOIN cash_intent_outcomes o ON o.intent_id = i.id WHERE i.id > ? ORDER BY i.id`),
      cassette: db.prepare<[], { count: number; total: number }>(`SELECT count(*) AS count, coalesce(sum(amount), 0) AS total FROM cash_notes WHERE intent_id IS NOT NULL`),
      deviceEvent: db.prepare<[number, string, string, number | null, string | null]>('INSERT INTO device_events (at, device, kind, amount, detail) VALUES (?, ?, ?, ?, ?)'),
      deviceEvents: db.prepare<[number, number], { id: number; at: number; device: string; kind: string; amount: number | null; detail: string | null }>('SELECT id, at, device, kind, amount, detail FROM device_events WHERE id > ? ORDER BY id DESC LIMIT ?'),
      link: db.prepare<[number, number, string]>('UPDATE cash_sessions SET payment_id = ?, linked_at = ? WHERE id = ? AND payment_id IS NULL'),
      unpaid: db.prepare<[], { id: string }>(`
        SELECT s.id FROM cash_sessions s
        WHERE s.settled_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM cash_settlements c WHERE c.session_id = s.id)
          AND EXISTS (SELECT 1 FROM cash_notes n WHERE n.session_id = s.id)
          AND (s.payment_id IS NULL OR (SELECT p.state FROM payments p WHERE p.id = s.payment_id) NOT IN (${ACCOUNTING_SQL}))
          AND (s.payout_id IS NULL OR (SELECT o.state FROM payouts o WHERE o.id = s.payout_id) NOT IN (${PAYOUT_ACCOUNTING_SQL}))
        ORDER BY s.opened_at`),
    };
  }

  open(now: number): string {
    const id = crypto.randomUUID();
    this.q.open.run(id, now);
    return id;
  }

  recordNote(sessionId: string, amount: Minor, device: string, now: number): void {
    this.q.note.run(sessionId, amount, device, now);
  }

  /** Journals the intent to stack a note for a session, before the device is told: its id. */
  intend(sessionId: string, amount: Minor, device: string, now: number): number {
    return Number(this.q.intend.run(sessionId, amount, device, now).lastInsertRowid);
  }

  /** The note intent no outcome closed yet (a terminal has one acceptor, so at most one is open). */
  openIntent(): NoteIntent | null {
    const r = this.q.openIntent.get();
    return r ? intentOf(r) : null;
  }

  /** Whether a note is still going into this session (told to stack, not yet stacked or returned). */
  hasOpenIntent(sessionId: string): boolean {
    return this.q.sessionOpenIntent.get(sessionId) !== undefined;
  }

  /** The intent's note is in the cassette: credited to its session with its outcome, in one commit, once. */
  credit(intent: NoteIntent, now: number, detail: string | null = null): void {
    this.transaction(() => {
      this.q.outcome.run(intent.id, 'stacked', now, detail);
      this.q.creditNote.run(intent.sessionId, intent.amount, intent.device, now, intent.id);
    });
  }

  /** The intent's note was returned, or its fate is not known (the attendant's count at encashment settles it). */
  resolve(intent: NoteIntent, outcome: 'returned' | 'unknown', now: number, detail: string | null): void {
    this.q.outcome.run(intent.id, outcome, now, detail);
  }

  /** Notes credited from a real acceptor (the ones in its cassette) since the last encashment. */
  cassette(): { count: number; total: Minor } {
    return this.q.cassette.get()!;
  }

  /** Intents after this id, with their outcomes, oldest first. */
  intentsAfter(id: number): NoteIntent[] {
    return this.q.intents.all(id).map(intentOf);
  }

  deviceEvent(device: string, kind: string, amount: Minor | null, detail: string | null, now: number): void {
    this.q.deviceEvent.run(now, device, kind, amount, detail);
  }

  /** The device's latest events, newest first. */
  deviceEvents(limit = 50, afterId = 0): DeviceEvent[] {
    return this.q.deviceEvents.all(afterId, limit);
  }

  get(sessionId: string): CashSession | null {
    const row = this.q.session.get(sessionId);
    if (!row) return null;
    const notes = this.q.notes.all(sessionId);
    const settled = row.settled_at === null ? null : { at: row.settled_at, note: row.settled_note ?? '' };
    const release = row.released_at === null || row.release_reason === null ? null : { at: row.released_at, reason: row.release_reason };
    const forPayment = row.atid === null ? null : { agentTransactionId: row.atid, serviceName: row.service_name ?? '', account: row.account ?? '' };
    return { id: row.id, openedAt: row.opened_at, paymentId: row.payment_id, paymentState: row.payment_state, payoutId: row.payout_id, payoutState: row.payout_state, settled, release, forPayment, total: notes.reduce((sum, n) => sum + n.amount, 0), notes };
  }

  /** Why the screen handed the session to the attendant, and for which payment: the first reason stands. */
  recordRelease(sessionId: string, reason: CashReleaseReason, paymentId: number | null, now: number): void {
    this.q.release.run(sessionId, now, reason, paymentId);
  }

  /** Links the session's cash to the payment it pays for; false when it was linked already. */
  link(sessionId: string, paymentId: number, now: number): boolean {
    return this.q.link.run(paymentId, now, sessionId).changes === 1;
  }

  /** Links the session's cash to the payout it funds; false when it funds something already. */
  linkPayout(sessionId: string, payoutId: number, now: number): boolean {
    return this.q.linkPayout.run(payoutId, now, sessionId).changes === 1;
  }

  /** Whether no payment or payout accounts for this cash and nobody has settled it. */
  isUnpaid(s: CashSession): boolean {
    if (s.settled || s.notes.length === 0) return false;
    if (s.payoutState !== null) return !(PAYOUT_ACCOUNTING_STATES as readonly string[]).includes(s.payoutState);
    return s.paymentState === null || !(ACCOUNTING_STATES as readonly string[]).includes(s.paymentState);
  }

  /** A person settled cash no payment accounts for; false when it is accounted for or settled already. */
  settle(sessionId: string, note: string, now: number): boolean {
    return this.transaction(() => {
      const s = this.get(sessionId);
      if (!s || !this.isUnpaid(s)) return false;
      this.q.settle.run(sessionId, now, note);
      return true;
    });
  }

  /** Cash taken that no payment accounts for and no person has settled. */
  unpaid(): CashSession[] {
    return this.q.unpaid.all().map((r) => this.get(r.id)!);
  }

  /** Runs `fn` in one transaction (a savepoint inside an outer one). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
