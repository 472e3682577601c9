/**
 * Whether the terminal may accept a payment it cannot confirm with processing right now
 * (in the spirit of Stripe Terminal's and Square's offline modes): the money is taken and the
 * payment is queued, so the risk the agent carries is bounded per payment, in total, and in age.
 */
import { formatTenge, type Minor } from '../../shared/money/amount.js';
import type { PendingSummary } from './payment-journal.js';

export interface OfflinePolicy {
  /** Largest single payment accepted offline (amount taken, tiyn). 0 disables offline acceptance. */
  maxPaymentAmount: Minor;
  /** Largest total of payments waiting to be sent, including this one (tiyn). */
  maxPendingTotal: Minor;
  /** Oldest a waiting payment may be before new offline payments are refused (ms). */
  maxPendingAgeMs: number;
}

export type OfflineDecision = { accept: true } | { accept: false; code: 'offline-disabled' | 'offline-limit' | 'offline-total' | 'offline-age'; reason: string };

export function decideOffline(policy: OfflinePolicy, amountFrom: Minor, pending: PendingSummary, now: number): OfflineDecision {
  if (policy.maxPaymentAmount <= 0) return { accept: false, code: 'offline-disabled', reason: 'offline payments are disabled on this terminal' };
  if (amountFrom > policy.maxPaymentAmount) {
    return { accept: false, code: 'offline-limit', reason: `offline payments are limited to ${formatTenge(policy.maxPaymentAmount)} each; this one is ${formatTenge(amountFrom)}` };
  }
  if (pending.totalFrom + amountFrom > policy.maxPendingTotal) {
    return {
      accept: false,
      code: 'offline-total',
      reason: `${formatTenge(pending.totalFrom)} in ${pending.count} payment(s) is already waiting to be sent; the limit is ${formatTenge(policy.maxPendingTotal)}`,
    };
  }
  if (pending.oldestAcceptedAt !== null && now - pending.oldestAcceptedAt > policy.maxPendingAgeMs) {
    const hours = Math.floor((now - pending.oldestAcceptedAt) / 3_600_000);
    return { accept: false, code: 'offline-age', reason: `a payment has been waiting to be sent for ${hours} h (limit ${Math.round(policy.maxPendingAgeMs / 3_600_000)} h); connect the terminal to processing first` };
  }
  return { accept: true };
}
