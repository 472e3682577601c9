/**
 * The payment journal: the only code that writes payments. Every method that changes a payment
 * is one transaction, so what it writes is all there or none of it is, whatever breaks.
 */
import type Database from 'better-sqlite3';
import type { AmountLimit, LearnedLimits } from '../../shared/money/limits.js';
import { composeAgentTransactionId, decomposeAgentTransactionId, nextTick } from '../base/agent-transaction-id.js';
import type { IdFloor } from '../base/high-water.js';
import type { Minor } from '../../shared/money/amount.js';
import { leaseOwnerIsGone, processLeaseOwner } from '../base/lease-owner.js';
import { surelyNotDelivered, toAttempt, toPayment, type Attempt, type AttemptResult, type Claim, type NewPayment, type OutcomeRecord, type Payment, type PaymentChange, type PendingSummary, type ReceiptAttempt, type PaymentRow, type AttemptRow } from './payment-records.js';

/** How long a draft (checked, not yet accepted) may stay open before it counts as left behind. */
export const DRAFT_LEASE_MS = 60 * 60 * 1000;

import type { PaymentState } from '../../shared/rules/payment-states.js';
export { FINAL_STATES, type PaymentState } from '../../shared/rules/payment-states.js';

export * from './payment-records.js';

/** A payment's state, as the journal committed it: what the log says of every payment. */
export interface PaymentStateEntered {
  agentTransactionId: string;
  serviceId: string;
  state: string;
  reason: string | null;
  amountFrom: Minor | null;
  at: number;
}

export class Journal {
  readonly owner = processLeaseOwner();
  private readonly q;
  private readonly tx;

  constructor(
    readonly db: Database.Database,
    private readonly terminalId: number,
    /** What keeps ids unique beyond this journal (release time, high-water mark); none: the journal alone. */
    private readonly idFloor: IdFloor | null = null,
  ) {
    this.q = {
      lastId: db.prepare<[], { agent_transaction_id: string }>('SELECT agent_transaction_id FROM payments ORDER BY id DESC LIMIT 1'),
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare<[string, string]>('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      insertPayment: db.prepare(`
        INSERT INTO payments (agent_transaction_id, agent_transaction_date, service_id, service_name, account, fields,
          amount_to, amount_from, pay_body, state, offline, next_attempt_at, created_at, accepted_at)
        VALUES (@agentTransactionId, @agentTransactionDate, @serviceId, @serviceName, @account, @fields,
          @amountTo, @amountFrom, @payBody, @state, @offline, @nextAttemptAt, @now, @acceptedAt)`),
      insertEventRow: db.prepare<{ id: number; at: number; state: string; reason: string | null }>(
        'INSERT INTO payment_events (payment_id, seq, at, state, reason) VALUES (@id, (SELECT count(*) + 1 FROM payment_events WHERE payment_id = @id), @at, @state, @reason)',
      ),
      insertAttempt: db.prepare<[number, string, number, string]>('INSERT INTO attempts (payment_id, kind, started_at, request) VALUES (?, ?, ?, ?)'),
      finishAttempt: db.prepare(`
        UPDATE attempts SET finished_at = @now, outcome = @outcome, http_status = @httpStatus, result = @result,
          answer = @answer, answer_bytes = @answerBytes, answer_sha256 = @answerSha256, error = @error, elapsed_ms = @elapsedMs, delivered = @delivered
        WHERE id = @id AND finished_at IS NULL`),
      byId: db.prepare<[number], PaymentRow>('SELECT * FROM payments WHERE id = ?'),
      byAtid: db.prepare<[string], PaymentRow>('SELECT * FROM payments WHERE agent_transaction_id = ?'),
      attemptsOf: db.prepare<[number], AttemptRow>('SELECT * FROM attempts WHERE payment_id = ? ORDER BY id'),
      eventsOf: db.prepare<[number], { at: number; state: string; reason: string | null }>('SELECT at, state, reason FROM payment_events WHERE payment_id = ? ORDER BY seq'),
      // Only what choosing needs (the queue's index and the lease): whole rows are read for the chosen ones alone.
      dueCandidates: db.prepare<[number, number], Pick<PaymentRow, 'id' | 'lease_owner' | 'lease_until'>>(
        "SELECT id, lease_owner, lease_until FROM payments WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
      ),
      claim: db.prepare(`
        UPDATE payments SET lease_owner = @owner, lease_until = @until, pay_attempts = pay_attempts + 1
        WHERE id = @id AND state = 'pending' AND lease_owner IS @previousOwner`),
      release: db.prepare<[number, string]>('UPDATE payments SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?'),
      updateState: db.prepare(`
        UPDATE payments SET state = @state, result = @result, result_message = @resultMessage,
          transaction_id = coalesce(@transactionId, transaction_id), transaction_date = coalesce(@transactionDate, transaction_date),
          status_date = coalesce(@statusDate, status_date), state_reason = @reason, next_attempt_at = @nextAttemptAt,
          finished_at = @finishedAt, lease_owner = NULL, lease_until = NULL
        WHERE id = @id`),
      updateOpen: db.prepare(`
        UPDATE payments SET state = @state, result = coalesce(@result, result), result_message = coalesce(@resultMessage, result_message),
          transaction_id = coalesce(@transactionId, transaction_id), transaction_date = coalesce(@transactionDate, transaction_date),
          status_date = coalesce(@statusDate, status_date), state_reason = @reason, next_attempt_at = @nextAttemptAt,
          finished_at = @finishedAt, lease_owner = NULL, lease_until = NULL
        WHERE id = @id AND state IN ('pending', 'review')`),
      acceptDraft: db.prepare(`
        UPDATE payments SET state = 'pending', pay_body = @payBody, amount_to = @amountTo, amount_from = @amountFrom,
          fields = @fields, offline = @offline, accepted_at = @now, next_attempt_at = @now
        WHERE id = @id AND state = 'draft'`),
      holdDraft: db.prepare<[string, number, number]>('UPDATE payments SET lease_owner = ?, lease_until = ? WHERE id = ?'),
      drafts: db.prepare<[], PaymentRow>("SELECT * FROM payments WHERE state = 'draft'"),
      setCheckAnswer: db.prepare<[string, number]>('UPDATE payments SET check_answer = ? WHERE id = ?'),
      pendingSummary: db.prepare<[], { count: number; total: number | null; oldest: number | null }>(
        "SELECT count(*) AS count, sum(amount_from) AS total, min(accepted_at) AS oldest FROM payments WHERE state = 'pending'",
      ),
      anyPending: db.prepare<[], { one: number }>("SELECT 1 AS one FROM payments WHERE state = 'pending' LIMIT 1"),
      reviewCount: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM payments WHERE state = 'review'"),
      rescheduleAll: db.prepare<[number, number]>("UPDATE payments SET next_attempt_at = ? WHERE state = 'pending' AND next_attempt_at > ?"),
      nextDue: db.prepare<[], { at: number | null }>("SELECT min(next_attempt_at) AS at FROM payments WHERE state = 'pending'"),
      insertReceipt: db.prepare(`
        INSERT INTO receipts (payment_id, at, printer, mode, lang, state_printed, outcome, error, bytes)
        VALUES (@paymentId, @at, @printer, @mode, @lang, @statePrinted, @outcome, @error, @bytes)`),
      receiptsOf: db.prepare<[number], { id: number; payment_id: number; at: number; printer: string; mode: 'text' | 'raster'; lang: string; state_printed: string; outcome: 'printed' | 'failed'; error: string | null; bytes: number }>(
        'SELECT * FROM receipts WHERE payment_id = ? ORDER BY id',
      ),
      unprinted: db.prepare<[number], PaymentRow>(`
        SELECT p.* FROM payments p
        WHERE p.accepted_at >= ? AND p.state IN ('pending', 'success', 'failed', 'review')
          AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.payment_id = p.id AND r.outcome = 'printed')
        ORDER BY p.id`),
    };
    // Built once: better-sqlite3 transaction functions (BEGIN IMMEDIATE: one writer at a time across processes).
    this.tx = {
      acceptNew: db.transaction(this.acceptNewTx.bind(this)).immediate,
      recordPayOutcomes: db.transaction(this.recordPayOutcomesTx.bind(this)).immediate,
      claimDue: db.transaction(this.claimDueTx.bind(this)).immediate,
      recordAndClaim: db.transaction(
        (items: OutcomeRecord[], now: number, limit: number, leaseMs: number, exclude: ReadonlySet<number>): Claim[] => {
          this.recordPayOutcomesTx(items, now);
          return limit > 0 ? this.claimDueTx(now, limit, leaseMs, exclude) : [];
        },
      ).immediate,
    };
  }

  private insertEvent(id: number, at: number, state: string, reason: string | null): void {
    this.q.insertEventRow.run({ id, at, state, reason });
    if (this.watcher && this.unsaid.push({ id, at, state, reason }) === 1) queueMicrotask(() => this.sayCommitted());
  }

  private watcher: ((e: PaymentStateEntered) => void) | null = null;
  private unsaid: { id: number; at: number; state: string; reason: string | null }[] = [];

  /** Each state a payment enters, once it is committed (the log's): never one a failed transaction rolled back. */
  watch(fn: (e: PaymentStateEntered) => void): void {
    this.watcher = fn;
  }

  // Transactions here are synchronous: by the microtask after one, it has committed, or thrown and rolled back.
  private sayCommitted(): void {
    const said = this.unsaid;
    this.unsaid = [];
    const committed = this.db.prepare<[number, number, string], { atid: string; serviceId: string; amountFrom: number | null }>(
      'SELECT p.agent_transaction_id AS atid, p.service_id AS serviceId, p.amount_from AS amountFrom FROM payment_events e JOIN payments p ON p.id = e.payment_id WHERE e.payment_id = ? AND e.at = ? AND e.state = ? LIMIT 1',
    );
    for (const e of said) {
      const row = committed.get(e.id, e.at, e.state);
      if (row) this.watcher?.({ agentTransactionId: row.atid, serviceId: row.serviceId, state: e.state, reason: e.reason, amountFrom: row.amountFrom, at: e.at });
    }
  }

  /**
   * Issues the next agentTransactionId; call inside a write transaction. Ticks only grow and
   * payments are never deleted, so the newest row holds the last tick issued.
   */
  private issueId(now: number): string {
    const last = this.q.lastId.get()?.agent_transaction_id;
    const lastTick = last === undefined ? null : decomposeAgentTransactionId(last).tick;
    let tick: bigint;
    if (this.idFloor) {
      const reservedText = this.q.getMeta.get('ids_reserved')?.value;
      const next = this.idFloor.next(lastTick, reservedText === undefined ? null : BigInt(reservedText), now);
      // The reservation is recorded with the id, in the same commit: the journal knows which mark is its own.
      if (next.reserved !== null) this.q.setMeta.run('ids_reserved', next.reserved.toString());
      tick = next.tick;
    } else tick = nextTick(lastTick, now);
    return composeAgentTransactionId(this.terminalId, tick);
  }

  /**
   * Creates a draft (a payment being checked, no money taken yet) and, when a check body is given,
   * its check attempt: in one commit, before anything leaves the machine.
   */
  createDraft(p: NewPayment, now: number, date: string, checkBody: (agentTransactionId: string) => string | null): { payment: Payment; checkAttemptId: number | null } {
    return this.db.transaction(() => {
      const agentTransactionId = this.issueId(now);
      const info = this.q.insertPayment.run({
        agentTransactionId, agentTransactionDate: date, serviceId: p.serviceId, serviceName: p.serviceName, account: p.account,
        fields: JSON.stringify(p.fields), amountTo: p.amountTo, amountFrom: p.amountFrom, payBody: null, state: 'draft',
        offline: 0, nextAttemptAt: null, now, acceptedAt: null,
      });
      const id = Number(info.lastInsertRowid);
      this.q.holdDraft.run(this.owner, now + DRAFT_LEASE_MS, id);
      this.insertEvent(id, now, 'draft', null);
      const body = checkBody(agentTransactionId);
      const checkAttemptId = body === null ? null : Number(this.q.insertAttempt.run(id, 'check', now, body).lastInsertRowid);
      return { payment: this.mustGet(id), checkAttemptId };
    }).immediate();
  }

  /**
   * Accepts a payment straight into `pending` with its final pay body (no check, e.g. offline):
   * one commit, before its pay leaves the machine.
   */
  acceptNew(p: NewPayment & { amountTo: Minor; amountFrom: Minor }, now: number, date: string, payBody: (agentTransactionId: string) => string, offline: boolean, reason: string): Payment {
    return this.tx.acceptNew(p, now, date, payBody, offline, reason);
  }

  private acceptNewTx(p: NewPayment & { amountTo: Minor; amountFrom: Minor }, now: number, date: string, payBody: (agentTransactionId: string) => string, offline: boolean, reason: string): Payment {
    const agentTransactionId = this.issueId(now);
    const body = payBody(agentTransactionId);
    const info = this.q.insertPayment.run({
      agentTransactionId, agentTransactionDate: date, serviceId: p.serviceId, serviceName: p.serviceName, account: p.account,
      fields: JSON.stringify(p.fields), amountTo: p.amountTo, amountFrom: p.amountFrom, payBody: body, state: 'pending',
      offline: offline ? 1 : 0, nextAttemptAt: now, now, acceptedAt: now,
    });
    const id = Number(info.lastInsertRowid);
    this.insertEvent(id, now, 'pending', reason);
    return {
      id, agentTransactionId, agentTransactionDate: date, serviceId: p.serviceId, serviceName: p.serviceName, account: p.account,
      fields: { ...p.fields }, amountTo: p.amountTo, amountFrom: p.amountFrom, checkAnswer: null, payBody: body, state: 'pending',
      offline, result: null, resultMessage: null, transactionId: null, transactionDate: null, statusDate: null, stateReason: null, cashReceived: null,
      payAttempts: 0, nextAttemptAt: now, createdAt: now, acceptedAt: now, finishedAt: null,
    };
  }

  /**
   * Moves a checked draft to `pending` with its final pay body, and (optionally) starts its first
   * pay attempt under this process's lease: one commit, before the pay leaves the machine.
   * `alongside` runs inside the same commit (a kiosk's cash linked to the payment it pays for): if it
   * throws, nothing is accepted and nothing is linked.
   */
  acceptDraft(
    id: number,
    a: { payBody: string; amountTo: Minor; amountFrom: Minor; fields: Record<string, string>; offline: boolean; reason: string },
    now: number,
    claimFor?: { leaseMs: number },
    alongside?: () => void,
  ): { payment: Payment; attemptId: number | null } {
    return this.db.transaction(() => {
      const changed = this.q.acceptDraft.run({
        id, payBody: a.payBody, amountTo: a.amountTo, amountFrom: a.amountFrom, fields: JSON.stringify(a.fields),
        offline: a.offline ? 1 : 0, now,
      }).changes;
      if (changed !== 1) throw new Error(`payment ${id} is not a draft`);
      alongside?.();
      this.insertEvent(id, now, 'pending', a.reason);
      let attemptId: number | null = null;
      if (claimFor) attemptId = this.claimOne(this.mustGet(id), now, claimFor.leaseMs, this.owner);
      return { payment: this.mustGet(id), attemptId };
    }).immediate();
  }

  /** Records what a check found (displays, contracts, invoice) on a draft. */
  recordCheck(paymentId: number, attemptId: number, result: AttemptResult, checkAnswer: string | null, now: number): void {
    this.db.transaction(() => {
      this.finishAttemptRow(attemptId, result, now);
      if (checkAnswer !== null) this.q.setCheckAnswer.run(checkAnswer, paymentId);
    }).immediate();
  }

  /** Starts a check attempt on an existing draft (a repeated check). */
  startCheckAttempt(paymentId: number, body: string, now: number): number {
    return Number(this.q.insertAttempt.run(paymentId, 'check', now, body).lastInsertRowid);
  }

  /** Ends a draft without taking money: `failed` (check refused) or `abandoned`. */
  closeDraft(paymentId: number, state: 'failed' | 'abandoned', result: number | null, resultMessage: string | null, reason: string, now: number): Payment {
    return this.db.transaction(() => {
      const p = this.mustGet(paymentId);
      if (p.state !== 'draft') throw new Error(`payment ${paymentId} is ${p.state}, not a draft`);
      this.q.updateState.run({ id: paymentId, state, result, resultMessage, transactionId: null, transactionDate: null, statusDate: null, reason, nextAttemptAt: null, finishedAt: now });
      this.insertEvent(paymentId, now, state, reason);
      return this.mustGet(paymentId);
    }).immediate();
  }

  /**
   * Claims up to `limit` due pending payments for this process and starts a pay attempt for each:
   * one commit. A lease held by a live process is respected; one whose process is gone, or that
   * has expired, is taken over.
   */
  claimDue(now: number, limit: number, leaseMs: number, exclude: ReadonlySet<number> = new Set()): Claim[] {
    if (limit <= 0) return [];
    return this.tx.claimDue(now, limit, leaseMs, exclude);
  }

  private claimDueTx(now: number, limit: number, leaseMs: number, exclude: ReadonlySet<number>): Claim[] {
    const claims: Claim[] = [];
    const rows = this.q.dueCandidates.all(now, limit * 2 + exclude.size);
    for (const candidate of rows) {
      if (claims.length >= limit) break;
      if (exclude.has(candidate.id)) continue;
      if (!this.leaseAvailable(candidate, now)) continue;
      const row = this.q.byId.get(candidate.id);
      if (!row) continue;
      const payment = toPayment(row);
      const attemptId = this.claimOne(payment, now, leaseMs, row.lease_owner);
      if (attemptId !== null) claims.push({ payment: { ...payment, payAttempts: row.pay_attempts + 1 }, attemptId });
    }
    return claims;
  }

  /** Claims one specific pending payment now (e.g. "retry now"), if no live process holds it. */
  claimPayment(id: number, now: number, leaseMs: number): Claim | null {
    return this.db.transaction(() => {
      const row = this.q.byId.get(id);
      if (!row || row.state !== 'pending' || !this.leaseAvailable(row, now)) return null;
      const attemptId = this.claimOne(toPayment(row), now, leaseMs, row.lease_owner);
      return attemptId === null ? null : { payment: this.mustGet(id), attemptId };
    }).immediate();
  }

  private leaseAvailable(row: Pick<PaymentRow, 'lease_owner' | 'lease_until'>, now: number): boolean {
    if (row.lease_owner === null || row.lease_owner === this.owner) return true;
    if (row.lease_until !== null && row.lease_until < now) return true;
    return leaseOwnerIsGone(row.lease_owner);
  }

  private claimOne(p: Payment, now: number, leaseMs: number, previousOwner: string | null = null): number | null {
    if (p.payBody === null) throw new Error(`payment ${p.id} has no pay body`);
    const changed = this.q.claim.run({ id: p.id, owner: this.owner, until: now + leaseMs, previousOwner }).changes;
    if (changed !== 1) return null;
    return Number(this.q.insertAttempt.run(p.id, 'pay', now, p.payBody).lastInsertRowid);
  }

  /** Records pay outcomes and what they do to their payments: many in one commit. */
  recordPayOutcomes(items: OutcomeRecord[], now: number): void {
    if (items.length === 0) return;
    this.tx.recordPayOutcomes(items, now);
  }

  /** Records outcomes and claims up to `limit` due payments in their place: one commit for both. */
  recordAndClaim(items: OutcomeRecord[], now: number, limit: number, leaseMs: number, exclude: ReadonlySet<number>): Claim[] {
    return this.tx.recordAndClaim(items, now, limit, leaseMs, exclude);
  }

  private recordPayOutcomesTx(items: OutcomeRecord[], now: number): void {
    for (const it of items) {
      this.finishAttemptRow(it.attemptId, it.attempt, now);
      this.applyChange(it.paymentId, it.change, now);
    }
  }

  private applyChange(paymentId: number, change: PaymentChange, now: number): void {
    const changed =
      change.state === 'pending'
        ? this.q.updateOpen.run({
            id: paymentId, state: 'pending', result: change.result ?? null, resultMessage: change.resultMessage ?? null,
            transactionId: null, transactionDate: null, statusDate: null, reason: change.reason, nextAttemptAt: change.nextAttemptAt, finishedAt: null,
          }).changes
        : this.q.updateOpen.run({
            id: paymentId, state: change.state, result: change.result, resultMessage: change.resultMessage,
            transactionId: change.transactionId ?? null, transactionDate: change.transactionDate ?? null, statusDate: change.statusDate ?? null,
            reason: change.reason, nextAttemptAt: null, finishedAt: change.state === 'review' ? null : now,
          }).changes;
    if (changed === 0) {
      // Another process already finished it: its answer and ours come from the same idempotent payment.
      this.q.release.run(paymentId, this.owner);
      return;
    }
    if (change.state !== 'pending') this.insertEvent(paymentId, now, change.state, change.reason);
  }

  private finishAttemptRow(attemptId: number, r: AttemptResult, now: number): void {
    this.q.finishAttempt.run({
      id: attemptId, now, outcome: r.outcome, httpStatus: r.httpStatus ?? null, result: r.result ?? null,
      answer: r.answer ?? null, answerBytes: r.answerBytes ?? null, answerSha256: r.answerSha256 ?? null, error: r.error ?? null, elapsedMs: r.elapsedMs === undefined || r.elapsedMs === null ? null : Math.round(r.elapsedMs),
      delivered: r.delivered === false ? 0 : 1,
    });
  }

  /**
   * Drafts whose process is gone (killed between check and acceptance) or that were left open too
   * long: no pay was ever sent for them and no money was accepted, so they end as `abandoned`.
   */
  abandonOrphanDrafts(now: number): Payment[] {
    return this.db.transaction(() => {
      const closed: Payment[] = [];
      for (const row of this.q.drafts.all()) {
        if (row.lease_owner === this.owner && (row.lease_until ?? 0) >= now) continue;
        const gone = row.lease_owner === null || (row.lease_until ?? 0) < now || leaseOwnerIsGone(row.lease_owner);
        if (!gone) continue;
        const reason = 'the terminal stopped before the payment was accepted; no pay was sent';
        this.q.updateState.run({ id: row.id, state: 'abandoned', result: null, resultMessage: null, transactionId: null, transactionDate: null, statusDate: null, reason, nextAttemptAt: null, finishedAt: now });
        this.insertEvent(row.id, now, 'abandoned', reason);
        closed.push(this.mustGet(row.id));
      }
      return closed;
    }).immediate();
  }

  /** A person's decision on a payment under review (after reconciling with processing). */
  resolveReview(paymentId: number, state: 'success' | 'failed', reason: string, transactionId: string | null, now: number): Payment {
    return this.db.transaction(() => {
      const p = this.mustGet(paymentId);
      if (p.state !== 'review') throw new Error(`payment ${p.agentTransactionId} is ${p.state}, not under review`);
      if (state === 'success' && !transactionId && !p.transactionId) throw new Error('a successful payment needs the processing transactionId');
      this.q.updateState.run({ id: paymentId, state, result: p.result, resultMessage: p.resultMessage, transactionId, transactionDate: null, statusDate: null, reason, nextAttemptAt: null, finishedAt: now });
      this.insertEvent(paymentId, now, state, `person: ${reason}`);
      return this.mustGet(paymentId);
    }).immediate();
  }

  /** After a reconnect: every pending payment becomes due now. */
  rescheduleAllNow(now: number): number {
    return this.q.rescheduleAll.run(now, now).changes;
  }

  /** Whether any payment is waiting to be sent (cheap: the queue's partial index). */
  hasPending(): boolean {
    return this.q.anyPending.get() !== undefined;
  }

  nextDueAt(): number | null {
    return this.q.nextDue.get()?.at ?? null;
  }

  get(id: number): Payment | null {
    const row = this.q.byId.get(id);
    return row ? toPayment(row) : null;
  }

  mustGet(id: number): Payment {
    const p = this.get(id);
    if (!p) throw new Error(`no payment ${id}`);
    return p;
  }

  byAgentTransactionId(id: string): Payment | null {
    const row = this.q.byAtid.get(id);
    return row ? toPayment(row) : null;
  }

  attempts(paymentId: number): Attempt[] {
    return this.q.attemptsOf.all(paymentId).map(toAttempt);
  }

  events(paymentId: number): { at: number; state: string; reason: string | null }[] {
    return this.q.eventsOf.all(paymentId);
  }

  list(filter: { states?: PaymentState[]; since?: number; search?: string; limit?: number; shift?: number } = {}): Payment[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.shift !== undefined) {
      where.push('shift_id = ?');
      params.push(filter.shift);
    }
    if (filter.states?.length) {
      where.push(`state IN (${filter.states.map(() => '?').join(', ')})`);
      params.push(...filter.states);
    }
    if (filter.since !== undefined) {
      where.push('created_at >= ?');
      params.push(filter.since);
    }
    if (filter.search) {
      where.push('(account LIKE ? OR agent_transaction_id = ? OR transaction_id = ?)');
      params.push(`%${filter.search}%`, filter.search, filter.search);
    }
    const sql = `SELECT * FROM payments ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    params.push(filter.limit ?? 1000);
    return this.db.prepare<(string | number)[], PaymentRow>(sql).all(...params).map(toPayment);
  }

  /**
   * Money taken since `since` (a day or a shift): payments accepted and not refused (pending, under
   * review, paid), their count and sums; and how many of those are paid. Integer tiyn.
   */
  totals(since: number): { count: number; paid: number; taken: Minor; credited: Minor; commission: Minor } {
    const r = this.db
      .prepare<[number], { count: number; paid: number; taken: number | null; credited: number | null }>(
        "SELECT count(*) AS count, sum(state = 'success') AS paid, sum(amount_from) AS taken, sum(amount_to) AS credited FROM payments WHERE accepted_at >= ? AND state IN ('pending', 'review', 'success')",
      )
      .get(since);
    const taken = r?.taken ?? 0;
    const credited = r?.credited ?? 0;
    return { count: r?.count ?? 0, paid: r?.paid ?? 0, taken, credited, commission: taken - credited };
  }

  pendingSummary(): PendingSummary {
    const s = this.q.pendingSummary.get();
    return { count: s?.count ?? 0, totalFrom: s?.total ?? 0, oldestAcceptedAt: s?.oldest ?? null, review: this.q.reviewCount.get()?.n ?? 0 };
  }

  /** Pay attempts of a payment that processing may have received: all but refused connections. */
  payHistory(paymentId: number, excludingAttempt: number): { earlierPossiblyReceived: number; consecutive202OnRepeat: number } {
    const attempts = this.attempts(paymentId).filter((a) => a.kind === 'pay' && a.id !== excludingAttempt);
    let earlier = 0;
    let streak = 0;
    for (const a of attempts) {
      const wasRepeat = earlier > 0;
      if (a.outcome === 'answer') streak = a.result === 202 && wasRepeat ? streak + 1 : 0;
      if (!surelyNotDelivered(a)) earlier += 1;
    }
    return { earlierPossiblyReceived: earlier, consecutive202OnRepeat: streak };
  }

  /** Journals one print attempt of a payment's receipt (printed or not, and why). */
  recordReceipt(r: Omit<ReceiptAttempt, 'id'>): void {
    this.q.insertReceipt.run({ ...r, error: r.error ?? null });
  }

  receipts(paymentId: number): ReceiptAttempt[] {
    return this.q.receiptsOf.all(paymentId).map((r) => ({
      id: r.id, paymentId: r.payment_id, at: r.at, printer: r.printer, mode: r.mode, lang: r.lang, statePrinted: r.state_printed,
      outcome: r.outcome, error: r.error, bytes: r.bytes,
    }));
  }

  /** Accepted payments whose receipt never printed (what the cashier must hand over by hand or reprint). */
  unprintedReceipts(since: number): Payment[] {
    return this.q.unprinted.all(since).map(toPayment);
  }

  /** The cash a cashier received for a payment: written once (a trigger refuses a second value). */
  setCashReceived(paymentId: number, amount: Minor): void {
    this.db.prepare('UPDATE payments SET cash_received = ? WHERE id = ? AND cash_received IS NULL').run(amount, paymentId);
  }

  /** What processing's refusals taught about services' amount limits (241/242), kept across restarts. */
  learnedLimits(): LearnedLimits {
    const read = (): Record<string, AmountLimit & { at?: number }> => {
      try {
        return JSON.parse(this.q.getMeta.get(LEARNED_LIMITS)?.value ?? '{}') as Record<string, AmountLimit & { at?: number }>;
      } catch {
        return {};
      }
    };
    return {
      get: (serviceId) => read()[serviceId] ?? null,
      set: (serviceId, limit) => {
        this.q.setMeta.run(LEARNED_LIMITS, JSON.stringify({ ...read(), [serviceId]: limit }));
      },
    };
  }

  close(): void {
    this.db.close();
  }
}

const LEARNED_LIMITS = 'limits_learned';
