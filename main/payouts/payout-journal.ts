/**
 * The payouts' journal: a payout is committed with its unique orderNumber before its first request
 * leaves the machine; every request (without credentials, card numbers scrubbed) and its answer is an
 * attempt row; states move only forward (triggers refuse the rest). A kiosk's cash is linked to the
 * payout it funds in the same commit that creates it.
 */
import type Database from 'better-sqlite3';
import type { Minor } from '../../shared/money/amount.js';
import { scrubPans } from '../../shared/rules/card-number.js';

export { FINAL_PAYOUT_STATES, type PayoutState } from '../../shared/rules/payout-states.js';
import { FINAL_PAYOUT_STATES, type PayoutState } from '../../shared/rules/payout-states.js';

export interface Payout {
  id: number;
  orderNumber: string;
  flow: 'page' | 'direct';
  amount: Minor;
  amountFrom: Minor;
  fee: Minor | null;
  clientName: string;
  phone: string | null;
  maskedPan: string | null;
  orderId: string | null;
  formUrl: string | null;
  state: PayoutState;
  reason: string | null;
  errorCode: string | null;
  sessionTimeoutSecs: number | null;
  expiresAt: number | null;
  nextCheckAt: number | null;
  checks: number;
  createdAt: number;
  finishedAt: number | null;
  /** A cashier's payout: the cash the customer handed over, tiyn. */
  cashReceived: number | null;
}

export interface PayoutAttempt {
  id: number;
  kind: 'register' | 'perform' | 'status';
  startedAt: number;
  request: string;
  finishedAt: number | null;
  outcome: 'answer' | 'error' | 'transport' | 'http' | 'malformed' | null;
  httpStatus: number | null;
  errorCode: string | null;
  orderStatus: number | null;
  answer: string | null;
  error: string | null;
}

export interface PayoutChange {
  state: PayoutState;
  reason?: string | null;
  errorCode?: string | null;
  fee?: Minor | null;
  maskedPan?: string | null;
  orderId?: string | null;
  formUrl?: string | null;
  expiresAt?: number | null;
  nextCheckAt?: number | null;
}

interface Row {
  id: number; order_number: string; flow: 'page' | 'direct'; amount: number; amount_from: number; fee: number | null; client_name: string; phone: string | null;
  masked_pan: string | null; order_id: string | null; form_url: string | null; state: PayoutState; reason: string | null; error_code: string | null;
  session_timeout_secs: number | null; expires_at: number | null; next_check_at: number | null; checks: number; created_at: number; finished_at: number | null; cash_received: number | null;
}

function toPayout(r: Row): Payout {
  return {
    id: r.id, orderNumber: r.order_number, flow: r.flow, amount: r.amount, amountFrom: r.amount_from, fee: r.fee, clientName: r.client_name, phone: r.phone,
    maskedPan: r.masked_pan, orderId: r.order_id, formUrl: r.form_url, state: r.state, reason: r.reason, errorCode: r.error_code,
    sessionTimeoutSecs: r.session_timeout_secs, expiresAt: r.expires_at, nextCheckAt: r.next_check_at, checks: r.checks, createdAt: r.created_at, finishedAt: r.finished_at,
    cashReceived: r.cash_received ?? null,
  };
}

export class PayoutJournal {
  private readonly q;

  constructor(readonly db: Database.Database) {
    this.q = {
      insert: db.prepare(`INSERT INTO payouts (order_number, flow, amount, amount_from, client_name, phone, masked_pan, state, session_timeout_secs, next_check_at, created_at)
        VALUES (@orderNumber, @flow, @amount, @amountFrom, @clientName, @phone, @maskedPan, 'new', @sessionTimeoutSecs, @now, @now)`),
      byId: db.prepare<[number], Row>('SELECT * FROM payouts WHERE id = ?'),
      byOrder: db.prepare<[string], Row>('SELECT * FROM payouts WHERE order_number = ?'),
      open: db.prepare<[number], Row>("SELECT * FROM payouts WHERE state IN ('new', 'registered', 'pending') AND (next_check_at IS NULL OR next_check_at <= ?) ORDER BY id"),
      list: db.prepare<[number], Row>('SELECT * FROM payouts ORDER BY id DESC LIMIT ?'),
      lastRequest: db.prepare<[number], { at: number | null }>("SELECT max(started_at) AS at FROM payout_attempts WHERE payout_id = ? AND kind IN ('register', 'perform')"),
      attempt: db.prepare<[number, string, number, string]>('INSERT INTO payout_attempts (payout_id, kind, started_at, request) VALUES (?, ?, ?, ?)'),
      finish: db.prepare(`UPDATE payout_attempts SET finished_at = @now, outcome = @outcome, http_status = @httpStatus, error_code = @errorCode, order_status = @orderStatus, answer = @answer, error = @error
        WHERE id = @id AND finished_at IS NULL`),
      attempts: db.prepare<[number], { id: number; kind: PayoutAttempt['kind']; started_at: number; request: string; finished_at: number | null; outcome: PayoutAttempt['outcome']; http_status: number | null; error_code: string | null; order_status: number | null; answer: string | null; error: string | null }>(
        'SELECT * FROM payout_attempts WHERE payout_id = ? ORDER BY id',
      ),
      change: db.prepare(`UPDATE payouts SET state = @state, reason = coalesce(@reason, reason), error_code = coalesce(@errorCode, error_code), fee = coalesce(@fee, fee),
        masked_pan = coalesce(@maskedPan, masked_pan), order_id = coalesce(@orderId, order_id), form_url = coalesce(@formUrl, form_url), expires_at = coalesce(@expiresAt, expires_at),
        next_check_at = @nextCheckAt, checks = checks + @counted, finished_at = @finishedAt
        WHERE id = @id AND state NOT IN ('paid', 'declined', 'expired')`),
    };
  }

  /**
   * Commits a new payout and its first attempt (the request as journaled: no credentials, no card
   * number), with `alongside` (a kiosk's cash linked to it) in the same commit, before anything is sent.
   */
  create(p: { orderNumber: string; flow: 'page' | 'direct'; amount: Minor; amountFrom: Minor; clientName: string; phone: string | null; maskedPan: string | null; sessionTimeoutSecs: number | null }, firstRequest: { kind: PayoutAttempt['kind']; body: string }, now: number, alongside?: (payoutId: number) => void): { payout: Payout; attemptId: number } {
    const created = this.db.transaction(() => {
      const id = Number(this.q.insert.run({ ...p, now }).lastInsertRowid);
      alongside?.(id);
      const attemptId = Number(this.q.attempt.run(id, firstRequest.kind, now, scrubPans(firstRequest.body)).lastInsertRowid);
      return { payout: this.mustGet(id), attemptId };
    }).immediate();
    this.watcher?.(created.payout);
    return created;
  }

  private watcher: ((p: Payout) => void) | null = null;

  /** Each payout as a commit left it, when it was created or its state changed (the log's). */
  watch(fn: (p: Payout) => void): void {
    this.watcher = fn;
  }

  /** The cash a cashier received for a payout: written once. */
  setCashReceived(payoutId: number, amount: Minor): void {
    this.db.prepare('UPDATE payouts SET cash_received = ? WHERE id = ? AND cash_received IS NULL').run(amount, payoutId);
  }

  startAttempt(payoutId: number, kind: PayoutAttempt['kind'], body: string, now: number): number {
    return Number(this.q.attempt.run(payoutId, kind, now, scrubPans(body)).lastInsertRowid);
  }

  /** Records an attempt's outcome and what it does to its payout: one commit. */
  record(payoutId: number, attemptId: number, a: { outcome: NonNullable<PayoutAttempt['outcome']>; httpStatus?: number | null; errorCode?: string | null; orderStatus?: number | null; answer?: string | null; error?: string | null }, change: PayoutChange | null, now: number, counted = 0): Payout {
    const recorded = this.db.transaction(() => {
      this.q.finish.run({
        id: attemptId, now, outcome: a.outcome, httpStatus: a.httpStatus ?? null, errorCode: a.errorCode ?? null, orderStatus: a.orderStatus ?? null,
        answer: a.answer === undefined || a.answer === null ? null : scrubPans(a.answer).slice(0, 4096), error: a.error === undefined || a.error === null ? null : scrubPans(a.error).slice(0, 512),
      });
      if (change) {
        const final = FINAL_PAYOUT_STATES.has(change.state);
        this.q.change.run({
          id: payoutId, state: change.state, reason: change.reason ?? null, errorCode: change.errorCode ?? null, fee: change.fee ?? null,
          maskedPan: change.maskedPan ? scrubPans(change.maskedPan) : null, orderId: change.orderId ?? null, formUrl: change.formUrl ?? null, expiresAt: change.expiresAt ?? null,
          nextCheckAt: final ? null : (change.nextCheckAt ?? null), counted, finishedAt: final ? now : null,
        });
      }
      return this.mustGet(payoutId);
    }).immediate();
    if (change) this.watcher?.(recorded);
    return recorded;
  }

  get(id: number): Payout | null {
    const r = this.q.byId.get(id);
    return r ? toPayout(r) : null;
  }

  mustGet(id: number): Payout {
    const p = this.get(id);
    if (!p) throw new Error(`no payout ${id}`);
    return p;
  }

  byOrderNumber(orderNumber: string): Payout | null {
    const r = this.q.byOrder.get(orderNumber);
    return r ? toPayout(r) : null;
  }

  /** Payouts whose outcome is not known yet and whose next look is due. */
  open(now: number): Payout[] {
    return this.q.open.all(now).map(toPayout);
  }

  /** Every payout in these states, oldest first (the ones a person or an update must wait for). */
  inStates(states: readonly PayoutState[]): Payout[] {
    if (states.length === 0) return [];
    return this.db.prepare<string[], Row>(`SELECT * FROM payouts WHERE state IN (${states.map(() => '?').join(', ')}) ORDER BY id`).all(...states).map(toPayout);
  }

  /** When the payout's last register or perform left (a request that may still reach the bank). */
  lastRequestAt(payoutId: number): number | null {
    return this.q.lastRequest.get(payoutId)?.at ?? null;
  }

  /**
   * The day's payouts that took the customer's cash and still account for it (sent, paid, or for a
   * person): their count, the cash taken, what went to cards, and the agent's commission.
   */
  totals(since: number): { count: number; paid: number; taken: Minor; toCards: Minor; commission: Minor } {
    const r = this.db
      .prepare<[number], { count: number; paid: number | null; taken: number | null; to_cards: number | null }>(
        "SELECT count(*) AS count, sum(state = 'paid') AS paid, sum(amount_from) AS taken, sum(amount) AS to_cards FROM payouts WHERE created_at >= ? AND state IN ('new', 'registered', 'pending', 'review', 'paid')",
      )
      .get(since);
    const taken = r?.taken ?? 0;
    const toCards = r?.to_cards ?? 0;
    return { count: r?.count ?? 0, paid: r?.paid ?? 0, taken, toCards, commission: taken - toCards };
  }

  /** Payouts created since `since` (the journal screen's day), newest first. */
  since(since: number, limit = 5000): Payout[] {
    return this.db.prepare<[number, number], Row>('SELECT * FROM payouts WHERE created_at >= ? ORDER BY id DESC LIMIT ?').all(since, limit).map(toPayout);
  }

  list(limit = 200): Payout[] {
    return this.q.list.all(limit).map(toPayout);
  }

  attempts(payoutId: number): PayoutAttempt[] {
    return this.q.attempts.all(payoutId).map((r) => ({
      id: r.id, kind: r.kind, startedAt: r.started_at, request: r.request, finishedAt: r.finished_at, outcome: r.outcome, httpStatus: r.http_status,
      errorCode: r.error_code, orderStatus: r.order_status, answer: r.answer, error: r.error,
    }));
  }
}
