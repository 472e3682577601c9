/**
 * The agent's commission: what the customer pays on top of the amount credited to the provider
 * (amountFrom − amountTo in the protocol). A rule is a percentage of the amount credited, in
 * hundredths of a percent, rounded up to the tiyn, with a minimum. Integer arithmetic only.
 */
import { AmountError, assertMinor, formatDecimal, upToWholeTenge, type Minor } from './amount.js';

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

/** Basis points as a person writes a percentage: 150 → "1.5", 100 → "1", 5 → "0.05". */
export function formatPercent(basisPoints: number): string {
  const whole = Math.floor(basisPoints / 100);
  const frac = String(basisPoints % 100).padStart(2, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
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

/** One kiosk cannot take tiyn: paying a locked amount, a remainder under 1 ₸ over the total stays in the commission. */
export const CASH_REMAINDER_LIMIT: Minor = 1_00;

/**
 * What the customer pays for `amountTo` under the rule, checked for every caller (screens, CLI):
 * none given → the rule's total; given → it must be the rule's total, or the total for cash that
 * decided the amount (a kiosk's free amount), or, paid in cash for a locked amount, above the total
 * by less than 1 ₸ (tiyn cannot be inserted; the screen says so before paying).
 */
export function amountTakenFor(amountTo: Minor, given: Minor | undefined, rule: CommissionRule, opts: { cash: boolean }): { ok: true; amountFrom: Minor } | { ok: false; problem: string } {
  const quote = quoteFor(amountTo, rule);
  if (given === undefined || given === quote.amountFrom) return { ok: true, amountFrom: quote.amountFrom };
  if (quoteFromTaken(given, rule)?.amountTo === amountTo) return { ok: true, amountFrom: given };
  if (opts.cash && given > quote.amountFrom && given - quote.amountFrom < CASH_REMAINDER_LIMIT) return { ok: true, amountFrom: given };
  return { ok: false, problem: `the amount to pay is ${formatDecimal(quote.amountFrom)} for ${formatDecimal(amountTo)} credited (commission ${formatDecimal(quote.commission)}), not ${formatDecimal(given)}` };
}

/**
 * A kiosk's cash so far against what it must cover: for a free amount, the least that pays anything
 * (more than the minimum commission); for a locked amount, its total. `missing` is what is still to be
 * inserted, in whole tenge (notes have no tiyn).
 */
export function cashProgress(inserted: Minor, rule: CommissionRule, lockedTotal: Minor | null, minCredited: Minor | null = null): { payable: boolean; missing: Minor; quote: Quote | null } {
  if (lockedTotal !== null) {
    const missing = Math.max(0, lockedTotal - inserted);
    return { payable: missing === 0, missing: upToWholeTenge(missing), quote: null };
  }
  // The least that can be paid: the service's minimum credited (with its commission), else one tiyn's worth.
  const least = quoteFor(Math.max(1, minCredited ?? 1), rule).amountFrom;
  const quote = inserted > 0 ? quoteFromTaken(inserted, rule) : null;
  if (quote && inserted >= least) return { payable: true, missing: 0, quote };
  const missing = Math.max(1, least - inserted);
  return { payable: false, missing: upToWholeTenge(missing), quote };
}
