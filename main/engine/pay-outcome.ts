/**
 * What one pay attempt's outcome does to its payment: the attempt as it is journaled, and the
 * payment's change (final state, or the time of the next repeat of the unchanged body).
 */
import { describeOutcome, type Outcome } from '../api/v20/client.js';
import { describeResult, judgePayResult, type PayHistory } from '../api/v20/result-codes.js';
import type { PaymentAnswer } from '../api/v20/schemas.js';
import type { AttemptResult, Payment, PaymentChange } from '../journal/journal.js';
import { retryDelay, type RetrySchedule } from './retry-schedule.js';

export function attemptResultOf(outcome: Outcome<unknown>): AttemptResult {
  switch (outcome.kind) {
    case 'answer':
      return { outcome: 'answer', httpStatus: outcome.httpStatus, result: outcome.result, answer: outcome.raw, elapsedMs: outcome.elapsedMs };
    case 'transport':
      return { outcome: 'transport', error: `${outcome.error}: ${outcome.message}`, elapsedMs: outcome.elapsedMs };
    case 'http':
      return { outcome: 'http', httpStatus: outcome.httpStatus, answer: outcome.raw.slice(0, 4096), elapsedMs: outcome.elapsedMs };
    case 'malformed':
      return { outcome: 'malformed', httpStatus: outcome.httpStatus, answer: outcome.raw.slice(0, 4096), error: outcome.problem, elapsedMs: outcome.elapsedMs };
  }
}

export function judgePayOutcome(
  outcome: Outcome<PaymentAnswer>,
  payment: Payment,
  history: PayHistory,
  schedule: RetrySchedule,
  now: number,
  random: () => number = Math.random,
): { attempt: AttemptResult; change: PaymentChange } {
  let attempt = attemptResultOf(outcome);
  const retry = (reason: string, result?: number): PaymentChange => ({
    state: 'pending',
    nextAttemptAt: now + retryDelay(schedule, payment.payAttempts, random),
    result: result ?? null,
    reason,
  });

  if (outcome.kind !== 'answer') return { attempt, change: retry(describeOutcome(outcome)) };

  const answer = outcome.value;
  if (answer?.agentTransactionId && answer.agentTransactionId !== payment.agentTransactionId) {
    const problem = `answer is for agentTransactionId ${answer.agentTransactionId}, not ${payment.agentTransactionId}`;
    attempt = { ...attempt, outcome: 'malformed', error: problem };
    return { attempt, change: retry(problem) };
  }

  const verdict = judgePayResult(outcome.result, history);
  const message = outcome.resultMessage || describeResult(outcome.result);
  switch (verdict.kind) {
    case 'success': {
      if (!answer?.transactionId) {
        const problem = 'success without a transactionId';
        attempt = { ...attempt, outcome: 'malformed', error: problem };
        return { attempt, change: retry(problem) };
      }
      return {
        attempt,
        change: {
          state: 'success', result: 0, resultMessage: message, transactionId: answer.transactionId,
          transactionDate: answer.transactionDate ?? null, statusDate: answer.statusDate ?? null, reason: 'paid',
        },
      };
    }
    case 'failed':
      return {
        attempt,
        change: { state: 'failed', result: outcome.result, resultMessage: message, transactionId: answer?.transactionId ?? null, reason: `result ${outcome.result}: ${describeResult(outcome.result)}` },
      };
    case 'review':
      return { attempt, change: { state: 'review', result: outcome.result, resultMessage: message, transactionId: answer?.transactionId ?? null, reason: verdict.reason } };
    case 'retry':
      return { attempt, change: retry(`result ${outcome.result}: ${describeResult(outcome.result)}`, outcome.result) };
  }
}
