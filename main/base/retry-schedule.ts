/**
 * When to repeat a non-final pay: a growing interval with jitter, capped.
 * Attempt n (1-based) waits between half and all of min(max, initial * 2^(n-1)) ("equal jitter"),
 * so repeats spread out instead of arriving at processing in lockstep after an outage.
 */

export interface RetrySchedule {
  initialMs: number;
  maxMs: number;
}

export function retryCeiling(schedule: RetrySchedule, attempt: number): number {
  const n = Math.max(1, Math.floor(attempt));
  const exp = Math.min(n - 1, 40);
  return Math.min(schedule.maxMs, schedule.initialMs * 2 ** exp);
}

/** Delay before the next attempt after `attempt` attempts have been made. `random` in [0, 1). */
export function retryDelay(schedule: RetrySchedule, attempt: number, random: () => number = Math.random): number {
  const ceiling = retryCeiling(schedule, attempt);
  const half = ceiling / 2;
  return Math.round(half + random() * half);
}

export function validateSchedule(s: RetrySchedule): void {
  if (!Number.isInteger(s.initialMs) || s.initialMs < 1) throw new Error(`retry initial interval must be a positive number of ms, got ${s.initialMs}`);
  if (!Number.isInteger(s.maxMs) || s.maxMs < s.initialMs) throw new Error(`retry maximum interval (${s.maxMs} ms) must be at least the initial one (${s.initialMs} ms)`);
}
