/**
 * A kiosk's cash box: the rules between the note acceptor and the journal. A note waits in the
 * acceptor's escrow until the box decides: it is journaled and then stacked, or returned when it
 * would pay more than is due (a kiosk gives no change). Devices: the simulated acceptor of the
 * sandbox demo (notes "inserted" from the screen, journaled and stacked in one step: `escrow`); a real
 * acceptor's driver asks `intend` at escrow (the intent journaled before STACK is sent), then
 * `creditIntent` when the device reports the note stacked, or `resolveIntent` when it did not.
 *
 * A session a customer is still feeding at the screen is "in use": it is not yet the attendant's
 * business (the first note must not raise the "cash without a payment" alarm). It stops being in use
 * when it pays, when the screen gives it up (the customer walked away: `release`), or when nobody
 * has touched it for `idleMs` (a screen that died); from then on unpaid cash is the attendant's.
 */
import { formatDecimal, type Minor } from '../../shared/money/amount.js';
import type { CashLedger, CashReleaseReason, CashSession, NoteIntent } from './cash-ledger.js';

/** The acceptor: the sandbox demo's simulated one, none, or a real device's protocol (its port is in the configuration). */
export type CashDevice = 'simulated' | 'none' | 'ccnet' | 'id003';

/** Notes and coins of the tenge the simulated acceptor takes, tiyn. */
export const TENGE_DENOMINATIONS: readonly Minor[] = [20_000_00, 10_000_00, 5_000_00, 2_000_00, 1_000_00, 500_00, 200_00, 100_00, 50_00, 20_00, 10_00, 5_00, 2_00, 1_00];

export class CashError extends Error {
  override name = 'CashError';
  constructor(
    message: string,
    /** What went wrong, for the screens' words: 'no-acceptor', 'not-a-note', 'no-session', 'paid-already', 'settled', 'amount-mismatch', 'note-required', 'not-waiting', 'note-in-progress'. */
    readonly code: string = 'cash',
  ) {
    super(message);
  }
}

export class CashBox {
  /** Sessions being fed at a screen now: session id → last touched. */
  private readonly inUse = new Map<string, number>();

  constructor(
    private readonly ledger: CashLedger,
    readonly device: CashDevice,
    private readonly now: () => number = Date.now,
    /** A session untouched this long is no longer in use (its screen is gone). */
    private readonly idleMs: number = 10 * 60_000,
  ) {}

  /**
   * A note in escrow. `limit`: the most the session may hold (a locked amount due); a note that
   * would go past it is returned. Returns the session (a new one when none is given).
   */
  escrow(sessionId: string | null, amount: Minor, limit: Minor | null): { session: CashSession; stacked: boolean } {
    if (this.device === 'none') throw new CashError('this terminal has no cash acceptor', 'no-acceptor');
    if (!TENGE_DENOMINATIONS.includes(amount)) throw new CashError(`${formatDecimal(amount)} is not a tenge note or coin`, 'not-a-note');
    const result = this.ledger.transaction(() => {
      const { id, session } = this.feedable(sessionId);
      if (limit !== null && session.total + amount > limit) return { session, stacked: false };
      this.ledger.recordNote(id, amount, this.device, this.now());
      return { session: this.ledger.get(id)!, stacked: true };
    });
    this.inUse.set(result.session.id, this.now());
    return result;
  }

  /** The session a note may go into (a new one when none is given), or why none may. */
  private feedable(sessionId: string | null): { id: string; session: CashSession } {
    const id = sessionId ?? this.ledger.open(this.now());
    const session = this.ledger.get(id);
    if (!session) throw new CashError(`no cash session ${id}`, 'no-session');
    if (session.paymentId !== null || session.payoutId !== null) throw new CashError('this cash has paid for its payment already', 'paid-already');
    if (session.settled) throw new CashError('this cash was settled by a person', 'settled');
    if (sessionId !== null && !this.inUse.has(id)) throw new CashError('this cash was handed to the attendant', 'not-waiting');
    return { id, session };
  }

  /** A screen starts waiting for a real acceptor's notes: the session they go into (a new one when none is given). */
  open(sessionId: string | null): CashSession {
    const { session } = this.ledger.transaction(() => this.feedable(sessionId));
    this.inUse.set(session.id, this.now());
    return session;
  }

  /**
   * A real acceptor holds a note in escrow for this session: the intent to stack it is journaled (and
   * then the device is told), or null when it would go past `limit` (the device is told to return it).
   */
  intend(sessionId: string, amount: Minor, limit: Minor | null): number | null {
    if (this.device !== 'ccnet' && this.device !== 'id003') throw new CashError('this terminal has no note acceptor on a serial port', 'no-acceptor');
    const intent = this.ledger.transaction(() => {
      const { id, session } = this.feedable(sessionId);
      if (limit !== null && session.total + amount > limit) return null;
      if (this.ledger.openIntent()) throw new CashError('a note is still going in', 'note-in-progress');
      return this.ledger.intend(id, amount, this.device, this.now());
    });
    this.inUse.set(sessionId, this.now());
    return intent;
  }

  /** The note the acceptor was told to stack, if its outcome is still open. */
  openIntent(): NoteIntent | null {
    return this.ledger.openIntent();
  }

  /**
   * The device reports a note stacked: the open intent is credited to its session, once. Null when no
   * intent is open (a repeated stacked answer): nothing is credited. A journal that cannot take it throws.
   */
  creditIntent(amount: Minor | null, detail: string | null = null): CashSession | null {
    const intent = this.ledger.openIntent();
    if (!intent) return null;
    if (amount !== null && amount !== intent.amount) {
      // The device names another note than the one it was told to stack: nobody can say which is in the cassette.
      this.ledger.resolve(intent, 'unknown', this.now(), `the device reported ${formatDecimal(amount)} stacked for an intent of ${formatDecimal(intent.amount)}`);
      return null;
    }
    this.ledger.credit(intent, this.now(), detail);
    if (this.inUse.has(intent.sessionId)) this.inUse.set(intent.sessionId, this.now());
    return this.ledger.get(intent.sessionId);
  }

  /** The open intent's note was returned, or its fate is not known: the journal says which, and why. */
  resolveIntent(outcome: 'returned' | 'unknown', detail: string): NoteIntent | null {
    const intent = this.ledger.openIntent();
    if (!intent) return null;
    this.ledger.resolve(intent, outcome, this.now(), detail);
    return intent;
  }

  /** The notes in the cassette as the journal counts them (a real acceptor's, since the last encashment). */
  cassette(): { count: number; total: Minor } {
    return this.ledger.cassette();
  }

  session(id: string): CashSession | null {
    return this.ledger.get(id);
  }

  /**
   * The session's cash pays for this payment: linked once, and only for exactly its total. Called by
   * the engine inside the commit that accepts the payment, so cash and acceptance go together.
   */
  payFor(sessionId: string, paymentId: number, amountFrom: Minor): void {
    const s = this.ledger.get(sessionId);
    if (!s) throw new CashError(`no cash session ${sessionId}`, 'no-session');
    if (s.settled) throw new CashError('this cash was settled by a person', 'settled');
    if (this.ledger.hasOpenIntent(sessionId)) throw new CashError('a note is still going in: wait until the acceptor stacks or returns it', 'note-in-progress');
    if (s.total !== amountFrom) throw new CashError(`the cash inserted (${formatDecimal(s.total)}) is not the amount to pay (${formatDecimal(amountFrom)})`, 'amount-mismatch');
    if (s.paymentId === paymentId) return;
    if (s.paymentId !== null || !this.ledger.link(sessionId, paymentId, this.now())) throw new CashError('this cash has paid for another payment', 'paid-already');
  }

  /** The session's cash funds this card payout: linked once, for exactly its total, in the commit that creates the payout. */
  fundPayout(sessionId: string, payoutId: number, amountFrom: Minor): void {
    const s = this.ledger.get(sessionId);
    if (!s) throw new CashError(`no cash session ${sessionId}`, 'no-session');
    if (s.settled) throw new CashError('this cash was settled by a person', 'settled');
    if (this.ledger.hasOpenIntent(sessionId)) throw new CashError('a note is still going in: wait until the acceptor stacks or returns it', 'note-in-progress');
    if (s.total !== amountFrom) throw new CashError(`the cash inserted (${formatDecimal(s.total)}) is not the amount to pay (${formatDecimal(amountFrom)})`, 'amount-mismatch');
    if (s.paymentId !== null || s.payoutId !== null || !this.ledger.linkPayout(sessionId, payoutId, this.now())) throw new CashError('this cash has paid for something already', 'paid-already');
  }

  /**
   * The screen is done with this session (paid, or the customer gave up): unpaid cash is the
   * attendant's now. `why` says, for the attendant's list and the customer's slip, why and for which payment.
   */
  release(sessionId: string, why?: { reason: CashReleaseReason; paymentId: number | null }): CashSession | null {
    this.inUse.delete(sessionId);
    const s = this.ledger.get(sessionId);
    if (s && why && this.ledger.isUnpaid(s)) this.ledger.recordRelease(sessionId, why.reason, why.paymentId, this.now());
    return this.ledger.get(sessionId);
  }

  /** Why cash no payment accounts for is the attendant's: the screen's reason, a refusal, or the terminal stopping mid-way. */
  static why(s: CashSession): CashReleaseReason | 'power-cut' {
    if (s.release) return s.release.reason;
    if (s.paymentState !== null || s.payoutState !== null) return 'refused';
    return 'power-cut';
  }

  private forget(): void {
    const cutoff = this.now() - this.idleMs;
    for (const [id, at] of this.inUse) if (at < cutoff) this.inUse.delete(id);
  }

  /** Cash no payment accounts for, that no screen is still taking: the attendant's list and the status bar's count. */
  unpaid(): CashSession[] {
    this.forget();
    return this.ledger.unpaid().filter((s) => !this.inUse.has(s.id));
  }

  /** The attendant settled cash that no payment accounts for (gave it back, or paid by hand): what they did, in words. */
  settle(sessionId: string, note: string): void {
    if (!note.trim()) throw new CashError('say what was done with the cash', 'note-required');
    this.forget();
    if (this.inUse.has(sessionId) || !this.ledger.settle(sessionId, note.trim(), this.now())) throw new CashError('this cash is not waiting to be settled', 'not-waiting');
  }
}
