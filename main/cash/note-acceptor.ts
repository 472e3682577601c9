/**
 * The rule that keeps a real acceptor's money (CASH.md): the device is enabled only while a screen (or
 * `tolem pay --cash`) waits for notes, and only for the notes that payment can take; a note in escrow
 * is stacked only when the waiting session can take it (the intent journaled first), else returned;
 * a note is credited once, when the device reports it stacked; a returned or rejected note is never
 * counted. At power-up or reconnect a note the journal was stacking is settled: credited (the device
 * says it is in the stacker), returned (still in the validator, handed back), or not known (the
 * device remembers nothing), and the journal says which.
 */
import { formatDecimal, type Minor } from '../../shared/money/amount.js';
import type { Logger } from '../base/log.js';
import { CashError, type CashBox } from './cash-box.js';
import type { CashLedger, CashSession } from './cash-ledger.js';
import type { BillValidator, EscrowHandler, ValidatorState } from './devices/bill-validator.js';

export type AcceptorEvent =
  | { kind: 'stacked'; session: string; amount: Minor; total: Minor }
  | { kind: 'returned'; session: string | null; amount: Minor | null; why: 'overpay' | 'not-taken' | 'not-waiting' | 'returned' | 'rejected' }
  | { kind: 'settled'; session: string; amount: Minor; outcome: 'stacked' | 'returned' | 'unknown' }
  | { kind: 'device'; state: ValidatorState };

export class NoteAcceptor implements EscrowHandler {
  private driver: BillValidator | null = null;
  private waiting: { sessionId: string; limit: Minor | null } | null = null;
  /** The device test waits for one note, shown in escrow and handed back. */
  private testing: ((amount: Minor | null) => void) | null = null;
  private readonly listeners = new Set<(e: AcceptorEvent) => void>();

  constructor(
    private readonly box: CashBox,
    private readonly ledger: CashLedger,
    /** What the journal calls the device ("ccnet", "id003"). */
    readonly device: string,
    /** The notes the agent takes (the configured bill table), tiyn. */
    private readonly notes: readonly Minor[],
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  attach(driver: BillValidator): void {
    this.driver = driver;
  }

  on(listener: (e: AcceptorEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves at the acceptor's next event (a note, the device's state), after `ms` at most, or when `signal` aborts: what a waiter waits on instead of polling the journal. */
  nextEvent(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      const off = this.on(done);
      function done() {
        clearTimeout(timer);
        off();
        signal?.removeEventListener('abort', done);
        resolve();
      }
      if (signal?.aborted) done();
      else signal?.addEventListener('abort', done, { once: true });
    });
  }

  private emit(e: AcceptorEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch (err) {
        this.log.warn('cash', { event: e.kind, error: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  get state(): ValidatorState | null {
    return this.driver ? { ...this.driver.state } : null;
  }

  /** A note told to stack whose outcome is not journaled yet. */
  noteInProgress() {
    return this.box.openIntent();
  }

  /** Why the port cannot be opened, if it cannot. */
  get portProblem(): string | null {
    return this.driver?.portProblem ?? null;
  }

  /** The driver's last exchanges in words. */
  trace(): string[] {
    return this.driver ? [...this.driver.trace] : [];
  }

  /** Polls the device answered: a sign of life. */
  get polls(): number {
    return this.driver?.polls ?? 0;
  }

  /** Which session the device takes notes for now, if any. */
  get waitingFor(): string | null {
    return this.waiting?.sessionId ?? null;
  }

  /**
   * A screen (or the CLI) waits for notes into this session (a new one when none is given), up to
   * `limit` in total (a locked amount due; none: any sum). The device is enabled for the notes that fit.
   */
  begin(sessionId: string | null, limit: Minor | null): CashSession {
    if (!this.driver) throw new CashError('this terminal has no note acceptor', 'no-acceptor');
    if (this.driver.state.phase === 'alarm') throw new CashError(`the note acceptor is stopped: ${this.driver.state.alarm ?? 'alarm'}`, 'device-alarm');
    if (this.driver.state.fault) throw new CashError(`the note acceptor cannot take notes now: ${this.driver.state.fault}`, 'device-fault');
    if (this.driver.state.phase === 'starting') throw new CashError('the note acceptor is starting', 'device-starting');
    if (this.waiting && this.waiting.sessionId !== sessionId && this.box.session(this.waiting.sessionId)?.notes.length) {
      throw new CashError('the acceptor is taking notes for another payment', 'device-busy');
    }
    const session = this.box.open(sessionId);
    this.waiting = { sessionId: session.id, limit };
    this.enableFor(session);
    return session;
  }

  /** The screen stops waiting: the device takes nothing more (a note already in escrow is returned). */
  end(sessionId?: string): void {
    if (sessionId !== undefined && this.waiting?.sessionId !== sessionId) return;
    this.waiting = null;
    this.driver?.accept([]);
  }

  /** The notes the waiting session can still take. */
  private fitting(session: CashSession): Minor[] {
    const limit = this.waiting?.limit ?? null;
    return this.notes.filter((n) => limit === null || session.total + n <= limit);
  }

  private enableFor(session: CashSession): void {
    this.driver?.accept(this.fitting(session));
  }

  /**
   * The device test: enabled for every note it takes; the first note in escrow is returned, never
   * stacked, and said (null when none came in `waitMs`). Refused while a payment waits for notes.
   */
  async testNote(waitMs: number, signal?: AbortSignal): Promise<{ returned: Minor | null }> {
    if (!this.driver) throw new CashError('this terminal has no note acceptor', 'no-acceptor');
    if (this.waiting || this.box.openIntent()) throw new CashError('the acceptor is taking notes for a payment', 'device-busy');
    const seen = new Promise<Minor | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), waitMs);
      signal?.addEventListener('abort', () => resolve(null), { once: true });
      this.testing = (amount) => {
        clearTimeout(timer);
        resolve(amount);
      };
    });
    this.driver.accept(this.notes);
    try {
      const amount = await seen;
      this.note('test', amount, amount === null ? 'no note came' : 'shown in escrow and returned');
      return { returned: amount };
    } finally {
      this.testing = null;
      this.driver.accept([]);
    }
  }

  // --- what the driver asks ---

  escrow(amount: Minor | null): 'stack' | 'return' {
    if (this.testing) {
      this.testing(amount);
      return 'return';
    }
    // After a restart the note the journal was stacking may still be in escrow: stacking it keeps the intent.
    const open = this.box.openIntent();
    if (open) {
      if (amount !== null && open.amount === amount) return 'stack';
      this.log.warn('cash', { event: 'escrow-while-open', open: open.id, amount });
      return 'return';
    }
    const waiting = this.waiting;
    const why = amount === null || !this.notes.includes(amount) ? 'not-taken' : waiting === null ? 'not-waiting' : null;
    if (why || waiting === null || amount === null) {
      this.note('returned', amount, why ?? 'not-waiting');
      this.emit({ kind: 'returned', session: waiting?.sessionId ?? null, amount, why: why ?? 'not-waiting' });
      return 'return';
    }
    try {
      const intent = this.box.intend(waiting.sessionId, amount, waiting.limit);
      if (intent === null) {
        this.note('returned', amount, 'overpay');
        this.emit({ kind: 'returned', session: waiting.sessionId, amount, why: 'overpay' });
        return 'return';
      }
      return 'stack';
    } catch (err) {
      // No intent journaled (the disk, or the session gone): the note goes back to the customer.
      this.log.error('cash', { event: 'intent-failed', amount, error: err instanceof Error ? err.message : String(err) });
      this.emit({ kind: 'returned', session: waiting.sessionId, amount, why: 'not-waiting' });
      return 'return';
    }
  }

  stacked(amount: Minor | null): void {
    const session = this.box.creditIntent(amount);
    if (!session) {
      // A repeated stacked answer, or one for a note nobody told it to stack: nothing is credited.
      this.note('stacked-again', amount, 'no note was being stacked: nothing credited');
      return;
    }
    this.log.info('cash', { event: 'stacked', session: session.id, amount, total: session.total });
    this.emit({ kind: 'stacked', session: session.id, amount: session.notes.at(-1)?.amount ?? amount ?? 0, total: session.total });
    if (this.waiting?.sessionId === session.id) this.enableFor(session);
  }

  returned(amount: Minor | null, why: 'returned' | 'rejected'): void {
    const intent = why === 'returned' ? this.box.resolveIntent('returned', 'the device returned the note') : null;
    this.note(why, intent?.amount ?? amount, null);
    if (intent) this.emit({ kind: 'settled', session: intent.sessionId, amount: intent.amount, outcome: 'returned' });
    this.emit({ kind: 'returned', session: intent?.sessionId ?? this.waiting?.sessionId ?? null, amount: intent?.amount ?? amount, why });
  }

  poweredUp(bill: 'validator' | 'stacker' | null): void {
    this.note('power-up', null, bill === null ? 'no note inside' : `a note in the ${bill}`);
    const open = this.box.openIntent();
    if (!open) return;
    if (bill === 'stacker') {
      const session = this.box.creditIntent(null, 'credited at power-up: the device reported the note in the stacker');
      if (session) this.emit({ kind: 'settled', session: session.id, amount: open.amount, outcome: 'stacked' });
    } else if (bill === 'validator') {
      this.box.resolveIntent('returned', 'at power-up the note was still in the validator: the device hands it back');
      this.emit({ kind: 'settled', session: open.sessionId, amount: open.amount, outcome: 'returned' });
    } else this.lostTrack();
  }

  lostTrack(): void {
    const open = this.box.openIntent();
    if (!open) return;
    this.box.resolveIntent('unknown', 'the device came back with no note inside and no word of it: the cassette count at encashment settles it');
    this.log.warn('cash', { event: 'note-unknown', session: open.sessionId, amount: open.amount });
    this.emit({ kind: 'settled', session: open.sessionId, amount: open.amount, outcome: 'unknown' });
  }

  changed(state: ValidatorState): void {
    // Faults, alarms and coming back are journaled; enabling and disabling for each payment is not.
    const kind = state.alarm ? 'alarm' : state.fault ? `fault:${state.fault}` : state.phase;
    if (kind !== this.lastNoted) {
      this.lastNoted = kind;
      this.note(kind, null, state.alarm);
    }
    this.emit({ kind: 'device', state });
  }

  private lastNoted: string | null = null;

  private note(kind: string, amount: Minor | null, detail: string | null): void {
    try {
      this.ledger.deviceEvent(this.device, kind, amount, detail, this.now());
    } catch (err) {
      this.log.error('cash', { event: 'device-event-not-journaled', kind, amount: amount === null ? null : formatDecimal(amount), error: err instanceof Error ? err.message : String(err) });
    }
  }
}
