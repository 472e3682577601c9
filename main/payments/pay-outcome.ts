/**
 * What one pay attempt's outcome does to its payment: the attempt as it is journaled, and the
 * payment's change (final state, or the time of the next repeat of the unchanged body).
 */
import crypto from 'node:crypto';
import { describeOutcome, type Outcome, type TransportError } from '../processing/client.js';
import type { AttemptCause } from '../../shared/ipc/views.js';
import { describeResult, judgePayResult, type PayHistory } from '../../shared/words/result-codes.js';
import type { PaymentAnswer } from '../processing/schemas.js';
import type { AttemptResult, Payment, PaymentChange } from './payment-journal.js';
import { retryDelay, type RetrySchedule } from '../base/retry-schedule.js';

/** The most of one answer's text kept in its attempt row; the whole answer's size and SHA-256 are kept beside it. */
export const MAX_STORED_ANSWER_CHARS = 16 * 1024;
/** The most of processing's resultMessage kept on a payment (and shown or printed). */
export const MAX_RESULT_MESSAGE_CHARS = 500;

/** An answer as an attempt row keeps it: bounded text, with the size and hash of all of it. */
export function storedAnswer(raw: string): Pick<AttemptResult, 'answer' | 'answerBytes' | 'answerSha256'> {
  const bytes = Buffer.byteLength(raw, 'utf8');
  return {
    answer: raw.length > MAX_STORED_ANSWER_CHARS ? raw.slice(0, MAX_STORED_ANSWER_CHARS) : raw,
    answerBytes: bytes,
    answerSha256: crypto.createHash('sha256').update(raw, 'utf8').digest('hex'),
  };
}

export function boundedMessage(text: string): string {
  return text.length > MAX_RESULT_MESSAGE_CHARS ? `${text.slice(0, MAX_RESULT_MESSAGE_CHARS)}…` : text;
}

/** An attempt the engine did not send: the number's operator is not confirmed, or the number moved to another. */
export const NOT_SENT_UNCONFIRMED = "not sent: the number's operator could not be confirmed";
export const NOT_SENT_MOVED = 'not sent: the number belongs to';

const TRANSPORT_ERRORS: readonly TransportError[] = ['timeout', 'refused', 'reset', 'network', 'too-large', 'stopped'];

/**
 * Why an attempt has no answer to judge (AttemptCause), as a code the screens say in the person's words: the row
 * keeps the engine's own text (attemptResultOf and the engine write it; the CLI prints it). null for
 * an answer (its result code says the rest).
 */
export function attemptCause(a: { outcome: string | null; error: string | null }): AttemptCause | null {
  switch (a.outcome) {
    case 'transport': {
      if (a.error?.startsWith(NOT_SENT_UNCONFIRMED)) return 'operator-unconfirmed';
      if (a.error?.startsWith(NOT_SENT_MOVED)) return 'number-moved';
      const code = a.error?.slice(0, a.error.indexOf(':')) as TransportError | undefined;
      return code && TRANSPORT_ERRORS.includes(code) ? code : 'network';
    }
    case 'http':
    case 'malformed':
    case 'abandoned':
      return a.outcome;
    default:
      return null;
  }
}

export function attemptResultOf(outcome: Outcome<unknown>): AttemptResult {
  switch (outcome.kind) {
    case 'answer':
      return { outcome: 'answer', httpStatus: outcome.httpStatus, result: outcome.result, ...storedAnswer(outcome.raw), elapsedMs: outcome.elapsedMs };
    case 'transport':
      return { outcome: 'transport', error: `${outcome.error}: ${outcome.message}`, elapsedMs: outcome.elapsedMs, delivered: outcome.delivered };
    case 'http':
      return { outcome: 'http', httpStatus: outcome.httpStatus, ...storedAnswer(outcome.raw), elapsedMs: outcome.elapsedMs };
    case 'malformed':
      return { outcome: 'malformed', httpStatus: outcome.httpStatus, result: outcome.result ?? null, ...storedAnswer(outcome.raw), error: boundedMessage(outcome.problem), elapsedMs: outcome.elapsedMs };
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
  const message = boundedMessage(outcome.resultMessage || describeResult(outcome.result));
  switch (verdict.kind) {
    case 'success': {
      if (answer?.transactionIdProblem) {
        // Paid, says processing, under an id nothing can store: repeating gets the same answer forever.
        const problem = `processing answered 0 (paid) but ${answer.transactionIdProblem}: the raw answer is kept in the attempt`;
        attempt = { ...attempt, error: problem };
        return { attempt, change: { state: 'review', result: 0, resultMessage: message, reason: problem } };
      }
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
