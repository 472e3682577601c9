/**
 * An international provider's conversion: the amount credited in tenge times the provider's rate
 * (foreign units per tenge, as processing writes it: "0.0020833333"), to two decimals, cut down.
 * Exact decimal arithmetic; a rate that is not a plain decimal gives null (shown as unknown).
 */
import { formatDecimal, type Minor } from './amount.js';

export function convertByRate(amountTo: Minor, rate: string): string | null {
  const m = /^(\d{1,9})(?:\.(\d{1,18}))?$/.exec(rate.trim());
  if (!m) return null;
  const fraction = m[2] ?? '';
  const cents = (BigInt(amountTo) * BigInt((m[1] ?? '0') + fraction)) / 10n ** BigInt(fraction.length);
  if (cents > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return formatDecimal(Number(cents));
}

/**
 * What one unit of the provider's currency costs in tenge at `rate` (foreign units per tenge), rounded
 * to the tiyn: "0.0020833333" → 48000 (480.00 ₸ for 1 USD). Exact decimal arithmetic; null when the
 * rate is not a plain positive decimal.
 */
export function tengePerUnit(rate: string): Minor | null {
  const m = /^(\d{1,9})(?:\.(\d{1,18}))?$/.exec(rate.trim());
  if (!m) return null;
  const fraction = m[2] ?? '';
  const scaled = BigInt((m[1] ?? '0') + fraction); // rate · 10^len
  if (scaled === 0n) return null;
  // tiyn per unit = 100 / rate = 100 · 10^len / scaled, to the nearest tiyn.
  const numerator = 100n * 10n ** BigInt(fraction.length);
  const tiyn = (numerator * 2n + scaled) / (2n * scaled);
  return tiyn > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(tiyn);
}
