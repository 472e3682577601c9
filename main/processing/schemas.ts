/**
 * Schemas of processing answers. An answer is `unknown` until one of these accepts it.
 * Numbers arrive as WireNumbers (exact text, see wire/json.ts): ids stay decimal strings,
 * amounts become integer tiyn, result codes small integers.
 */
import { z } from 'zod';
import type { CatalogField, CatalogService } from '../../shared/ipc/views.js';
import { isWireNumber, type WireNumber } from '../base/wire-json.js';
import { parseDecimalMoney, type Minor } from '../../shared/money/amount.js';

const wireNumber = z.custom<WireNumber>((v) => isWireNumber(v), { message: 'expected a number' });

/** A small integer such as a result code or a scheme type. */
export const zInt = wireNumber.transform((n, ctx) => {
  const text = n.toString();
  if (!/^-?\d{1,9}$/.test(text)) {
    ctx.addIssue({ code: 'custom', message: `expected a small integer, got ${text}` });
    return z.NEVER;
  }
  return Number(text);
});

/** An id of up to 18 digits, given as a number or a string; kept as its decimal text. */
export const zId18 = z.union([wireNumber, z.string()]).transform((v, ctx) => {
  const text = typeof v === 'string' ? v : v.toString();
  if (!/^\d{1,18}$/.test(text)) {
    ctx.addIssue({ code: 'custom', message: `expected an id of up to 18 digits, got ${text}` });
    return z.NEVER;
  }
  return text;
});

/** An amount given as a number (359.8) or a string ("1000.00"), as integer tiyn. */
export const zMoney = z.union([wireNumber, z.string()]).transform((v, ctx): Minor => {
  try {
    return parseDecimalMoney(typeof v === 'string' ? v.trim() : v.toString());
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
    return z.NEVER;
  }
});

/** Any scalar shown to a person as text (numbers keep their exact text). */
export const zText = z.union([z.string(), wireNumber, z.boolean()]).transform((v) => (typeof v === 'string' ? v : String(v)));

const zOptText = zText.nullish().transform((v) => v ?? undefined);

export const zEnvelope = z.object({
  result: zInt,
  resultMessage: zText.nullish().transform((v) => v ?? ''),
});

export const zField = z.object({
  name: z.string().min(1),
  required: z.boolean().nullish().transform((v) => v ?? false),
  title: z.string().nullish().transform((v) => v ?? ''),
  regexp: z.string().nullish().transform((v) => v ?? null),
});
export type { CatalogField, CatalogService };

export const zService = z.object({
  serviceId: zText.pipe(z.string().min(1)),
  type: zInt.pipe(z.union([z.literal(0), z.literal(1), z.literal(2)])),
  name: z.string(),
  group: z.string().nullish().transform((v) => v ?? ''),
  fixedPayment: z.boolean().nullish().transform((v) => v ?? false),
  country: z.string().nullish().transform((v) => v ?? ''),
  inputs: z.array(zField).nullish().transform((v) => v ?? []),
  displays: z.array(zField).nullish().transform((v) => v ?? []),
});
// The catalog as the screens get it (shared/ipc/views.ts) is exactly what this schema reads.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _fieldShape: Same<z.output<typeof zField>, CatalogField> = true;
const _serviceShape: Same<z.output<typeof zService>, CatalogService> = true;
void _fieldShape;
void _serviceShape;

/**
 * The catalog answer. The protocol document spells the key `serviсes` with a Cyrillic "с"
 * (U+0441) in its examples; the Latin spelling is accepted too.
 */
const CYRILLIC_SERVICES_KEY = 'servi\u0441es';
export const zServicesAnswer = z
  .object({ services: z.array(z.unknown()).optional(), [CYRILLIC_SERVICES_KEY]: z.array(z.unknown()).optional() })
  .transform((v, ctx) => {
    const list = v.services ?? v[CYRILLIC_SERVICES_KEY];
    if (!list) {
      ctx.addIssue({ code: 'custom', message: 'answer has no services list' });
      return z.NEVER;
    }
    return list;
  });

export const zBalanceAnswer = z.object({
  agent: z.object({
    agentId: zId18,
    agentName: z.string(),
    balance: zMoney,
    overdraft: zMoney,
    notification: zMoney.nullish().transform((v) => v ?? null),
    currency: z.string().nullish().transform((v) => v ?? 'KZT'),
  }),
});
export type AgentBalance = z.output<typeof zBalanceAnswer>['agent'];

export const zContract = z.object({
  contractId: zText.pipe(z.string().min(1)),
  name: zOptText,
  contractNumber: zOptText,
  contractSum: zMoney.nullish().transform((v) => v ?? undefined),
  contractDate: zOptText,
});
export type Contract = z.output<typeof zContract>;

export const zInvoiceService = z.object({
  subServiceId: zText.pipe(z.string().min(1)),
  subServiceName: zText,
  data: z
    .object({
      paySum: zMoney.nullish().transform((v) => v ?? undefined),
      tariff: zOptText,
      minSum: zMoney.nullish().transform((v) => v ?? 0),
      maxSum: zMoney.nullish().transform((v) => v ?? 0),
      debtInfo: zOptText,
      isMeter: z.boolean().nullish().transform((v) => v ?? false),
      prevCount: zOptText,
      lastCount: zOptText,
      si: zOptText,
      comment: zOptText,
    })
    .nullish()
    .transform((v) => v ?? { minSum: 0, maxSum: 0, isMeter: false, paySum: undefined, tariff: undefined, debtInfo: undefined, prevCount: undefined, lastCount: undefined, si: undefined, comment: undefined }),
});
export type InvoiceService = z.output<typeof zInvoiceService>;

export const zInvoice = z.object({
  invoiceId: zOptText,
  formedDate: zOptText,
  expireDate: zOptText,
  clientName: zOptText,
  clientAddress: zOptText,
  services: z.array(zInvoiceService),
});
export type Invoice = z.output<typeof zInvoice>;

/**
 * processing's transactionId as given: an id of up to 18 digits, or what it was instead. A payment
 * answered 0 with an id the terminal cannot store is not retried forever: it goes to a person.
 */
function readTransactionId(v: unknown): { id: string | null; problem?: string } {
  if (v === undefined || v === null) return { id: null };
  const text = typeof v === 'string' ? v : isWireNumber(v) ? v.toString() : JSON.stringify(v) ?? String(v);
  if (/^\d{1,18}$/.test(text)) return { id: text };
  return { id: null, problem: `transactionId ${text.length > 40 ? `${text.slice(0, 40)}…` : text} is not an id of up to 18 digits` };
}

/** check and pay answers share one shape; fields appear by scheme. */
export const zPaymentAnswer = z.object({
  transactionId: z.unknown().optional().transform(readTransactionId),
  agentTransactionId: zId18.nullish().transform((v) => v ?? null),
  displays: z.record(z.string(), zText.nullable()).nullish().transform((v) => v ?? undefined),
  contracts: z.array(zContract).nullish().transform((v) => v ?? undefined),
  invoice: z.object({ invoices: z.array(zInvoice) }).nullish().transform((v) => v ?? undefined),
  currencyRate: zOptText,
  rate: zOptText,
  finalAmount: zOptText,
  currency: zOptText,
  transactionDate: zOptText,
  statusDate: zOptText,
}).transform(({ transactionId, ...rest }) => ({ ...rest, transactionId: transactionId.id, transactionIdProblem: transactionId.problem }));
export type PaymentAnswer = z.output<typeof zPaymentAnswer>;

export const zOperatorAnswer = z.object({ serviceId: zOptText });
