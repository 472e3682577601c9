/**
 * The agent's commission: what the customer pays on top of the amount credited to the provider
 * (amountFrom − amountTo in the protocol). A rule is a percentage of the amount credited, in
 * hundredths of a percent, rounded up to the tiyn, with a minimum. Integer arithmetic only.
 */
import { AmountError, assertMinor, type Minor } from './amount.js';

export interface CommissionRule {
  /** Hundredths of a percent of the amount credited: 150 = 1.5 %. */
  basisPoints: number;
  /** At least this much, tiyn (0: none). */
  minimum: Minor;
}

export const NO_COMMISSION: CommissionRule = { basisPoints: 0, minimum: 0 };

export interface Quote {
  /** Credited to the provider. */
  amountTo: Minor;
  commission: Minor;
  /** Taken from the customer. */
  amountFrom: Minor;
}

/** Parses a percentage such as "1.5" or "0" into basis points; more than two decimals are refused. */
export function parsePercent(text: string): number {
  const m = /^(\d{1,2})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw new AmountError(`commission percent "${text}" must be like 1.5 (0..99.99)`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function commissionFor(amountTo: Minor, rule: CommissionRule): Minor {
  assertMinor(amountTo);
  if (amountTo <= 0) return 0;
  const percent = Number((BigInt(amountTo) * BigInt(rule.basisPoints) + 9_999n) / 10_000n);
  return Math.max(percent, rule.minimum);
}

/** The customer will credit `amountTo`: what they pay. */
export function quoteFor(amountTo: Minor, rule: CommissionRule): Quote {
  const commission = commissionFor(amountTo, rule);
  return { amountTo, commission, amountFrom: amountTo + commission };
}

/**
 * The customer has put in `amountFrom` (a kiosk: cash inserted, no change given): the largest
 * amount credited whose amount plus commission fits in it. A rounding remainder of a tiyn or so
 * stays in the commission, and the quote says so by its numbers. Null when it cannot cover even
 * the minimum commission.
 */
export function quoteFromTaken(amountFrom: Minor, rule: CommissionRule): Quote | null {
  assertMinor(amountFrom);
  if (amountFrom <= rule.minimum) return null;
  // amountTo + ceil(amountTo·bp/10000) ≤ amountFrom: start from the real-number solution and step.
  let amountTo = Number((BigInt(amountFrom) * 10_000n) / BigInt(10_000 + rule.basisPoints));
  amountTo = Math.min(amountTo, amountFrom - rule.minimum);
  while (amountTo > 0 && amountTo + commissionFor(amountTo, rule) > amountFrom) amountTo -= 1;
  while (amountTo + 1 + commissionFor(amountTo + 1, rule) <= amountFrom) amountTo += 1;
  if (amountTo <= 0) return null;
  return { amountTo, commission: amountFrom - amountTo, amountFrom };
}
