/**
 * Group commit of pay outcomes: outcomes that arrive within a few milliseconds of each other are
 * journaled in one transaction. Safe because an outcome not yet journaled is only a repeat away:
 * the payment is still pending with its body committed, and processing answers a repeated id with
 * the earlier result.
 */
import type { AttemptResult, Journal, PaymentChange } from '../journal/journal.js';

interface Item {
  paymentId: number;
  attemptId: number;
  attempt: AttemptResult;
  change: PaymentChange;
  done: () => void;
  fail: (err: unknown) => void;
}

export class OutcomeWriter {
  private queue: Item[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly journal: Journal,
    private readonly now: () => number,
    private readonly delayMs = 2,
    private readonly maxBatch = 256,
  ) {}

  write(paymentId: number, attemptId: number, attempt: AttemptResult, change: PaymentChange): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ paymentId, attemptId, attempt, change, done: resolve, fail: reject });
      if (this.queue.length >= this.maxBatch) this.flush();
      else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.delayMs);
    });
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    try {
      this.journal.recordPayOutcomes(batch, this.now());
      for (const it of batch) it.done();
    } catch (err) {
      for (const it of batch) it.fail(err);
    }
  }
}
