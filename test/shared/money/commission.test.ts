import { describe, expect, it } from 'vitest';
import { commissionFor, parsePercent, quoteFor, quoteFromTaken, type CommissionRule } from '../../../shared/money/commission.js';

const onePercentMin20: CommissionRule = { basisPoints: 100, minimum: 20_00 };

describe('the agent commission a customer sees before paying', () => {
  it('is a percentage of the amount credited, rounded up to the tiyn', () => {
    expect(commissionFor(5_000_00, { basisPoints: 150, minimum: 0 })).toBe(75_00);
    expect(commissionFor(333, { basisPoints: 100, minimum: 0 })).toBe(4); // 3.33 tiyn → 4
  });

  it('never goes below the minimum', () => {
    expect(commissionFor(500_00, onePercentMin20)).toBe(20_00);
    expect(quoteFor(500_00, onePercentMin20)).toEqual({ amountTo: 500_00, commission: 20_00, amountFrom: 520_00 });
  });

  it('is exact for amounts far past a float’s precision', () => {
    expect(commissionFor(90_071_992_547_409, { basisPoints: 1, minimum: 0 })).toBe(9_007_199_255);
  });

  it.each([['1.5', 150], ['0', 0], ['2', 200], ['0.05', 5]])('percent %s is %i basis points', (text, bp) => {
    expect(parsePercent(text)).toBe(bp);
  });

  it.each(['-1', '1.555', '100', 'abc', ''])('refuses percent %j', (text) => {
    expect(() => parsePercent(text)).toThrow(/commission percent/);
  });
});

describe('a kiosk that gives no change credits what the inserted cash covers', () => {
  it('finds the largest credited amount whose total fits the cash', () => {
    const q = quoteFromTaken(3_000_00, onePercentMin20)!;
    expect(q.amountTo + q.commission).toBe(3_000_00);
    expect(q.amountTo).toBe(2_970_29);
    expect(quoteFor(q.amountTo + 1, onePercentMin20).amountFrom).toBeGreaterThan(3_000_00);
  });

  it('uses the minimum where the percentage is smaller', () => {
    expect(quoteFromTaken(1_000_00, onePercentMin20)).toEqual({ amountTo: 980_00, commission: 20_00, amountFrom: 1_000_00 });
  });

  it('refuses cash that does not cover the minimum commission', () => {
    expect(quoteFromTaken(20_00, onePercentMin20)).toBeNull();
  });

  it('round-trips for every amount in a range', () => {
    for (let from = 20_01; from < 25_00; from += 7) {
      const q = quoteFromTaken(from, { basisPoints: 175, minimum: 0 })!;
      expect(q.amountTo + q.commission).toBe(from);
      expect(quoteFor(q.amountTo, { basisPoints: 175, minimum: 0 }).amountFrom).toBeLessThanOrEqual(from);
      expect(quoteFor(q.amountTo + 1, { basisPoints: 175, minimum: 0 }).amountFrom).toBeGreaterThan(from);
    }
  });
});
