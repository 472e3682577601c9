import { describe, expect, it } from 'vitest';
import { decideOffline } from '../../main/payments/offline-policy.js';

const policy = { maxPaymentAmount: 50_000_00, maxPendingTotal: 100_000_00, maxPendingAgeMs: 24 * 3_600_000 };
const empty = { count: 0, totalFrom: 0, oldestAcceptedAt: null, review: 0 };
const now = Date.UTC(2026, 10, 22, 12);

describe('offline acceptance policy', () => {
  it('accepts a payment within every limit', () => {
    expect(decideOffline(policy, 10_000_00, empty, now)).toEqual({ accept: true });
  });

  it('refuses a single payment over the per-payment limit, naming both amounts', () => {
    const d = decideOffline(policy, 50_000_01, empty, now);
    expect(d.accept).toBe(false);
    if (!d.accept) expect(d.reason).toMatch(/50\u00a0000\.00 ₸.*50\u00a0000\.01 ₸/);
  });

  it('refuses when the pending total would pass its limit', () => {
    const d = decideOffline(policy, 20_000_00, { count: 3, totalFrom: 90_000_00, oldestAcceptedAt: now - 1000, review: 0 }, now);
    expect(d.accept).toBe(false);
    if (!d.accept) expect(d.reason).toMatch(/already waiting/);
    expect(decideOffline(policy, 10_000_00, { count: 3, totalFrom: 90_000_00, oldestAcceptedAt: now - 1000, review: 0 }, now).accept).toBe(true);
  });

  it('refuses when a waiting payment is older than allowed', () => {
    const d = decideOffline(policy, 100_00, { count: 1, totalFrom: 100_00, oldestAcceptedAt: now - 25 * 3_600_000, review: 0 }, now);
    expect(d.accept).toBe(false);
    if (!d.accept) expect(d.reason).toMatch(/25 h/);
  });

  it('a zero per-payment limit turns offline acceptance off', () => {
    expect(decideOffline({ ...policy, maxPaymentAmount: 0 }, 1, empty, now).accept).toBe(false);
  });
});
