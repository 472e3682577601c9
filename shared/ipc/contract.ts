/**
 * The one IPC contract between the terminal and its screens: channel → arguments (zod, parsed at
 * the boundary: they arrive as `unknown`) and result type. The Electron host, the browser host,
 * the preload and the renderer all use this map. Money crosses as decimal strings ("200.00"),
 * ids as strings: nothing here is ever a float or a long number.
 */
import { z } from 'zod';
import { PAYMENT_STATES } from '../rules/payment-states.js';
import { zAmountText } from '../money/amount-schema.js';

import type { CatalogService, CheckAnswerView, DeviceView, PaymentJson, PayoutJson, TerminalEvent, TillHistoryRow, TillReportView } from './views.js';

export type * from './views.js';

const atid = z.string().regex(/^[1-9]\d{0,17}$/, 'an agentTransactionId of up to 18 digits');
const amount = zAmountText;
const text = z.string().max(200);
const cashSession = z.string().uuid('a cash session id');
const receiptLang = z.enum(['ru', 'kk']);

export const channels = {
  'terminal.status': z.object({}).strict(),
  /** The screen now shown (the fleet's "stuck on one screen" alert). */
  'terminal.screen': z.object({ name: z.enum(['home', 'payment', 'journal', 'admin', 'payout']) }).strict(),
  'catalog.get': z.object({ refresh: z.boolean().optional() }).strict(),
  /** Logos for a kiosk's tiles, by serviceId (data URLs); services without one get a monogram. */
  'catalog.logos': z.object({}).strict(),
  'operator.byPhone': z.object({ phone: z.string().regex(/^[+\d\s()-]{10,20}$/, 'a phone number') }).strict(),
  'payment.check': z.object({ serviceId: text.min(1), account: text, fields: z.record(z.string().min(1).max(64), text).optional() }).strict(),
  'payment.pay': z
    .object({
      agentTransactionId: atid,
      amountTo: amount.optional(),
      amountFrom: amount.optional(),
      contractId: text.optional(),
      items: z.array(z.object({ subServiceId: text.min(1), amount, lastCount: z.string().regex(/^\d+(\.\d+)?$/).optional() }).strict()).max(100).optional(),
      /** A kiosk: the cash session whose notes pay for this payment (its total must be amountFrom). */
      cashSession: cashSession.optional(),
      /** A cashier: the cash the customer handed over (at least amountFrom); the receipt says it and the change. */
      cashReceived: amount.optional(),
      /** The customer's language for the receipt (a customer who chose ҚАЗ gets a Kazakh receipt). */
      receiptLang: receiptLang.optional(),
    })
    .strict(),
  'payment.quote': z.object({ agentTransactionId: atid.optional(), amountTo: amount.optional(), amountFrom: amount.optional() }).strict().refine((a) => (a.amountTo === undefined) !== (a.amountFrom === undefined), 'give either amountTo or amountFrom'),
  'payment.get': z.object({ agentTransactionId: atid }).strict(),
  'payment.retryNow': z.object({ agentTransactionId: atid }).strict(),
  /** `today`: only payments made since midnight in the agent's time zone (the terminal's, never the screen's clock). */
  'journal.list': z
    .object({
      search: text.optional(),
      today: z.boolean().optional(),
      /** Only these states (drafts are shown only when asked for). */
      states: z.array(z.enum(PAYMENT_STATES)).max(PAYMENT_STATES.length).optional(),
      limit: z.number().int().min(1).max(20_000).optional(),
      /** Only the payments of this shift (a payment point's). */
      shift: z.number().int().min(1).optional(),
    })
    .strict(),
  /** Money taken today (in the agent's zone): payments accepted and not refused, their count and sums. */
  'journal.totals': z.object({}).strict(),
  'receipt.print': z.object({ agentTransactionId: atid }).strict(),
  'receipt.preview': z.object({ agentTransactionId: atid }).strict(),
  'printer.test': z.object({}).strict(),
  'cash.insert': z.object({ session: cashSession.optional(), note: amount, limit: amount.optional() }).strict(),
  'cash.unpaid': z.object({}).strict(),
  'cash.settle': z.object({ session: cashSession, note: z.string().min(1).max(200) }).strict(),
  /** The screen gives the session up (the customer walked away, or paying failed): its cash is the attendant's now. */
  'cash.release': z
    .object({
      session: cashSession,
      /** Why: the customer cancelled, walked away, or paying was refused (said on the attendant's list and the slip). */
      reason: z.enum(['cancelled', 'walked-away', 'refused']).optional(),
      /** The payment the cash was inserted for, if it got that far. */
      agentTransactionId: atid.optional(),
      /** The customer's language for the slip the kiosk prints. */
      receiptLang: receiptLang.optional(),
    })
    .strict(),
  /**
   * A kiosk with a bill validator: the screen waits for notes into this session (a new one when none
   * is given), up to `limit` in total; the device is enabled for the notes that fit. Notes arrive as
   * `cash` events.
   */
  'cash.accept': z.object({ session: cashSession.optional(), limit: amount.optional() }).strict(),
  /** The screen stops waiting for notes: the device takes nothing more. */
  'cash.stop': z.object({ session: cashSession }).strict(),
  /** The bill validator's state, identity, bill table and cassette, for the service menu. */
  'device.status': z.object({}).strict(),
  /** The service menu's device test: the first note inserted is shown and handed back. */
  'device.test': z.object({}).strict(),
  /** A report to look at: the open shift's X, or what an encashment now would say; nothing closes. */
  'till.report': z.object({ kind: z.enum(['x', 'encashment']), lang: receiptLang.optional() }).strict(),
  /**
   * Closes: the shift with its Z report (`counted`: the drawer's count), or the kiosk's encashment
   * (`notes`: the cassette's count, "1000.00" each). A kiosk asks the attendant's PIN.
   */
  'till.close': z
    .object({ kind: z.enum(['z', 'encashment']), counted: amount.optional(), notes: z.array(amount).max(5_000).optional(), pin: z.string().regex(/^\d{1,12}$/, 'digits').optional(), lang: receiptLang.optional() })
    .strict(),
  /** A cashier opens their shift by name. */
  'till.openShift': z.object({ cashier: z.string().trim().min(1).max(100) }).strict(),
  /** The shifts (newest first), for the journal's filter. */
  'till.shifts': z.object({}).strict(),
  /** What was closed, newest first: a payment point's Z reports, a kiosk's encashments. */
  'till.history': z.object({}).strict(),
  /** One closed Z report or encashment, as its paper reads. */
  'till.closed': z.object({ kind: z.enum(['z', 'encashment']), id: z.number().int().positive().max(1_000_000_000), lang: receiptLang.optional() }).strict(),
  /** A kiosk's cash against what it must cover: payable yet, and how much more to insert. */
  'cash.progress': z.object({ inserted: amount, lockedTotal: amount.optional(), agentTransactionId: atid.optional() }).strict(),
  /** Cash to card: what the customer pays for an amount on the card (the agent's payout commission). */
  'payout.quote': z.object({ amount }).strict(),
  /**
   * Starts a payout. `flow` page: the bank's card page (QR in a kiosk); direct: `pan` typed on the screen,
   * held in memory for the one request, never stored. `cashSession`: the kiosk's cash that funds it.
   */
  'payout.start': z
    .object({
      amount,
      name: z.string().min(1).max(24),
      phone: z.string().max(20).optional(),
      flow: z.enum(['page', 'direct']),
      pan: z.string().regex(/^[\d\s-]{12,23}$/, 'a card number').optional(),
      cashSession: cashSession.optional(),
      cashReceived: amount.optional(),
      receiptLang: receiptLang.optional(),
    })
    .strict(),
  /** Asks the bank for a payout's status now (getPayoutStatus.do) and answers it as journaled. */
  'payout.check': z.object({ orderNumber: z.string().regex(/^[0-9a-f]{32}$/, 'an order number'), receiptLang: receiptLang.optional() }).strict(),
  'payout.list': z.object({ today: z.boolean().optional() }).strict(),
  'payout.print': z.object({ orderNumber: z.string().regex(/^[0-9a-f]{32}$/, 'an order number') }).strict(),
  /** The service menu: what this terminal is and how it stands. */
  'admin.info': z.object({}).strict(),
  /** The service menu: the payouts balance (getAmount.do) and the module's health (echo). */
  'payouts.health': z.object({}).strict(),
  'admin.exit': z.object({ pin: z.string().regex(/^\d{1,12}$/, 'digits') }).strict(),
} as const;

export type Channel = keyof typeof channels;
export type Args<C extends Channel> = z.input<(typeof channels)[C]>;
export type ParsedArgs<C extends Channel> = z.output<(typeof channels)[C]>;

export interface TerminalStatus {
  online: 'online' | 'offline' | 'unknown';
  pending: number;
  pendingTotal: string;
  review: number;
  receiptsNotPrintedToday: number;
  /** A receipt printer is configured (without one, a desk's final screen says where the receipt is). */
  printer: boolean;
  mode: 'cashier' | 'kiosk';
  receiptLang: 'ru' | 'kk';
  /** The built-in sandbox is processing. */
  sandbox: boolean;
  /** Safe mode: the terminal stopped unexpectedly three times in ten minutes and takes no new money. */
  safeMode: boolean;
  /** The kiosk's cash device; 'simulated' shows the demo's "insert 1000 ₸" buttons; ccnet and id003 are bill validators whose notes arrive as events. */
  cashAcceptor: 'simulated' | 'none' | 'ccnet' | 'id003';
  /** The notes and coins the cash box takes ("1000.00"), largest first: the simulated acceptor's buttons. */
  cashNotes: string[];
  /** A bill validator's state (ccnet, id003): whether it can take notes now, or what stops it. */
  cashDevice: { phase: string; fault: string | null; accepting: boolean } | null;
  idleTimeoutMs: number;
  /** A kiosk's final screen (paid, not paid, handed over) goes back to Home this soon, without asking. */
  finalScreenMs: number;
  /** Why a kiosk cannot take payments now; null when it can. */
  refusal: 'no-printer' | 'no-paper' | 'printer-unreachable' | 'safe-mode' | 'fleet-locked' | null;
  /** processing refuses this terminal's credentials: new payments are refused (a configuration fault). */
  authRefused: boolean;
  /** Which processing this is: the built-in demo sandbox shows a permanent banner. */
  sandboxBecause: 'chosen' | 'unconfigured' | null;
  balance: BalanceView | null;
  /** Cash sessions whose notes no payment accounts for (the attendant must settle them). */
  cashWithoutPayment: number;
  /** The agent's commission rule, said before the first note: a percentage of the amount credited, at least `minimum`. */
  commission: { percent: string; minimum: string };
  /** The agent's time zone (Asia/Almaty by default): every time on a screen is shown in it, never the OS's. */
  timeZone: string;
  /** Cash to card: available (a payouts module is configured), and whether a typed card number is allowed. */
  payouts: { available: boolean; direct: boolean };
}

export interface BalanceView {
  balance: string;
  overdraft: string;
  notification: string | null;
  /** low: at or under the notification level; critical: the overdraft is being used up. */
  level: 'ok' | 'low' | 'critical';
}

export interface QuoteView {
  amountTo: string;
  commission: string;
  amountFrom: string;
  /** International providers: what arrives, in the provider's currency. */
  finalAmount: string | null;
  currency: string | null;
}

export interface CatalogView {
  services: CatalogService[];
  source: 'processing' | 'cache';
  fetchedAt: string;
  staleBecause: string | null;
}

export interface CheckView {
  payment: PaymentJson;
  result: 'ok' | 'refused' | 'unreachable';
  answer: CheckAnswerView | null;
  message: string | null;
  /**
   * When processing could not be reached: why this service cannot be paid offline (a refusal code the
   * screens say before any cash is taken), or null when it can be accepted offline.
   */
  offlineBlocked: string | null;
  /**
   * How much this service credits in one payment (the agent's configuration and what processing
   * answered before), and what a customer pays for each end with the commission; null: no limit known.
   */
  limits: { min: string | null; max: string | null; minFrom: string | null; maxFrom: string | null };
}

export interface Results {
  'terminal.status': TerminalStatus;
  'terminal.screen': null;
  'catalog.get': CatalogView;
  'catalog.logos': Record<string, string>;
  'operator.byPhone': { serviceId: string | null };
  'payment.check': CheckView;
  'payment.pay': PaymentJson;
  'payment.quote': QuoteView;
  'payment.get': PaymentJson;
  'payment.retryNow': PaymentJson;
  /** List rows: without attempts and receipt (ask payment.get for the whole payment). */
  'journal.list': PaymentJson[];
  /** Today's payments, and the payouts that took cash: the till's figures (taken = both). */
  'journal.totals': { count: number; paid: number; taken: string; credited: string; commission: string; payouts: { count: number; paid: number; taken: string; toCards: string; commission: string }; takenAll: string };
  /** `error`: why it did not print, as a code the screens say (printer.<code>): refused, timeout, dropped, device, spooler, paper-out, no-printer, render. */
  'receipt.print': { printed: boolean; error: string | null };
  'receipt.preview': { png: string };
  'printer.test': { printed: boolean; printer: string | null; error: string | null };
  'admin.exit': { exited: boolean };
  'cash.insert': { session: string; inserted: string; stacked: boolean };
  'cash.unpaid': { session: string; openedAt: string; total: string; notes: number; why: 'cancelled' | 'walked-away' | 'refused' | 'power-cut'; agentTransactionId: string | null; serviceName: string | null; account: string | null }[];
  'cash.settle': { settled: true };
  'cash.release': { session: string; total: string; toAttendant: boolean; slip: 'printed' | 'failed' | null };
  'cash.progress': { payable: boolean; missing: string };
  'cash.accept': { session: string; inserted: string };
  'cash.stop': { stopped: true };
  'device.status': DeviceView | null;
  'device.test': { returned: string | null };
  /** The report as its paper reads (an image), with the figures a screen says large. */
  'till.report': TillReportView;
  'till.close': TillReportView & { printed: boolean | null };
  'till.openShift': { shift: number; cashier: string };
  'till.shifts': { id: number; cashier: string; openedAt: string; closedAt: string | null }[];
  'till.history': TillHistoryRow[];
  'till.closed': TillReportView;
  'payout.quote': { amount: string; commission: string; amountFrom: string };
  'payout.start': PayoutView;
  'payout.check': PayoutView;
  'payout.list': PayoutView[];
  'payout.print': { printed: boolean; error: string | null };
  'payouts.health': { online: boolean; echo: string | null; balance: string | null; low: boolean };
  'admin.info': {
    terminalId: number;
    version: string;
    /** Where the payouts password and the processing token are kept: the OS keychain (Electron), or config.json alone (owner-only, not encrypted). */
    secrets: 'keychain' | 'config-file';
    /** The processing center's host (never its token); "sandbox" for the built-in one. */
    processingHost: string;
    sandbox: boolean;
    mode: 'cashier' | 'kiosk';
    timeZone: string;
    printer: { name: string | null; paper: 'ok' | 'out' | 'unknown' | 'unreachable' | null };
    queue: { pending: number; total: string; review: number };
    balance: BalanceView | null;
    /** When processing last told the balance (ISO); `balanceStale`: asking now failed, so it is that earlier figure. */
    balanceAsOf: string | null;
    balanceStale: boolean;
  };
}

/** A payout as the screens show it (the card masked; a QR of the bank's page while it waits for the card). */
export interface PayoutView extends PayoutJson {
  /** The bank page's address as a QR code (PNG data URL), while the payout waits for the card. */
  qr: string | null;
  /** Its receipt right after it ended: printed, tried and not printed, or none (no printer, or not ended yet). */
  receipt: 'printed' | 'failed' | null;
}

export type ErrorCode = 'forbidden' | 'unknown-channel' | 'bad-request' | 'input' | 'refused' | 'not-found' | 'unavailable' | 'internal';

/** Every call answers with an envelope; nothing is thrown across the boundary. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorView };

/**
 * An error as the screens get it. `reason` is a code the screens put into the person's words
 * (errors.<reason> in the dictionaries); `message` and `problems` are for logs and support, never
 * shown to a customer.
 */
export interface ErrorView {
  code: ErrorCode;
  message: string;
  problems?: string[];
  reason?: string;
  /** Values for the words (e.g. seconds until a lockout ends). */
  params?: Record<string, string | number>;
}

/** What the preload exposes and the renderer calls: one function per channel. */
export type TolemApi = { [C in Channel]: (args: Args<C>) => Promise<Envelope<Results[C]>> };

/** Events pushed to the screens (Electron: one IPC channel; browser host: the WebSocket). */
export type EventListener = (e: TerminalEvent) => void;

/** The preload's and the browser bridge's whole surface: the calls plus one event subscription. */
export interface TolemBridge {
  api: TolemApi;
  onEvent(listener: EventListener): () => void;
  /**
   * The browser host only: why this page has no session with the terminal. 'link-used': its start
   * link was opened before (elsewhere); 'no-session': it was opened without one. null: it has one.
   */
  sessionProblem?(): 'link-used' | 'no-session' | null;
}

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
