/**
 * What the payment journal holds, as the domain reads it: a payment, its attempts, what an outcome
 * records, and how the journal's rows become them.
 */
import type { Minor } from '../../shared/money/amount.js';
import type { PaymentState } from '../../shared/rules/payment-states.js';

export interface Payment {
  id: number;
  agentTransactionId: string;
  agentTransactionDate: string;
  serviceId: string;
  serviceName: string;
  account: string;
  fields: Record<string, string>;
  amountTo: Minor | null;
  amountFrom: Minor | null;
  checkAnswer: string | null;
  payBody: string | null;
  state: PaymentState;
  offline: boolean;
  result: number | null;
  resultMessage: string | null;
  transactionId: string | null;
  transactionDate: string | null;
  statusDate: string | null;
  stateReason: string | null;
  /** A cashier's payment: the cash the customer handed over, tiyn (the receipt says it and the change). */
  cashReceived: Minor | null;
  payAttempts: number;
  nextAttemptAt: number | null;
  createdAt: number;
  acceptedAt: number | null;
  finishedAt: number | null;
}

export interface Attempt {
  id: number;
  paymentId: number;
  kind: 'check' | 'pay';
  startedAt: number;
  request: string;
  finishedAt: number | null;
  outcome: 'answer' | 'transport' | 'http' | 'malformed' | 'abandoned' | null;
  httpStatus: number | null;
  result: number | null;
  answer: string | null;
  /** The whole answer's size and SHA-256 (`answer` keeps at most its first 16 K characters). */
  answerBytes: number | null;
  answerSha256: string | null;
  error: string | null;
  elapsedMs: number | null;
  /** false when the request surely never reached processing (refused, or never sent). */
  delivered: boolean;
}

export interface AttemptResult {
  outcome: 'answer' | 'transport' | 'http' | 'malformed';
  httpStatus?: number | null | undefined;
  result?: number | null | undefined;
  answer?: string | null | undefined;
  answerBytes?: number | null | undefined;
  answerSha256?: string | null | undefined;
  error?: string | null | undefined;
  elapsedMs?: number | null | undefined;
  /** false only when the request surely never reached processing (refused, not sent); default true. */
  delivered?: boolean | undefined;
}

/** What an attempt's outcome does to its payment. */
export type PaymentChange =
  | { state: 'pending'; nextAttemptAt: number; result?: number | null; resultMessage?: string | null; reason: string }
  | {
      state: 'success' | 'failed' | 'review';
      result: number | null;
      resultMessage: string | null;
      transactionId?: string | null;
      transactionDate?: string | null;
      statusDate?: string | null;
      reason: string;
    };

/** What a new payment is made of, before the journal gives it an id, a state and a history. */
export type NewPayment = Pick<Payment, 'serviceId' | 'serviceName' | 'account' | 'fields' | 'amountTo' | 'amountFrom'>;

export interface ReceiptAttempt {
  id: number;
  paymentId: number;
  at: number;
  printer: string;
  mode: 'text' | 'raster';
  lang: string;
  /** The payment's state the receipt showed. */
  statePrinted: string;
  outcome: 'printed' | 'failed';
  error: string | null;
  bytes: number;
}

export interface OutcomeRecord {
  paymentId: number;
  attemptId: number;
  attempt: AttemptResult;
  change: PaymentChange;
}

export interface Claim {
  payment: Payment;
  attemptId: number;
}

export interface PendingSummary {
  count: number;
  totalFrom: Minor;
  oldestAcceptedAt: number | null;
  review: number;
}

export interface PaymentRow {
  id: number;
  agent_transaction_id: string;
  agent_transaction_date: string;
  service_id: string;
  service_name: string;
  account: string;
  fields: string;
  amount_to: number | null;
  amount_from: number | null;
  check_answer: string | null;
  pay_body: string | null;
  state: PaymentState;
  offline: number;
  result: number | null;
  result_message: string | null;
  transaction_id: string | null;
  transaction_date: string | null;
  status_date: string | null;
  state_reason: string | null;
  cash_received: number | null;
  pay_attempts: number;
  next_attempt_at: number | null;
  lease_owner: string | null;
  lease_until: number | null;
  created_at: number;
  accepted_at: number | null;
  finished_at: number | null;
}

export function toPayment(r: PaymentRow): Payment {
  return {
    id: r.id,
    agentTransactionId: r.agent_transaction_id,
    agentTransactionDate: r.agent_transaction_date,
    serviceId: r.service_id,
    serviceName: r.service_name,
    account: r.account,
    fields: JSON.parse(r.fields) as Record<string, string>,
    amountTo: r.amount_to,
    amountFrom: r.amount_from,
    checkAnswer: r.check_answer,
    payBody: r.pay_body,
    state: r.state,
    offline: r.offline === 1,
    result: r.result,
    resultMessage: r.result_message,
    transactionId: r.transaction_id,
    transactionDate: r.transaction_date,
    statusDate: r.status_date,
    stateReason: r.state_reason,
    cashReceived: r.cash_received ?? null,
    payAttempts: r.pay_attempts,
    nextAttemptAt: r.next_attempt_at,
    createdAt: r.created_at,
    acceptedAt: r.accepted_at,
    finishedAt: r.finished_at,
  };
}

export interface AttemptRow {
  id: number;
  payment_id: number;
  kind: 'check' | 'pay';
  started_at: number;
  request: string;
  finished_at: number | null;
  outcome: Attempt['outcome'];
  http_status: number | null;
  result: number | null;
  answer: string | null;
  answer_bytes: number | null;
  answer_sha256: string | null;
  error: string | null;
  elapsed_ms: number | null;
  delivered: number;
}

export function toAttempt(r: AttemptRow): Attempt {
  return {
    id: r.id,
    paymentId: r.payment_id,
    kind: r.kind,
    startedAt: r.started_at,
    request: r.request,
    finishedAt: r.finished_at,
    outcome: r.outcome,
    httpStatus: r.http_status,
    result: r.result,
    answer: r.answer,
    answerBytes: r.answer_bytes,
    answerSha256: r.answer_sha256,
    error: r.error,
    elapsedMs: r.elapsed_ms,
    delivered: r.delivered !== 0,
  };
}

/** The reason's first words when a number accepted offline turned out to belong to another operator. */
export const NUMBER_MOVED = 'number moved to another operator';

/** Why a person must look, as a code the screens and receipts say in the person's language (null: no such code). */
export function reviewCause(p: Pick<Payment, 'state' | 'stateReason'>): 'number-moved' | null {
  return p.state === 'review' && p.stateReason?.startsWith(NUMBER_MOVED) ? 'number-moved' : null;
}

export function surelyNotDelivered(a: Pick<Attempt, 'delivered'>): boolean {
  return !a.delivered;
}

