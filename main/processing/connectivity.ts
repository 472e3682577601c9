/**
 * Whether processing can be reached, learned from every request's outcome. When it comes back
 * after being unreachable, listeners run (the worker replays its queue at once).
 */
import type { Outcome } from './client.js';

export type Connectivity = 'online' | 'offline' | 'unknown';

/** How long after the last answer a timeout or a dropped connection still counts as one slow request, not "offline". */
export const ANSWERED_RECENTLY_MS = 60_000;

export class ConnectivityMonitor {
  private state: Connectivity = 'unknown';
  private lastAnswerAt = -Infinity;

  constructor(private readonly now: () => number = Date.now) {}
  private lastProblem: string | null = null;
  private auth = false;
  private readonly listeners = new Set<(state: Connectivity) => void>();
  private readonly watchers = new Set<(state: Connectivity) => void>();

  get current(): Connectivity {
    return this.state;
  }

  get problem(): string | null {
    return this.lastProblem;
  }

  /** processing refuses this terminal's credentials (HTTP 401/403): new payments are refused until it stops. */
  get authRefused(): boolean {
    return this.auth;
  }

  /** Any answer with a result code means processing is reachable, whatever the code. */
  report(outcome: Outcome<unknown>): void {
    const auth = outcome.kind === 'http' && (outcome.httpStatus === 401 || outcome.httpStatus === 403);
    if (auth !== this.auth && (auth || outcome.kind === 'answer')) {
      this.auth = auth;
      for (const w of this.watchers) w(this.state);
    }
    if (outcome.kind === 'answer' || auth) {
      this.lastAnswerAt = this.now();
      this.set('online', null);
    } else if (outcome.kind === 'transport') {
      // One payment that hangs or drops its connection, while others are answered, is that payment's
      // trouble, not "no connection": only a refusal, an unreachable network, or silence from every
      // request for a while makes the terminal offline. A stop is nobody's fault.
      if (outcome.error === 'stopped') return;
      const alone = outcome.error === 'timeout' || outcome.error === 'reset' || outcome.error === 'too-large';
      if (alone && this.now() - this.lastAnswerAt < ANSWERED_RECENTLY_MS) return;
      this.set('offline', `${outcome.error}: ${outcome.message}`);
    }
    else if (outcome.kind === 'http' && outcome.httpStatus >= 500) this.set('offline', `HTTP ${outcome.httpStatus}`);
  }

  onChange(listener: (state: Connectivity) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every change, the first one from 'unknown' included (the status bar shows all of them). */
  watch(listener: (state: Connectivity) => void): () => void {
    this.watchers.add(listener);
    return () => this.watchers.delete(listener);
  }

  private set(state: Connectivity, problem: string | null): void {
    this.lastProblem = problem;
    if (state === this.state) return;
    const previous = this.state;
    this.state = state;
    if (previous !== 'unknown' || state === 'offline') for (const l of this.listeners) l(state);
    for (const w of this.watchers) w(state);
  }
}
