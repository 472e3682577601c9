/**
 * Client of processing api/v20. Sends exact request text and reads raw answer text, so that
 * retried bodies are byte-identical and 18-digit ids and two-decimal amounts survive.
 * Every outcome is a value, never a throw: transport failures, HTTP errors and answers that no
 * schema accepts are typed, non-final outcomes.
 */
import http from 'node:http';
import https from 'node:https';
import axios, { AxiosError, type AxiosInstance } from 'axios';
import type { z } from 'zod';
import { parseWire, stringifyWire, WireSyntaxError } from '../base/wire-json.js';
import {
  zBalanceAnswer,
  zEnvelope,
  zOperatorAnswer,
  zPaymentAnswer,
  zService,
  zServicesAnswer,
  type AgentBalance,
  type CatalogService,
  type PaymentAnswer,
} from './schemas.js';

export type ProcessingMethod = 'services' | 'service' | 'balance' | 'check' | 'pay' | 'operatorByPhone';

export type TransportError = 'timeout' | 'refused' | 'reset' | 'network' | 'too-large' | 'stopped';

export type Outcome<T> =
  /** processing answered with a result code; `value` is present when the payload fits its schema. */
  | { kind: 'answer'; httpStatus: number; result: number; resultMessage: string; value: T; raw: string; elapsedMs: number }
  /** the request did not complete; `delivered: false` only when it surely never reached processing. */
  | { kind: 'transport'; error: TransportError; delivered: boolean; message: string; elapsedMs: number }
  /** an HTTP status other than 2xx. */
  | { kind: 'http'; httpStatus: number; raw: string; elapsedMs: number }
  /**
   * a 2xx answer that is not the JSON this method answers with (HTML from a proxy, truncated JSON, wrong types).
   * `result`: the result code when the envelope itself was readable (0 with a payload that cannot be stored).
   */
  | { kind: 'malformed'; httpStatus: number; raw: string; problem: string; elapsedMs: number; result?: number | undefined };

/** A raw exchange: the answer's text and status, before any interpretation. */
export type RawOutcome =
  | { kind: 'text'; httpStatus: number; raw: string; elapsedMs: number }
  | Extract<Outcome<never>, { kind: 'transport' | 'http' }>;

export interface ProcessingClientOptions {
  /** Base URL before /api/v20, e.g. https://processing.example.kz */
  baseUrl: string;
  token?: string | undefined;
  /** Header that carries the token; "Authorization" sends "Bearer <token>", any other header the bare token. */
  tokenHeader?: string | undefined;
  /** One deadline for the whole exchange: connect, headers and body (an answer that trickles in is cut off). */
  timeoutMs: number;
  maxSockets?: number | undefined;
  /** Told every outcome of every method (the terminal's connectivity learns from all of them). */
  onOutcome?: ((outcome: Outcome<unknown>) => void) | undefined;
}

/**
 * The most read of one answer, per method: a catalog of thousands of services is megabytes, a
 * payment's answer a few kilobytes. Past it the exchange is cut off (non-final: the body is repeated).
 */
export const MAX_ANSWER_BYTES: Readonly<Record<ProcessingMethod, number>> = {
  services: 32 * 1024 * 1024,
  service: 1024 * 1024,
  balance: 64 * 1024,
  check: 256 * 1024,
  pay: 256 * 1024,
  operatorByPhone: 64 * 1024,
};

export interface SendOptions {
  /** Epoch ms after which the exchange is abandoned (a caller's own deadline, e.g. --wait); the timeout applies too. */
  deadline?: number | undefined;
  /** Aborts the exchange (the terminal stopping). */
  signal?: AbortSignal | undefined;
}

export class ProcessingClient {
  private readonly http: AxiosInstance;
  private readonly agents: { http: http.Agent; https: https.Agent };

  constructor(readonly options: ProcessingClientOptions) {
    const base = options.baseUrl.replace(/\/+$/, '');
    const headers: Record<string, string> = {
      'Content-Type': 'application/json; charset=utf-8',
      Accept: 'application/json',
    };
    if (options.token) {
      const header = options.tokenHeader || 'Authorization';
      headers[header] = header.toLowerCase() === 'authorization' ? `Bearer ${options.token}` : options.token;
    }
    this.agents = {
      http: new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 16 }),
      https: new https.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 16 }),
    };
    this.http = axios.create({
      baseURL: `${base}/api/v20/`,
      // No socket-idle timeout: post() holds one deadline for the whole exchange.
      timeout: 0,
      headers,
      responseType: 'text',
      transformRequest: [(data: unknown) => data],
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxRedirects: 0,
      httpAgent: this.agents.http,
      httpsAgent: this.agents.https,
      proxy: false,
    });
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  /**
   * POSTs exact body text; the answer is returned as text with its status. One timer covers the
   * whole exchange (connect, headers, every byte of the body): when it fires the request is
   * aborted and the outcome is a timeout, which is non-final (processing may have the request).
   */
  async post(method: ProcessingMethod, bodyText: string, opts: SendOptions = {}): Promise<RawOutcome> {
    const started = performance.now();
    const budget = Math.min(this.options.timeoutMs, opts.deadline === undefined ? Infinity : opts.deadline - Date.now());
    if (budget <= 0) return { kind: 'transport', error: 'timeout', delivered: false, message: 'no time left to send it', elapsedMs: 0 };
    if (opts.signal?.aborted) return { kind: 'transport', error: 'stopped', delivered: false, message: 'the terminal is stopping', elapsedMs: 0 };
    const abort = new AbortController();
    let why: 'timeout' | 'stopped' | null = null;
    const timer = setTimeout(() => {
      why = 'timeout';
      abort.abort();
    }, budget);
    const onStop = () => {
      why ??= 'stopped';
      abort.abort();
    };
    opts.signal?.addEventListener('abort', onStop, { once: true });
    try {
      const res = await this.http.post<string>(method, bodyText, { signal: abort.signal, maxContentLength: MAX_ANSWER_BYTES[method] });
      const elapsedMs = performance.now() - started;
      this.noteServerDate(res.headers?.date, elapsedMs);
      const raw = typeof res.data === 'string' ? res.data : String(res.data ?? '');
      if (res.status < 200 || res.status > 299) return { kind: 'http', httpStatus: res.status, raw: raw.slice(0, 4096), elapsedMs };
      return { kind: 'text', httpStatus: res.status, raw, elapsedMs };
    } catch (err) {
      const elapsedMs = performance.now() - started;
      if (why === 'timeout') return { kind: 'transport', error: 'timeout', delivered: true, message: `no complete answer within ${Math.round(budget)} ms`, elapsedMs };
      if (why === 'stopped') return { kind: 'transport', error: 'stopped', delivered: true, message: 'the terminal stopped while waiting for the answer', elapsedMs };
      return { ...classifyTransportError(err, MAX_ANSWER_BYTES[method]), elapsedMs };
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onStop);
    }
  }

  private serverClock: { skewMs: number; at: number } | null = null;

  /**
   * How far this machine's clock is from processing's, from the Date header of its last answer
   * (positive: processing is ahead), accurate to a second and half the round trip; null before any.
   */
  clockSkew(): { skewMs: number; at: number } | null {
    return this.serverClock;
  }

  private noteServerDate(header: unknown, elapsedMs: number): void {
    const server = typeof header === 'string' ? Date.parse(header) : Number.NaN;
    if (Number.isNaN(server)) return;
    const now = Date.now();
    // The header was written about half the round trip ago, at a whole second (HTTP dates have no fraction).
    this.serverClock = { skewMs: server + 500 - (now - elapsedMs / 2), at: now };
  }

  async services(): Promise<Outcome<ServicesList>> {
    return this.call('services', '', acceptServices);
  }

  async service(serviceId: string): Promise<Outcome<ServicesList>> {
    return this.call('service', stringifyWire({ serviceId }), acceptServices);
  }

  async balance(): Promise<Outcome<AgentBalance>> {
    return this.call('balance', '', (payload) => zBalanceAnswer.parse(payload).agent);
  }

  async check(bodyText: string, opts: SendOptions = {}): Promise<Outcome<PaymentAnswer>> {
    return this.call('check', bodyText, (payload) => zPaymentAnswer.parse(payload), opts);
  }

  async pay(bodyText: string, opts: SendOptions = {}): Promise<Outcome<PaymentAnswer>> {
    return this.call('pay', bodyText, (payload) => zPaymentAnswer.parse(payload), opts);
  }

  async operatorByPhone(phoneNumber: string): Promise<Outcome<{ serviceId?: string | undefined }>> {
    return this.call('operatorByPhone', stringifyWire({ phoneNumber }), (payload) => zOperatorAnswer.parse(payload));
  }

  private async call<T>(method: ProcessingMethod, bodyText: string, accept: (payload: unknown) => T, opts: SendOptions = {}): Promise<Outcome<T>> {
    const sent = await this.post(method, bodyText, opts);
    const outcome = sent.kind === 'text' ? interpretAnswer(sent.raw, sent.httpStatus, sent.elapsedMs, accept) : sent;
    this.options.onOutcome?.(outcome);
    return outcome;
  }
}

export interface ServicesList {
  services: CatalogService[];
  /** Entries the terminal cannot use, with why: the rest of the catalog still works. */
  rejected: { index: number; serviceId: string | null; problem: string }[];
}

/**
 * Accepts a `services`/`service` answer's payload (throws when it is not one). A catalog that lists
 * one serviceId twice is refused whole (the cached one stays in use): which entry is the real one
 * cannot be known, and a second entry without inputs must never replace the real one's checks.
 */
export function acceptServices(payload: unknown): ServicesList {
  const list = parseServiceList(zServicesAnswer.parse(payload));
  const seen = new Set<string>();
  for (const id of [...list.services.map((s) => s.serviceId), ...list.rejected.map((r) => r.serviceId).filter((id): id is string => id !== null)]) {
    if (seen.has(id)) throw new Error(`the catalog lists service ${id.slice(0, 40)} more than once: refused`);
    seen.add(id);
  }
  return list;
}

/** One malformed service must not take the whole catalog down: it is set aside with its problem. */
function parseServiceList(entries: unknown[]): ServicesList {
  const out: ServicesList = { services: [], rejected: [] };
  entries.forEach((entry, index) => {
    const parsed = zService.safeParse(entry);
    if (parsed.success) out.services.push(parsed.data);
    else {
      const id = entry && typeof entry === 'object' && 'serviceId' in entry ? String((entry as { serviceId: unknown }).serviceId) : null;
      out.rejected.push({ index, serviceId: id, problem: formatZodError(parsed.error) });
    }
  });
  return out;
}

/** Turns answer text into an Outcome: envelope first, then the method's payload when result is 0. */
export function interpretAnswer<T>(raw: string, httpStatus: number, elapsedMs: number, accept: (payload: unknown) => T): Outcome<T> {
  let payload: unknown;
  try {
    payload = parseWire(raw);
  } catch (err) {
    const problem = err instanceof WireSyntaxError ? `not JSON: ${err.message}` : 'not JSON';
    return { kind: 'malformed', httpStatus, raw, problem: `${problem}${looksLikeHtml(raw) ? ' (an HTML page)' : ''}`, elapsedMs };
  }
  const envelope = zEnvelope.safeParse(payload);
  if (!envelope.success) {
    return { kind: 'malformed', httpStatus, raw, problem: `no valid result code: ${formatZodError(envelope.error)}`, elapsedMs };
  }
  const { result, resultMessage } = envelope.data;
  let value: T;
  try {
    value = accept(payload);
  } catch (err) {
    if (result === 0) {
      const problem = isZodError(err) ? formatZodError(err) : err instanceof Error ? err.message : String(err);
      return { kind: 'malformed', httpStatus, raw, problem, elapsedMs, result };
    }
    // A refusal need not carry the success payload.
    value = undefined as T;
  }
  return { kind: 'answer', httpStatus, result, resultMessage, value, raw, elapsedMs };
}

function looksLikeHtml(raw: string): boolean {
  return /^\s*<(!doctype|html|head|body)/i.test(raw);
}

function isZodError(err: unknown): err is z.ZodError {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'ZodError';
}

export function formatZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

function classifyTransportError(err: unknown, maxBytes: number): { kind: 'transport'; error: TransportError; delivered: boolean; message: string } {
  if (err instanceof AxiosError) {
    const code = err.code ?? '';
    const message = err.message;
    if (/maxContentLength/i.test(message) || code === 'ERR_FR_MAX_BODY_LENGTH_EXCEEDED') {
      return { kind: 'transport', error: 'too-large', delivered: true, message: `the answer is larger than ${Math.round(maxBytes / 1024)} KiB; cut off` };
    }
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(message)) {
      return { kind: 'transport', error: 'timeout', delivered: true, message };
    }
    if (code === 'ECONNREFUSED') return { kind: 'transport', error: 'refused', delivered: false, message };
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
      return { kind: 'transport', error: 'network', delivered: false, message };
    }
    if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up|aborted/i.test(message)) {
      return { kind: 'transport', error: 'reset', delivered: true, message };
    }
    if (code === 'ERR_BAD_RESPONSE') {
      return { kind: 'transport', error: 'reset', delivered: true, message };
    }
    return { kind: 'transport', error: 'network', delivered: true, message: `${code} ${message}`.trim() };
  }
  return { kind: 'transport', error: 'network', delivered: true, message: err instanceof Error ? err.message : String(err) };
}

/** A one-line human description of an outcome, for logs and the CLI. */
export function describeOutcome(outcome: Outcome<unknown>): string {
  switch (outcome.kind) {
    case 'answer':
      return `result ${outcome.result}${outcome.resultMessage ? ` (${outcome.resultMessage})` : ''}`;
    case 'transport':
      return `no answer: ${outcome.error} (${outcome.message})`;
    case 'http':
      return `HTTP ${outcome.httpStatus}`;
    case 'malformed':
      return `unreadable answer (HTTP ${outcome.httpStatus}): ${outcome.problem}`;
  }
}
