/**
 * Processing's JSON, read and written without losing a digit: an 18-digit transactionId, an amount
 * of 359.80 and a bare `200.00` in a pay body are what the customer's money and receipt depend on.
 */
import { describe, expect, it } from 'vitest';
import { isWireNumber, parseWire, stringifyWire, toPlain, wireNumber, WireSyntaxError } from '../../main/base/wire-json.js';

describe('wire JSON', () => {
  it('keeps an 18-digit id and two-decimal amounts exactly as written', () => {
    const v = parseWire('{"transactionId":987654321098765432,"paySum":359.80,"big":1e400}') as Record<string, unknown>;
    expect(isWireNumber(v.transactionId)).toBe(true);
    expect(String(v.transactionId)).toBe('987654321098765432');
    expect(String(v.paySum)).toBe('359.80');
    expect(String(v.big)).toBe('1e400');
  });

  it('writes amounts as bare numbers with their two decimals, as the documents do', () => {
    expect(stringifyWire({ agentTransactionId: wireNumber('1233355'), amountTo: wireNumber('200.00') })).toBe('{"agentTransactionId":1233355,"amountTo":200.00}');
  });

  it('a round trip changes no byte', () => {
    const text = '{"result":0,"transactionId":700000000000000001,"displays":[{"name":"fio","value":"Иванов И."}],"sum":0.10}';
    expect(stringifyWire(parseWire(text))).toBe(text);
  });

  it.each(['{"a":', '<html>502 Bad Gateway</html>', '', '{"a":1}}'])('refuses what is not JSON, in its own error: %j', (text) => {
    expect(() => parseWire(text)).toThrow(WireSyntaxError);
  });

  it.each(['1e3', '12abc', '', '0x10', '1.', '-'])('a wire number is a plain decimal only, not %j', (text) => {
    expect(() => wireNumber(text)).toThrow(WireSyntaxError);
  });

  it('plain JSON for storage and screens: numbers become their exact text', () => {
    expect(toPlain(parseWire('{"a":[1.50,{"b":987654321098765432}],"c":"x","d":null,"e":true}'))).toEqual({ a: ['1.50', { b: '987654321098765432' }], c: 'x', d: null, e: true });
  });
});
