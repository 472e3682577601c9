import { describe, expect, it } from 'vitest';
import { retryCeiling, retryDelay, validateSchedule } from '../../main/base/retry-schedule.js';

const schedule = { initialMs: 1000, maxMs: 60_000 };

describe('retry schedule', () => {
  it('grows: each ceiling doubles until the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryCeiling(schedule, n))).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
  });

  it('stays within [ceiling/2, ceiling] whatever the jitter, and never exceeds the cap', () => {
    for (let n = 1; n <= 100; n++) {
      const ceiling = retryCeiling(schedule, n);
      expect(retryDelay(schedule, n, () => 0)).toBe(Math.round(ceiling / 2));
      expect(retryDelay(schedule, n, () => 0.999999)).toBeLessThanOrEqual(ceiling);
      for (let i = 0; i < 20; i++) {
        const d = retryDelay(schedule, n);
        expect(d).toBeGreaterThanOrEqual(ceiling / 2);
        expect(d).toBeLessThanOrEqual(Math.min(ceiling, schedule.maxMs));
      }
    }
  });

  it('spreads repeats out (jitter): 50 terminals do not retry at the same instant', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelay(schedule, 5)));
    expect(delays.size).toBeGreaterThan(25);
  });

  it('does not overflow on huge attempt counts', () => {
    expect(retryCeiling(schedule, 10_000)).toBe(60_000);
  });

  it('refuses a nonsensical schedule', () => {
    expect(() => validateSchedule({ initialMs: 0, maxMs: 10 })).toThrow(/positive/);
    expect(() => validateSchedule({ initialMs: 500, maxMs: 100 })).toThrow(/at least/);
  });
});
