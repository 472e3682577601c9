/**
 * The journal of a kiosk's cash: every note taken, written (synchronous=FULL) before the acceptor is
 * told to stack it, grouped in a session that is linked to the payment it pays for. Cash whose
 * session never got a payment (power cut, crash, a person walking away mid-way) stays visible to
 * the attendant: it is never silently forgotten.
 */
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Minor } from '../money/amount.js';

export interface CashNote {
  amount: Minor;
  device: string;
  at: number;
}

export interface CashSession {
  id: string;
  openedAt: number;
  paymentId: number | null;
  /** Settled by a person (cash given back, or paid by hand), with what they wrote. */
  settled: { at: number; note: string } | null;
  total: Minor;
  notes: CashNote[];
}

export class CashLedger {
  private readonly q;

  constructor(private readonly db: Database.Database) {
    this.q = {
      open: db.prepare<[string, number]>('INSERT INTO cash_sessions (id, opened_at) VALUES (?, ?)'),
      note: db.prepare<[string, number, string, number]>('INSERT INTO cash_notes (session_id, amount, device, at) VALUES (?, ?, ?, ?)'),
      session: db.prepare<[string], { id: string; opened_at: number; payment_id: number | null; settled_at: number | null; settled_note: string | null }>(
        'SELECT id, opened_at, payment_id, settled_at, settled_note FROM cash_sessions WHERE id = ?',
      ),
      settle: db.prepare<[number, string, string]>('UPDATE cash_sessions SET settled_at = ?, settled_note = ? WHERE id = ? AND payment_id IS NULL AND settled_at IS NULL'),
      notes: db.prepare<[string], { amount: number; device: string; at: number }>('SELECT amount, device, at FROM cash_notes WHERE session_id = ? ORDER BY id'),
      link: db.prepare<[number, number, string]>('UPDATE cash_sessions SET payment_id = ?, linked_at = ? WHERE id = ? AND payment_id IS NULL'),
      unpaid: db.prepare<[], { id: string }>(
        'SELECT s.id FROM cash_sessions s WHERE s.payment_id IS NULL AND s.settled_at IS NULL AND EXISTS (SELECT 1 FROM cash_notes n WHERE n.session_id = s.id) ORDER BY s.opened_at',
      ),
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

  get(sessionId: string): CashSession | null {
    const row = this.q.session.get(sessionId);
    if (!row) return null;
    const notes = this.q.notes.all(sessionId);
    const settled = row.settled_at === null ? null : { at: row.settled_at, note: row.settled_note ?? '' };
    return { id: row.id, openedAt: row.opened_at, paymentId: row.payment_id, settled, total: notes.reduce((sum, n) => sum + n.amount, 0), notes };
  }

  /** Links the session's cash to the payment it pays for; false when it was linked already. */
  link(sessionId: string, paymentId: number, now: number): boolean {
    return this.q.link.run(paymentId, now, sessionId).changes === 1;
  }

  /** A person settled cash no payment accounts for; false when it was linked or settled already. */
  settle(sessionId: string, note: string, now: number): boolean {
    return this.q.settle.run(now, note, sessionId).changes === 1;
  }

  /** Cash taken that no payment accounts for and no person has settled. */
  unpaid(): CashSession[] {
    return this.q.unpaid.all().map((r) => this.get(r.id)!);
  }

  /** Records a note inside a transaction with its checks (used by the cash box). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
