/**
 * The admin PIN's door: a few wrong tries, then a lockout that grows with every further wrong one,
 * each wrong try and each lockout journaled (security_events), so neither a restart nor another host
 * resets the count. Guessing 4 digits at this rate takes weeks, and the journal shows who tried.
 */
import type Database from 'better-sqlite3';
import { secretEquals } from '../base/secret.js';

export const FREE_TRIES = 5;
export const FIRST_LOCKOUT_MS = 30_000;
export const MAX_LOCKOUT_MS = 60 * 60_000;

export type PinVerdict = { ok: true } | { ok: false; reason: 'wrong'; triesLeft: number } | { ok: false; reason: 'locked'; retryAfterMs: number } | { ok: false; reason: 'no-pin' };

export class PinGuard {
  private readonly q;

  constructor(
    db: Database.Database,
    private readonly pin: string | null,
    private readonly now: () => number = Date.now,
  ) {
    this.q = {
      last: db.prepare<[], { kind: string; at: number }>("SELECT kind, at FROM security_events WHERE kind IN ('pin-wrong', 'pin-ok') ORDER BY id DESC LIMIT 64"),
      add: db.prepare<[number, string, string | null]>('INSERT INTO security_events (at, kind, detail) VALUES (?, ?, ?)'),
    };
  }

  /** Wrong tries since the last right one, and when the last of them was. */
  private streak(): { wrong: number; lastAt: number } {
    let wrong = 0;
    let lastAt = 0;
    for (const e of this.q.last.all()) {
      if (e.kind === 'pin-ok') break;
      if (wrong === 0) lastAt = e.at;
      wrong += 1;
    }
    return { wrong, lastAt };
  }

  /** How long the door stays shut after `wrong` wrong tries in a row. */
  static lockoutMs(wrong: number): number {
    if (wrong < FREE_TRIES) return 0;
    return Math.min(MAX_LOCKOUT_MS, FIRST_LOCKOUT_MS * 2 ** (wrong - FREE_TRIES));
  }

  check(given: string, who: string): PinVerdict {
    if (this.pin === null) return { ok: false, reason: 'no-pin' };
    const now = this.now();
    const { wrong, lastAt } = this.streak();
    const until = lastAt + PinGuard.lockoutMs(wrong);
    // While locked, even the right PIN is not tried: a lockout is not an oracle.
    if (now < until) return { ok: false, reason: 'locked', retryAfterMs: until - now };
    if (secretEquals(given, this.pin)) {
      this.q.add.run(now, 'pin-ok', who);
      return { ok: true };
    }
    this.q.add.run(now, 'pin-wrong', who);
    const lock = PinGuard.lockoutMs(wrong + 1);
    if (lock > 0) return { ok: false, reason: 'locked', retryAfterMs: lock };
    return { ok: false, reason: 'wrong', triesLeft: FREE_TRIES - (wrong + 1) };
  }
}
