/**
 * The background worker: delivers pending payments after start, on their retry schedule, and at
 * once after processing comes back. Concurrency is bounded; each payment has its own timeout, so
 * one stuck payment holds one slot, never the queue. Claims are made in batches and outcomes are
 * group-committed, so the journal keeps up with processing.
 */
import type { Claim, Journal, Payment } from './payment-journal.js';
import type { PaymentEngine } from './payment-engine.js';
import { OutcomeWriter } from './outcome-writer.js';

export interface WorkerOptions {
  concurrency: number;
  /** Longest idle sleep between looks at the journal (another process may have queued a payment). */
  pollMs?: number | undefined;
  onDelivered?: ((payment: Payment) => void) | undefined;
  onError?: ((err: unknown) => void) | undefined;
}

export class PaymentWorker {
  private readonly inflight = new Map<number, Promise<void>>();
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly waiters = new Set<() => void>();
  private readonly writer: OutcomeWriter;
  private unsubscribe: (() => void) | null = null;
  private cycleCount = 0;
  /** Aborted by stop(): requests in flight end at once as "stopped" (non-final; the payment stays pending). */
  private stopping = new AbortController();

  constructor(
    private readonly engine: PaymentEngine,
    private readonly journal: Journal,
    private readonly options: WorkerOptions,
  ) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new Error(`worker concurrency must be a positive integer, got ${options.concurrency}`);
    // Outcomes are journaled together with the claims that take over the freed slots: one commit.
    this.writer = new OutcomeWriter((items) => {
      const now = this.engine.now();
      if (!this.running) {
        this.journal.recordPayOutcomes(items, now);
        return;
      }
      const free = this.options.concurrency - this.inflight.size + items.length;
      const claims = this.journal.recordAndClaim(items, now, free, this.engine.options.leaseMs, new Set(this.inflight.keys()));
      // Started after the commit returns (the writer resolves its batch right after).
      setImmediate(() => this.launch(claims));
      for (const c of claims) this.inflight.set(c.payment.id, Promise.resolve());
    });
  }

  private launch(claims: Claim[]): void {
    const onDelivered = this.options.onDelivered;
    for (const claim of claims) {
      const task = this.engine
        .attempt(claim, this.writer, { signal: this.stopping.signal })
        .then(() => onDelivered?.(this.journal.mustGet(claim.payment.id)))
        .catch((err: unknown) => this.options.onError?.(err))
        .finally(() => {
          this.inflight.delete(claim.payment.id);
          this.wake();
        });
      this.inflight.set(claim.payment.id, task);
    }
  }

  get busy(): number {
    return this.inflight.size;
  }

  /** Starts delivering; replays the whole queue at once when processing comes back. */
  start(): void {
    if (this.running) return;
    this.running = true;
    if (this.stopping.signal.aborted) this.stopping = new AbortController();
    this.journal.abandonOrphanDrafts(this.engine.now());
    this.unsubscribe = this.engine.connectivity.onChange((state) => {
      if (state === 'online') {
        this.journal.rescheduleAllNow(this.engine.now());
        this.wake();
      }
    });
    this.loop = this.run();
  }

  /** Stops within moments: requests in flight are cut off and journaled as not answered; every payment stays resumable. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.wake();
    this.stopping.abort();
    await this.loop;
    // Claims taken with the last outcomes may still be starting: wait until nothing is in flight.
    while (this.inflight.size > 0) {
      await Promise.allSettled([...this.inflight.values()]);
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.writer.flush();
  }

  wake(): void {
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const w of waiting) w();
  }

  /** Turns of the run loop so far: a health check's sign that the worker is alive, however idle. */
  get cycles(): number {
    return this.cycleCount;
  }

  /** Sleeps in progress (the run loop and drain): bounded however long the worker runs. */
  get sleepers(): number {
    return this.waiters.size;
  }

  /**
   * Delivers until no pending payment is left or `deadline` passes; with `now: true` every pending
   * payment is due at once first (the operator's "send the queue now").
   */
  async drain(deadline: number, opts: { now?: boolean } = {}): Promise<void> {
    if (opts.now) this.journal.rescheduleAllNow(this.engine.now());
    const wasRunning = this.running;
    if (!wasRunning) this.start();
    while (this.engine.now() < deadline) {
      if (this.inflight.size === 0 && !this.journal.hasPending()) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, Math.max(0, deadline - this.engine.now()))));
    }
    if (!wasRunning) await this.stop();
  }

  private async run(): Promise<void> {
    const { concurrency } = this.options;
    while (this.running) {
      this.cycleCount += 1;
      const free = concurrency - this.inflight.size;
      let claimed = 0;
      if (free > 0) {
        try {
          const claims = this.journal.claimDue(this.engine.now(), free, this.engine.options.leaseMs, new Set(this.inflight.keys()));
          claimed = claims.length;
          this.launch(claims);
        } catch (err) {
          this.options.onError?.(err);
        }
      }
      if (claimed > 0 && this.inflight.size < concurrency) continue;
      const nextDue = this.inflight.size >= concurrency ? null : this.journal.nextDueAt();
      const poll = this.engine.now() + (this.options.pollMs ?? 1000);
      await this.sleepUntil(nextDue === null ? poll : Math.min(poll, Math.max(nextDue, this.engine.now() + 1)));
    }
  }

  private sleepUntil(at: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, at - this.engine.now()));
      this.waiters.add(done);
    });
  }
}
