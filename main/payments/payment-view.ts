/**
 * How payments are shown outside the domain: as JSON (the CLI's --json and the IPC contract; ids
 * and amounts as strings, times as ISO text), or as short human lines for the CLI.
 */
import { reviewCause, type Journal, type Payment } from './payment-journal.js';
import { moneyTaken } from '../../shared/rules/payment-states.js';
import { formatDecimal, formatTenge, handBack } from '../../shared/money/amount.js';
import { describeResult } from '../../shared/words/result-codes.js';
import { parseWire, toPlain } from '../base/wire-json.js';
import { attemptCause } from './pay-outcome.js';
import type { AttemptJson, PaymentJson } from '../../shared/ipc/views.js';

export type { PaymentJson, AttemptJson };

function cashView(p: Payment): Pick<PaymentJson, 'cashReceived' | 'change' | 'giveBack'> {
  const taken = moneyTaken(p.state);
  const back = p.cashReceived === null && taken ? { change: null, giveBack: null } : handBack(p.cashReceived, p.amountFrom, taken);
  const text = (m: number | null) => (m === null ? null : formatDecimal(m));
  return { cashReceived: text(p.cashReceived), change: text(back.change), giveBack: p.state === 'draft' ? null : text(back.giveBack) };
}

function receiptState(journal: Journal, paymentId: number): PaymentJson['receipt'] {
  const tries = journal.receipts(paymentId);
  if (tries.some((r) => r.outcome === 'printed')) return 'printed';
  return tries.length ? 'failed' : null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * `light`: a list row (the journal screen's table): no attempts and no receipt, so a busy day's list
 * is one query, not three per row; the details ask for the whole payment.
 */
export function paymentJson(p: Payment, journal: Journal, opts: { light?: boolean } = {}): PaymentJson {
  let check: unknown = null;
  if (p.checkAnswer) {
    try {
      check = toPlain(parseWire(p.checkAnswer));
    } catch {
      check = null;
    }
  }
  return {
    agentTransactionId: p.agentTransactionId,
    agentTransactionDate: p.agentTransactionDate,
    serviceId: p.serviceId,
    serviceName: p.serviceName,
    account: p.account,
    fields: p.fields,
    amountTo: p.amountTo === null ? null : formatDecimal(p.amountTo),
    amountFrom: p.amountFrom === null ? null : formatDecimal(p.amountFrom),
    commission: p.amountTo === null || p.amountFrom === null ? null : formatDecimal(p.amountFrom - p.amountTo),
    state: p.state,
    offline: p.offline,
    receipt: opts.light ? null : receiptState(journal, p.id),
    result: p.result,
    resultMessage: p.resultMessage,
    reason: p.stateReason,
    reviewCause: reviewCause(p),
    ...cashView(p),
    transactionId: p.transactionId,
    transactionDate: p.transactionDate,
    check,
    attempts: (opts.light ? [] : journal.attempts(p.id)).map((a) => ({
      kind: a.kind,
      startedAt: new Date(a.startedAt).toISOString(),
      finishedAt: iso(a.finishedAt),
      outcome: a.outcome,
      httpStatus: a.httpStatus,
      result: a.result,
      error: a.error,
      cause: attemptCause(a),
      elapsedMs: a.elapsedMs,
    })),
    createdAt: new Date(p.createdAt).toISOString(),
    acceptedAt: iso(p.acceptedAt),
    finishedAt: iso(p.finishedAt),
    nextAttemptAt: iso(p.nextAttemptAt),
  };
}

const STATE_WORDS: Record<Payment['state'], string> = {
  draft: 'being checked',
  pending: 'accepted, waiting to be sent',
  success: 'PAID',
  failed: 'NOT PAID',
  review: 'NEEDS A PERSON (review)',
  abandoned: 'not taken',
};

export function paymentLines(p: Payment): string[] {
  const lines = [
    `${p.agentTransactionId}  ${STATE_WORDS[p.state]}`,
    `  service   ${p.serviceId} ${p.serviceName}`,
    `  account   ${p.account}${Object.keys(p.fields).length ? `  ${Object.entries(p.fields).map(([k, v]) => `${k}=${v}`).join(' ')}` : ''}`,
  ];
  if (p.amountTo !== null) {
    const commission = p.amountFrom !== null && p.amountFrom !== p.amountTo ? `  (taken ${formatTenge(p.amountFrom)}, commission ${formatTenge(p.amountFrom - p.amountTo)})` : '';
    lines.push(`  amount    ${formatTenge(p.amountTo)}${commission}`);
  }
  if (p.transactionId) lines.push(`  processing transaction ${p.transactionId}${p.transactionDate ? ` at ${p.transactionDate}` : ''}`);
  if (p.result !== null && p.result !== 0) {
    const said = p.resultMessage && p.resultMessage !== describeResult(p.result) && p.resultMessage !== describeResult(p.result, 'ru') ? ` (processing: "${p.resultMessage}")` : '';
    lines.push(`  result    ${p.result}: ${describeResult(p.result)} / ${describeResult(p.result, 'ru')}${said}`);
  }
  if (p.stateReason && p.state !== 'success') lines.push(`  why       ${p.stateReason}`);
  if (p.state === 'pending' && p.nextAttemptAt !== null) lines.push(`  next try  ${new Date(p.nextAttemptAt).toLocaleString()}  (attempts so far: ${p.payAttempts})`);
  if (p.offline) lines.push('  accepted offline');
  return lines;
}

export function tableLine(p: Payment): string {
  const amount = p.amountTo === null ? '' : formatDecimal(p.amountTo);
  return [p.agentTransactionId.padEnd(18), p.state.padEnd(9), p.serviceId.padEnd(7), p.account.padEnd(14), amount.padStart(12), p.transactionId ?? ''].join('  ');
}
