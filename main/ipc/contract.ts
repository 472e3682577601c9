/**
 * The one IPC contract between the terminal and its screens: channel → arguments (zod, parsed at
 * the boundary: they arrive as `unknown`) and result type. The Electron host, the browser host,
 * the preload and the renderer all use this map. Money crosses as decimal strings ("200.00"),
 * ids as strings: nothing here is ever a float or a long number.
 */
import { z } from 'zod';
import { zAmountText } from '../money/amount-schema.js';

import type { PaymentJson } from '../views/payment-view.js';
import type { CatalogService, PaymentAnswer } from '../api/v20/schemas.js';

const atid = z.string().regex(/^[1-9]\d{0,17}$/, 'an agentTransactionId of up to 18 digits');
const amount = zAmountText;
const text = z.string().max(200);

export const channels = {
  'terminal.status': z.object({}).strict(),
  'catalog.get': z.object({ refresh: z.boolean().optional() }).strict(),
  'operator.byPhone': z.object({ phone: z.string().regex(/^[+\d\s()-]{10,20}$/, 'a phone number') }).strict(),
  'payment.check': z.object({ serviceId: text.min(1), account: text, fields: z.record(z.string().min(1).max(64), text).optional() }).strict(),
  'payment.pay': z
    .object({
      agentTransactionId: atid,
      amountTo: amount.optional(),
      amountFrom: amount.optional(),
      contractId: text.optional(),
      items: z.array(z.object({ subServiceId: text.min(1), amount, lastCount: z.string().regex(/^\d+(\.\d+)?$/).optional() }).strict()).max(100).optional(),
    })
    .strict(),
  'payment.get': z.object({ agentTransactionId: atid }).strict(),
  'payment.retryNow': z.object({ agentTransactionId: atid }).strict(),
  'journal.list': z.object({ search: text.optional(), limit: z.number().int().min(1).max(1000).optional() }).strict(),
  'receipt.print': z.object({ agentTransactionId: atid }).strict(),
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
  mode: 'cashier' | 'kiosk';
  receiptLang: 'ru' | 'kk';
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
  answer: PaymentAnswer | null;
  message: string | null;
}

export interface Results {
  'terminal.status': TerminalStatus;
  'catalog.get': CatalogView;
  'operator.byPhone': { serviceId: string | null };
  'payment.check': CheckView;
  'payment.pay': PaymentJson;
  'payment.get': PaymentJson;
  'payment.retryNow': PaymentJson;
  'journal.list': PaymentJson[];
  'receipt.print': { printed: boolean; error: string | null };
}

export type ErrorCode = 'forbidden' | 'unknown-channel' | 'bad-request' | 'input' | 'refused' | 'not-found' | 'unavailable' | 'internal';

/** Every call answers with an envelope; nothing is thrown across the boundary. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string; problems?: string[] } };

/** What the preload exposes and the renderer calls: one function per channel. */
export type TolemApi = { [C in Channel]: (args: Args<C>) => Promise<Envelope<Results[C]>> };

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
