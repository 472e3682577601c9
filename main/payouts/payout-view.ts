/** A payout as the CLI and the screens show it: amounts as decimal text, the card masked, never more. */
import { formatDecimal, formatTenge, handBack } from '../../shared/money/amount.js';
import type { Payout } from './payout-journal.js';
import type { PayoutJson } from '../../shared/ipc/views.js';

export type { PayoutJson };

export function payoutJson(p: Payout): PayoutJson {
  return {
    orderNumber: p.orderNumber, orderId: p.orderId, flow: p.flow, state: p.state,
    amount: formatDecimal(p.amount), commission: formatDecimal(p.amountFrom - p.amount), amountFrom: formatDecimal(p.amountFrom),
    fee: p.fee === null ? null : formatDecimal(p.fee), maskedPan: p.maskedPan, formUrl: p.state === 'registered' ? p.formUrl : null,
    expiresAt: p.expiresAt === null ? null : new Date(p.expiresAt).toISOString(), reason: p.reason, errorCode: p.errorCode,
    createdAt: new Date(p.createdAt).toISOString(), finishedAt: p.finishedAt === null ? null : new Date(p.finishedAt).toISOString(),
    ...payoutCash(p),
  };
}

function payoutCash(p: Payout): Pick<PayoutJson, 'cashReceived' | 'change' | 'giveBack'> {
  if (p.cashReceived === null) return { cashReceived: null, change: null, giveBack: null };
  const notPaid = p.state === 'declined' || p.state === 'expired';
  const back = handBack(p.cashReceived, p.amountFrom, !notPaid);
  return { cashReceived: formatDecimal(p.cashReceived), change: back.change === null ? null : formatDecimal(back.change), giveBack: back.giveBack === null ? null : formatDecimal(back.giveBack) };
}

const WORDS: Record<Payout['state'], string> = {
  new: 'SENT, OUTCOME NOT KNOWN YET', registered: 'REGISTERED: waiting for the card on the bank\'s page', pending: 'OUTCOME PENDING: the bank\'s status decides',
  paid: 'PAID to the card', declined: 'NOT PAID', expired: 'NOT PAID: the bank page expired', review: 'NEEDS A PERSON',
};

export function payoutLines(p: Payout): string[] {
  const lines = [`payout ${p.orderNumber}: ${WORDS[p.state]}`, `  to the card ${formatTenge(p.amount)}, commission ${formatTenge(p.amountFrom - p.amount)}, taken ${formatTenge(p.amountFrom)}${p.maskedPan ? `, card ${p.maskedPan}` : ''}`];
  if (p.state === 'registered' && p.formUrl) lines.push(`  bank page: ${p.formUrl}`);
  if (p.reason && p.state !== 'paid') lines.push(`  ${p.reason}`);
  return lines;
}
