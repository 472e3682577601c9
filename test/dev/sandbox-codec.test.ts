/** The emulator's own codec, checked against values written out by hand (never by the client's codec). */
import { describe, expect, it } from 'vitest';
import { converted, decimalOf, isNum, readJson, tiynOf, writeJson } from '../../dev/sandbox/codec.js';

describe('the sandbox codec', () => {
  it('keeps an 18-digit id and a two-decimal amount exactly, both ways', () => {
    const v = readJson('{"transactionId":987654321098765432,"amount":359.80}') as { transactionId: unknown; amount: unknown };
    expect(isNum(v.transactionId) && v.transactionId.toString()).toBe('987654321098765432');
    expect(isNum(v.amount) && v.amount.toString()).toBe('359.80');
    expect(writeJson(v)).toBe('{"transactionId":987654321098765432,"amount":359.80}');
  });

  it('reads and writes tenge as integer tiyn', () => {
    expect(tiynOf('359.80')).toBe(35980);
    expect(tiynOf('0.05')).toBe(5);
    expect(decimalOf(150050)).toBe('1500.50');
    expect(decimalOf(-20)).toBe('-0.20');
    expect(() => tiynOf('359.8')).toThrow();
  });

  it('converts at a rate as processing does, cut to the cent: 4 800,00 ₸ at 0.0020833333 is 9.99', () => {
    expect(converted(480000, '0.0020833333')).toBe('9.99');
    expect(converted(475247, '0.0020833333')).toBe('9.90');
  });
});
