import { describe, expect, it } from 'vitest';
import { AmountError, formatDecimal, formatTenge, parseAmount, parseDecimalMoney } from '../../../shared/money/amount.js';

describe('parseAmount (what a person types)', () => {
  it.each([
    ['200', 20000],
    ['200.5', 20050],
    ['200.50', 20050],
    ['200,05', 20005],
    ['0.01', 1],
    ['1234567890123.99', 123456789012399],
  ])('%s is %i tiyn', (text, minor) => {
    expect(parseAmount(text)).toBe(minor);
  });

  it('refuses three decimals with a message that says so', () => {
    expect(() => parseAmount('200.005')).toThrow(/more than two decimals/);
  });

  it.each(['', '-5', '1e3', '200.', '.5', '1 000', 'abc', '0x10', '99999999999999'])('refuses %j', (text) => {
    expect(() => parseAmount(text)).toThrow(AmountError);
  });

  it('is exact where floats are not (0.1 + 0.2, 1.15, 4.35)', () => {
    expect(parseAmount('0.1') + parseAmount('0.2')).toBe(parseAmount('0.3'));
    expect(parseAmount('1.15')).toBe(115);
    expect(parseAmount('4.35')).toBe(435);
  });
});

describe('parseDecimalMoney (what a server writes)', () => {
  it.each([
    ['359.8', 35980],
    ['509455.9000', 50945590],
    ['1000.00', 100000],
    ['0.0', 0],
    ['-12.50', -1250],
    ['80', 8000],
  ])('%s is %i tiyn', (raw, minor) => {
    expect(parseDecimalMoney(raw)).toBe(minor);
  });

  it('never rounds money silently', () => {
    expect(() => parseDecimalMoney('0.005')).toThrow(/past the second decimal/);
    expect(() => parseDecimalMoney('1.2e3')).toThrow(AmountError);
  });
});

describe('formatting', () => {
  it('writes the wire form of the documents: two decimals, a dot', () => {
    expect(formatDecimal(20000)).toBe('200.00');
    expect(formatDecimal(18005)).toBe('180.05');
    expect(formatDecimal(7)).toBe('0.07');
    expect(formatDecimal(-1250)).toBe('-12.50');
  });

  it('round-trips every amount up to a million tenge in steps that hit all cents', () => {
    for (let minor = 0; minor < 100_000_000; minor += 9_973) {
      expect(parseAmount(formatDecimal(minor))).toBe(minor);
    }
  });

  it('shows tenge with grouped thousands', () => {
    expect(formatTenge(150050)).toBe('1\u00a0500.50 ₸');
  });

  it('refuses a non-integer minor amount', () => {
    expect(() => formatDecimal(10.5)).toThrow(AmountError);
  });
});

describe('one money formatter for screens and receipts (not the browser\'s locale data)', () => {
  it('writes tenge as Kazakhstan does in ru and kk, with a comma and the sign after; en with a point', async () => {
    const { formatMoney } = await import('../../../shared/money/amount.js');
    expect(formatMoney(256550, 'kk')).toBe('2\u00a0565,50\u00a0₸');
    expect(formatMoney(256550, 'ru')).toBe('2\u00a0565,50\u00a0₸');
    expect(formatMoney(256550, 'en')).toBe('2,565.50\u00a0₸');
    expect(formatMoney(100_000_000_00, 'ru', { space: ' ' })).toBe('100 000 000,00 ₸');
    expect(formatMoney(-1250, 'kk')).toBe('−12,50\u00a0₸');
    expect(formatMoney(5, 'ru', { symbol: false })).toBe('0,05');
  });

  it('what one unit of a currency costs, from the provider\'s rate, exactly', async () => {
    const { tengePerUnit } = await import('../../../shared/money/exchange.js');
    expect(tengePerUnit('0.0020833333')).toBe(48000);
    expect(tengePerUnit('0.002')).toBe(50000);
    expect(tengePerUnit('0')).toBeNull();
    expect(tengePerUnit('1e-3')).toBeNull();
  });
});

describe('change as a cashier gives it', () => {
  it('whole tenge, the tiyn left over said; null when the cash does not cover the total', async () => {
    const { changeInTenge } = await import('../../../shared/money/amount.js');
    expect(changeInTenge(1100_00, 1010_10)).toEqual({ give: 89_00, kept: 90 });
    expect(changeInTenge(2000_00, 1520_00)).toEqual({ give: 480_00, kept: 0 });
    expect(changeInTenge(1000_00, 1010_10)).toBeNull();
  });
});

describe('what notes can make of a total', () => {
  it('rounds up to whole tenge, so a kiosk never asks for tiyn nor takes less than is due', async () => {
    const { upToWholeTenge } = await import('../../../shared/money/amount.js');
    expect(upToWholeTenge(1010_10)).toBe(1011_00);
    expect(upToWholeTenge(1010_01)).toBe(1011_00);
    expect(upToWholeTenge(1520_00)).toBe(1520_00);
    expect(upToWholeTenge(0)).toBe(0);
  });
});
