/** One rule for what a bill's chosen lines credit, and one for a payout recipient's name (the engine and the screens share them). */
import { describe, expect, it } from 'vitest';
import { invoiceTotal } from '../../shared/rules/invoice-lines.js';
import { isPayoutName } from '../../shared/rules/card-number.js';

describe('a bill\'s total', () => {
  it('is the sum of the chosen lines in tiyn, and unknown while a chosen line\'s amount cannot be read', () => {
    expect(invoiceTotal([1_808_00, 359_80, 0])).toBe(2_167_80);
    expect(invoiceTotal([])).toBe(0);
    expect(invoiceTotal([100_00, null])).toBeNull();
  });
});

describe('a payout recipient\'s name', () => {
  it.each([['IVAN IVANOV', true], ["D'ARTAGNAN", true], ['Иван', false], [' ', false], ['A'.repeat(25), false], ['1VAN', false]])('%s → %s', (name, ok) => {
    expect(isPayoutName(name)).toBe(ok);
  });
});
