/**
 * Client of the bank's payouts module (payouts-module-v2): `echo` (GET, text), `getAmount.do`,
 * `registerPayout.do`, `performPayout.do`, `getPayoutStatus.do`, as the document writes them
 * (amounts in tiyn, currency "398", credentials in every body). The credentials are added here, at
 * the moment of sending, and never returned: what the journal keeps of a request is without them.
 * Every outcome is a value, never a throw; every answer is `unknown` until a schema accepts it.
 */
import http from 'node:http';
import https from 'node:https';
import axios, { AxiosError, type AxiosInstance } from 'axios';
import type { z } from 'zod';
import { zBalanceAnswer, zPayoutError } from './schemas.js';
import type { Minor } from '../../shared/money/amount.js';

export type PayoutsMethod = 'getAmount.do' | 'registerPayout.do' | 'performPayout.do' | 'getPayoutStatus.do';

export type PayoutOutcome<T> =
  /** errorCode "0" and a payload the schema accepts. */
  | { kind: 'answer'; httpStatus: number; value: T; raw: string }
  /** the bank answered with an error of its table (errorCode ≠ 0). */
  | { kind: 'error'; httpStatus: number; errorCode: string; errorMessage: string; raw: string }
  /** no complete answer (timeout, reset, refused). */
  | { kind: 'transport'; error: 'timeout' | 'refused' | 'reset' | 'network'; message: string }
  /** an HTTP answer that is not the document's JSON (a proxy's page, truncated JSON, wrong types). */
  | { kind: 'malformed'; httpStatus: number; raw: string; problem: string };

/** What an error of the document's table means, for the person (screens say `code` in their words). */
export type PayoutErrorCode = 'request-invalid' | 'auth' | 'no-method' | 'bank-error' | 'gateway-error' | 'card-not-supported' | 'bank-timeout' | 'order-not-found' | 'unknown';

/**
 * The payouts document's error table ("Описание ошибок"), row by row, by HTTP status and errorCode.
 * The message is never used to decide anything but "order not found" (a 400/98 of the status call):
 * a gateway's name inside "Timeout when requesting [...]" must not turn a timeout into a refusal.
 */
export function payoutErrorCode(httpStatus: number, errorCode: string, message = ''): PayoutErrorCode {
  const row = `${httpStatus}/${errorCode}`;
  switch (row) {
    case '400/98': return /order not found/i.test(message) ? 'order-not-found' : 'request-invalid';
    case '401/90': return 'auth';
    case '404/': return 'no-method';
    case '502/204':
    case '502/400':
    case '502/98': return 'card-not-supported';
    case '504/91': return 'bank-timeout';
    case '502/99': return 'gateway-error';
    case '500/99': return 'bank-error';
    default: return httpStatus >= 500 ? 'bank-error' : 'unknown';
  }
}

/**
 * The rows the document defines as a refusal before any money moved: the request was rejected as
 * invalid, unauthenticated, for a method that does not exist, or for a card the bank does not serve.
 * Everything else (a gateway timeout, any 5xx, a row not in the table) leaves the outcome unknown.
 */
const REFUSED_BEFORE_MONEY: ReadonlySet<PayoutErrorCode> = new Set(['request-invalid', 'auth', 'no-method', 'card-not-supported']);

/**
 * Whether an outcome of performPayout.do (or a register) leaves it unknown whether the bank acted:
 * then only getPayoutStatus.do may tell, and nothing is sent again before it has.
 */
export function outcomeUnknown(o: PayoutOutcome<unknown>): boolean {
  if (o.kind === 'transport' || o.kind === 'malformed') return true;
  if (o.kind !== 'error') return false;
  return !REFUSED_BEFORE_MONEY.has(payoutErrorCode(o.httpStatus, o.errorCode, o.errorMessage));
}

export interface PayoutsClientOptions {
  /** Scheme and host: https://3dsec.berekebank.kz; the client appends /payouts/api/v2/<method>. */
  baseUrl: string;
  userName: string;
  password: string;
  timeoutMs: number;
}

const MAX_ANSWER_BYTES = 256 * 1024;

export class PayoutsClient {
  private readonly http: AxiosInstance;
  private readonly agents = { http: new http.Agent({ keepAlive: true, maxSockets: 8 }), https: new https.Agent({ keepAlive: true, maxSockets: 8 }) };

  constructor(private readonly options: PayoutsClientOptions) {
    this.http = axios.create({
      baseURL: `${options.baseUrl.replace(/\/+$/, '')}/payouts/api/v2/`,
      timeout: 0,
      responseType: 'text',
      transformRequest: [(d: unknown) => d],
      transformResponse: [(d: unknown) => d],
      validateStatus: () => true,
      maxRedirects: 0,
      maxContentLength: MAX_ANSWER_BYTES,
      httpAgent: this.agents.http,
      httpsAgent: this.agents.https,
      proxy: false,
      headers: { 'Content-Type': 'application/json; charset=utf-8', Accept: 'application/json' },
    });
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  /** The module's health: its text, or why there is none. */
  async echo(): Promise<{ ok: true; text: string } | { ok: false; problem: string }> {
    const r = await this.exchange((signal) => this.http.get<string>('echo', { signal }));
    if ('error' in r) return { ok: false, problem: r.message };
    return r.status === 200 ? { ok: true, text: r.data.slice(0, 300) } : { ok: false, problem: `HTTP ${r.status}` };
  }

  /** The agent's balance at the bank (getAmount.do), signed: a debit balance ("D") is negative. */
  async balance(): Promise<{ ok: true; amount: Minor; currency: string } | { ok: false; problem: string }> {
    const o = await this.call('getAmount.do', {}, zBalanceAnswer);
    if (o.kind !== 'answer') return { ok: false, problem: o.kind === 'error' ? payoutErrorCode(o.httpStatus, o.errorCode, o.errorMessage) : o.kind };
    const b = o.value.balanceDescriptionList;
    return { ok: true, amount: b.balanceSign === 'D' ? -b.balanceAmount : b.balanceAmount, currency: b.balanceCurrency };
  }

  /**
   * POSTs `body` (without credentials) with the credentials added; the answer goes through `schema`
   * when errorCode is "0". `deadline` (epoch ms) cuts the exchange off as the timeout does.
   */
  async call<T>(method: PayoutsMethod, body: Record<string, unknown>, schema: z.ZodType<T>, deadline?: number): Promise<PayoutOutcome<T>> {
    const text = JSON.stringify({ userName: this.options.userName, password: this.options.password, ...body });
    const r = await this.exchange((signal) => this.http.post<string>(method, text, { signal }), deadline);
    if ('error' in r) return { kind: 'transport', error: r.error, message: r.message };
    const raw = typeof r.data === 'string' ? r.data : String(r.data ?? '');
    let payload: unknown;
    try {
      payload = JSON.parse(raw);
    } catch {
      if (r.status >= 400) return { kind: 'error', httpStatus: r.status, errorCode: '', errorMessage: `HTTP ${r.status}`, raw: raw.slice(0, 2048) };
      return { kind: 'malformed', httpStatus: r.status, raw: raw.slice(0, 2048), problem: 'not JSON' };
    }
    const envelope = zPayoutError.safeParse(payload);
    if (!envelope.success) return { kind: 'malformed', httpStatus: r.status, raw: raw.slice(0, 2048), problem: 'no errorCode' };
    if (envelope.data.errorCode !== '0' || r.status >= 400) {
      return { kind: 'error', httpStatus: r.status, errorCode: envelope.data.errorCode, errorMessage: (envelope.data.errorMessage ?? '').slice(0, 512), raw: raw.slice(0, 2048) };
    }
    const value = schema.safeParse(payload);
    if (!value.success) return { kind: 'malformed', httpStatus: r.status, raw: raw.slice(0, 2048), problem: value.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
    return { kind: 'answer', httpStatus: r.status, value: value.data, raw: raw.slice(0, 4096) };
  }

  /** One deadline for the whole exchange; transport failures as values. */
  private async exchange(send: (signal: AbortSignal) => Promise<{ status: number; data: string }>, deadline?: number): Promise<{ status: number; data: string } | { error: 'timeout' | 'refused' | 'reset' | 'network'; message: string }> {
    const budget = Math.min(this.options.timeoutMs, deadline === undefined ? Infinity : deadline - Date.now());
    if (budget <= 0) return { error: 'timeout', message: 'no time left to send it' };
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, budget);
    try {
      return await send(abort.signal);
    } catch (err) {
      if (timedOut) return { error: 'timeout', message: `no complete answer within ${Math.round(budget)} ms` };
      const code = err instanceof AxiosError ? (err.code ?? '') : '';
      if (code === 'ECONNREFUSED') return { error: 'refused', message: 'the payouts module refused the connection' };
      if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return { error: 'network', message: `${code}` };
      return { error: 'reset', message: err instanceof Error ? err.message.slice(0, 200) : 'the connection broke' };
    } finally {
      clearTimeout(timer);
    }
  }
}
