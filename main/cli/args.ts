/** How the CLI reads its arguments: strict options, and the values every command reads the same way. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseAmount } from '../../shared/money/amount.js';
import { dataRecord, type PaymentInput } from '../payments/payment-engine.js';

/** Bad arguments: exit 2, nothing done. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export type Values = Record<string, unknown>;
export type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `args` by `options` (plus --json), refusing anything unknown or positional. */
export function parse(args: string[], options: Options = {}): Values {
  try {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, ...options }, strict: true, allowPositionals: false });
    return values as Values;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function list(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function seconds(v: unknown, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !/^\d+(\.\d+)?$/.test(v)) throw new UsageError(`--wait takes seconds, got "${String(v)}"`);
  return Number(v);
}

export function portNumber(v: unknown, fallback: string): number {
  const port = str(v) ?? fallback;
  if (!/^\d+$/.test(port) || Number(port) > 65535) throw new UsageError(`--port takes a port number, got "${port}"`);
  return Number(port);
}

function parseFields(values: string[]): Record<string, string> {
  const out = dataRecord();
  for (const v of values) {
    const i = v.indexOf('=');
    if (i <= 0) throw new UsageError(`--field takes NAME=VALUE, got "${v}"`);
    out[v.slice(0, i)] = v.slice(i + 1);
  }
  return out;
}

function parseItems(values: string[]): PaymentInput['items'] {
  return values.map((v) => {
    const m = /^([^=]+)=([^:]+)(?::(.+))?$/.exec(v);
    if (!m) throw new UsageError(`--item takes SUBSERVICE=AMOUNT[:LASTCOUNT], got "${v}"`);
    return { subServiceId: m[1] ?? '', amount: parseAmount(m[2] ?? ''), lastCount: m[3] };
  });
}

/** The options that describe a payment (check and pay). */
export const PAYMENT_OPTIONS: Options = {
  service: { type: 'string' }, account: { type: 'string' }, field: { type: 'string', multiple: true },
};

export function paymentInput(v: Values): PaymentInput {
  const serviceId = str(v.service);
  const account = str(v.account);
  if (!serviceId) throw new UsageError('--service is required');
  if (account === undefined) throw new UsageError('--account is required');
  const amount = str(v.amount);
  const amountFrom = str(v['amount-from']);
  return {
    serviceId,
    account,
    fields: parseFields(list(v.field)),
    amountTo: amount === undefined ? undefined : parseAmount(amount),
    amountFrom: amountFrom === undefined ? undefined : parseAmount(amountFrom),
    contractId: str(v.contract),
    items: list(v.item).length ? parseItems(list(v.item)) : undefined,
    identityCard: str(v['identity-card']),
    fullName: str(v['full-name']),
  };
}
