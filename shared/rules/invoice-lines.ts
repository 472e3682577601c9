/**
 * The rules of a utility bill's lines, in one place: the engine checks a payment by them before it
 * is accepted, and the screens show their verdicts live as the person edits (the renderer imports
 * this pure module; it re-implements nothing). Amounts are integer tiyn; meter readings are compared
 * as exact decimals, never as floats.
 */
import { AmountError, parseAmount, type Minor } from '../money/amount.js';

export interface LineRules {
  subServiceId: string;
  /** 0: no limit. */
  minSum: Minor;
  maxSum: Minor;
  isMeter: boolean;
  /** The previous reading as processing gave it ("4870.00"), if any. */
  prevCount: string | null;
}

export interface LineChoiceInput {
  /** The amount typed, as tiyn; null when what was typed is not an amount. */
  amount: Minor | null;
  /** The current meter reading typed ('' when none). */
  lastCount: string;
}

/** What is wrong with one chosen line: a code the screens put into words, with the value it refers to. */
export type LineProblem =
  | { code: 'amount' }
  | { code: 'min'; limit: Minor }
  | { code: 'max'; limit: Minor }
  | { code: 'meterRequired' }
  | { code: 'meter' }
  | { code: 'meterBelow'; previous: string }
  | { code: 'notMetered' };

const READING = /^\d{1,12}(\.\d{1,6})?$/;

/** Whether text is a meter reading (digits, optionally a point and decimals). */
export function isReading(text: string): boolean {
  return READING.test(text);
}

/** Compares two non-negative decimal strings exactly. */
export function compareDecimal(a: string, b: string): number {
  const [aw = '0', af = ''] = a.split('.');
  const [bw = '0', bf = ''] = b.split('.');
  const len = Math.max(af.length, bf.length);
  const x = BigInt(aw + af.padEnd(len, '0'));
  const y = BigInt(bw + bf.padEnd(len, '0'));
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The problem of one chosen line, or null when it can be paid as it stands. */
export function lineProblem(line: LineRules, choice: LineChoiceInput): LineProblem | null {
  const { amount } = choice;
  if (amount === null || amount <= 0) return { code: 'amount' };
  if (line.minSum > 0 && amount < line.minSum) return { code: 'min', limit: line.minSum };
  if (line.maxSum > 0 && amount > line.maxSum) return { code: 'max', limit: line.maxSum };
  const reading = choice.lastCount.trim();
  if (!line.isMeter) return reading === '' ? null : { code: 'notMetered' };
  if (reading === '') return { code: 'meterRequired' };
  if (!isReading(reading)) return { code: 'meter' };
  if (line.prevCount !== null && isReading(line.prevCount) && compareDecimal(reading, line.prevCount) < 0) return { code: 'meterBelow', previous: line.prevCount };
  return null;
}

/** An amount as decimal text ("359.80"), as tiyn; null when it is not one (the renderer's lines arrive as text). */
export function amountOrNull(text: string | null | undefined): Minor | null {
  if (text === null || text === undefined || text.trim() === '') return null;
  try {
    return parseAmount(text);
  } catch (err) {
    if (err instanceof AmountError) return null;
    throw err;
  }
}

/**
 * The amount a bill's chosen lines credit: their sum, or null when a chosen line's amount cannot be
 * read (nothing can be paid until it is mended). One rule for the engine, the IPC and the screens.
 */
export function invoiceTotal(amounts: readonly (Minor | null)[]): Minor | null {
  let sum = 0;
  for (const a of amounts) {
    if (a === null) return null;
    sum += a;
  }
  return sum;
}
