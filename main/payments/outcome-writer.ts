/**
 * Group commit of pay outcomes: outcomes that arrive in the same turn of the event loop are
 * journaled in one transaction (with whatever else the owner commits alongside, e.g. the worker's
 * next claims). Safe because an outcome not yet journaled is only a repeat away: the payment is
 * still pending with its body committed, and processing answers a repeated id with the earlier
 * result.
 */
import type { AttemptResult, PaymentChange } from './payment-journal.js';

export interface OutcomeItem {
  paymentId: number;
  attemptId: number;
  attempt: AttemptResult;
  change: PaymentChange;
}

interface Waiting extends OutcomeItem {
  done: () => void;
  fail: (err: unknown) => void;
}

export class OutcomeWriter {
  private queue: Waiting[] = [];
  private scheduled: NodeJS.Immediate | null = null;

  /** `commit` journals a batch in one transaction (and throws if it could not). */
  constructor(
    private readonly commit: (items: OutcomeItem[]) => void,
    private readonly maxBatch = 256,
  ) {}

  write(paymentId: number, attemptId: number, attempt: AttemptResult, change: PaymentChange): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ paymentId, attemptId, attempt, change, done: resolve, fail: reject });
      if (this.queue.length >= this.maxBatch) this.flush();
      else if (!this.scheduled) this.scheduled = setImmediate(() => this.flush());
    });
  }

  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    try {
      this.commit(batch);
      for (const it of batch) it.done();
    } catch (err) {
      for (const it of batch) it.fail(err);
    }
  }
}
