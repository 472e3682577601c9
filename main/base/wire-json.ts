/**
 * JSON as processing writes it: amounts are bare numbers with two decimals (`200.00`) and
 * ids are bare integers of up to 18 digits. JSON.parse/JSON.stringify would lose both, so every
 * number on the wire is kept as its exact text (a WireNumber) in both directions.
 */
import { LosslessNumber, isLosslessNumber, parse, stringify } from 'lossless-json';

export type WireNumber = LosslessNumber;

export class WireSyntaxError extends Error {
  override name = 'WireSyntaxError';
}

/** Parses JSON text keeping every number as its exact text. Throws WireSyntaxError. */
export function parseWire(text: string): unknown {
  try {
    return parse(text, null, (value) => new LosslessNumber(value));
  } catch (err) {
    throw new WireSyntaxError(err instanceof Error ? err.message : String(err));
  }
}

/** Serialises a value; WireNumbers are written exactly as their text. */
export function stringifyWire(value: unknown): string {
  const text = stringify(value);
  if (text === undefined) throw new WireSyntaxError('value cannot be written as JSON');
  return text;
}

/** A bare JSON number token written exactly as given, e.g. wireNumber('200.00'). */
export function wireNumber(text: string): WireNumber {
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new WireSyntaxError(`"${text}" is not a plain decimal number`);
  return new LosslessNumber(text);
}

export function isWireNumber(value: unknown): value is WireNumber {
  return isLosslessNumber(value);
}

/** Converts a parsed wire value to plain JSON (numbers as strings) for storage and display. */
export function toPlain(value: unknown): unknown {
  if (isWireNumber(value)) return value.toString();
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  }
  return value;
}
