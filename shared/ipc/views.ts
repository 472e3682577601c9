/**
 * The shapes the terminal shows its screens (and the CLI's --json): payments, payouts, what a check
 * found, the catalog's services, the events it pushes. Plain data: ids and amounts as strings, times
 * as ISO text. The domain builds them (main/payments/payment-view.ts, check-view.ts,
 * main/payouts/payout-view.ts, main/processing/schemas.ts) and the type checker holds it to these.
 */
import type { PaymentState } from '../rules/payment-states.js';
import type { PayoutState } from '../rules/payout-states.js';

export type { CatalogField, CatalogService } from '../rules/catalog-service.js';

/** `amount`: the value read as an amount ("Сумма 15000.00 тенге" → "15000.00", its words in `amountWords`) so screens format it as every sum; null when it is words. */
export interface DisplayView { name: string; title: string; value: string; amount: string | null; amountWords: string | null }
export interface ContractView { contractId: string; name: string | null; contractNumber: string | null; contractSum: string | null; contractDate: string | null }
export interface InvoiceLineView {
  subServiceId: string;
  subServiceName: string;
  paySum: string | null;
  minSum: string | null;
  maxSum: string | null;
  tariff: string | null;
  debtInfo: string | null;
  /** debtInfo as an amount ("1250.00") when it is one; null when it is words or absent. */
  debt: string | null;
  isMeter: boolean;
  prevCount: string | null;
  lastCount: string | null;
  /** Unit of the meter ("кВт·ч"). */
  si: string | null;
  comment: string | null;
}
export interface InvoiceView { invoiceId: string | null; formedDate: string | null; expireDate: string | null; clientName: string | null; clientAddress: string | null; lines: InvoiceLineView[] }
/** `unitPrice`: what one unit of the currency costs in tenge ("480.00"), for «1 USD = 480,00 ₸». */
export interface InternationalView { currency: string; rate: string | null; finalAmount: string | null; unitPrice: string | null }

export interface CheckAnswerView {
  displays: DisplayView[];
  contracts: ContractView[] | null;
  invoices: InvoiceView[] | null;
  international: InternationalView | null;
  /** A fixed-payment service's amount, when check named it: the screen locks the amount ("15000.00"). */
  fixedAmount: string | null;
  /** check named a fixed amount the terminal cannot read: the service cannot be paid now. */
  fixedAmountUnreadable: boolean;
  /**
   * What the customer owes, when the service's check says it (a display named `debt` holding an
   * amount above zero, "1808.00"): the amount a desk's form starts from. null otherwise.
   */
  debt: string | null;
}

/** A payment as `--json` prints it: ids and amounts as strings, times as ISO text, every attempt. */
export interface PaymentJson {
  agentTransactionId: string;
  agentTransactionDate: string;
  serviceId: string;
  serviceName: string;
  account: string;
  fields: Record<string, string>;
  state: PaymentState;
  offline: boolean;
  result: number | null;
  resultMessage: string | null;
  transactionId: string | null;
  transactionDate: string | null;
  amountTo: string | null;
  amountFrom: string | null;
  commission: string | null;
  reason: string | null;
  /** Why a person must look, in a code the screens say in words (a number that moved to another operator). */
  reviewCause: 'number-moved' | null;
  /** A cashier's cash payment: what the customer handed over, the change, or (not paid) what to hand back. */
  cashReceived: string | null;
  change: string | null;
  giveBack: string | null;
  check: unknown;
  attempts: AttemptJson[];
  createdAt: string;
  acceptedAt: string | null;
  finishedAt: string | null;
  nextAttemptAt: string | null;
  /** The receipt: printed, tried and not printed, or not tried (no printer, or not yet). */
  receipt: 'printed' | 'failed' | null;
}

/** Why an attempt has no answer to judge: the connection's fault, not sent (and why), or an answer not read. */
export type AttemptCause = 'timeout' | 'refused' | 'reset' | 'network' | 'too-large' | 'stopped' | 'operator-unconfirmed' | 'number-moved' | 'http' | 'malformed' | 'abandoned';

export interface AttemptJson {
  kind: 'check' | 'pay';
  startedAt: string;
  finishedAt: string | null;
  outcome: 'answer' | 'transport' | 'http' | 'malformed' | 'abandoned' | null;
  httpStatus: number | null;
  result: number | null;
  /** The engine's own text (the CLI prints it; screens never show it). */
  error: string | null;
  /** Why there was no answer to judge, as a code screens say in words. */
  cause: AttemptCause | null;
  elapsedMs: number | null;
}

/** A payout as the CLI and the screens show it: amounts as decimal text, the card masked, never more. */
export interface PayoutJson {
  orderNumber: string;
  orderId: string | null;
  flow: 'page' | 'direct';
  state: PayoutState;
  amount: string;
  commission: string;
  amountFrom: string;
  fee: string | null;
  maskedPan: string | null;
  formUrl: string | null;
  expiresAt: string | null;
  reason: string | null;
  errorCode: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** A cashier's payout: the cash the customer handed over and the change (or, not paid, what to hand back). */
  cashReceived: string | null;
  change: string | null;
  giveBack: string | null;
}

/**
 * What the terminal tells its screens without being asked: something about the status bar changed
 * (connectivity, the queue), or a payment changed state (a queued payment was delivered). Events
 * carry no data a screen could act on blindly: a screen asks the IPC contract for the new state.
 */
/** What a bill validator did with a note, as the screens hear it (amounts "1000.00"). */
export type CashEventView =
  | { kind: 'stacked'; session: string; amount: string; total: string }
  | { kind: 'returned'; session: string | null; amount: string | null; why: 'overpay' | 'not-taken' | 'not-waiting' | 'returned' | 'rejected' }
  | { kind: 'settled'; session: string; amount: string; outcome: 'stacked' | 'returned' | 'unknown' };

/** A bill validator's state for the status bar, the service menu and `tolem device status`. */
export interface DeviceView {
  protocol: 'ccnet' | 'id003';
  port: string;
  phase: 'starting' | 'ready' | 'fault' | 'alarm' | 'stopped' | 'not-running';
  fault: string | null;
  alarm: string | null;
  accepting: boolean;
  model: string | null;
  serial: string | null;
  version: string | null;
  /** The device's bill table ("1000.00"), and which of its notes this terminal takes. */
  bills: { amount: string; currency: string; taken: boolean }[];
  /** A note told to stack whose outcome is not journaled yet. */
  noteInProgress: string | null;
  portProblem: string | null;
  /** The cassette as the journal counts it since the last encashment. */
  cassette: { notes: number; total: string };
}

/** A shift's or an encashment's report for a screen: the paper as an image, and its key figures. */
export interface TillReportView {
  kind: 'x' | 'z' | 'encashment';
  /** The shift's or the encashment's number (null: a preview of an encashment not made). */
  id: number | null;
  png: string;
  text: string;
  total: string;
  /** counted − expected, or null when nothing was counted; non-zero is a difference to explain. */
  difference: string | null;
}

/** A closed Z report or encashment in the service menu's history. */
export interface TillHistoryRow {
  kind: 'z' | 'encashment';
  id: number;
  /** When it closed (ISO); the screen says it in the agent's zone. */
  at: string;
  total: string;
  difference: string | null;
}

export type TerminalEvent =
  | { type: 'status' }
  | { type: 'payment'; agentTransactionId: string; state: string }
  | { type: 'cash'; event: CashEventView };
