/**
 * The IPC boundary, shared by the Electron host and the browser host: checks who is calling,
 * parses the arguments of the named channel with its schema, runs the handler, and answers with an
 * envelope. Raw ipcMain / HTTP code only calls this.
 */
import { formatZodError } from '../processing/client.js';
import { InputError, RefusedError } from '../payments/payment-engine.js';
import { CashError } from '../cash/cash-box.js';
import { channels, isChannel, type Envelope } from '../../shared/ipc/contract.js';
import { NotFoundError, PinError, type Handlers } from './handlers.js';
import { PayoutInputError } from '../payouts/payout-engine.js';
import { isDiskFull } from '../store/database.js';

/**
 * Whether a frame's URL belongs to the terminal's own renderer: its origin must be exactly one of
 * `trustedOrigins` ("tolem://app" in Electron, "http://127.0.0.1:PORT" in the browser host).
 * Anything else (another site, a file:// page, a look-alike host, a missing URL) is refused.
 */
export function isTrustedSender(frameUrl: unknown, trustedOrigins: readonly string[]): boolean {
  if (typeof frameUrl !== 'string' || frameUrl === '') return false;
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  const origin = url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : `${url.protocol}//${url.host}`;
  return trustedOrigins.includes(origin);
}

export type Dispatch = (channel: unknown, args: unknown, frameUrl: unknown) => Promise<Envelope<unknown>>;

export function createDispatcher(handlers: Handlers, trustedOrigins: readonly string[], onInternalError?: (err: unknown) => void): Dispatch {
  return async (channel, args, frameUrl) => {
    if (!isTrustedSender(frameUrl, trustedOrigins)) {
      return { ok: false, error: { code: 'forbidden', message: 'this page may not drive the terminal' } };
    }
    if (!isChannel(channel)) return { ok: false, error: { code: 'unknown-channel', message: `no channel ${JSON.stringify(channel)}` } };
    const parsed = channels[channel].safeParse(args ?? {});
    if (!parsed.success) return { ok: false, error: { code: 'bad-request', message: formatZodError(parsed.error) } };
    try {
      const handler = handlers[channel] as (a: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      if (err instanceof InputError) return { ok: false, error: { code: 'input', message: err.message, problems: err.problems, reason: err.stage === 'after-check' ? 'input-after-check' : 'input' } };
      if (err instanceof RefusedError) return { ok: false, error: { code: 'refused', message: err.message, reason: err.code } };
      if (err instanceof CashError) return { ok: false, error: { code: 'input', message: err.message, problems: [err.message], reason: `cash-${err.code}` } };
      if (err instanceof PayoutInputError) return { ok: false, error: { code: 'input', message: err.message, problems: err.problems, reason: `payout-${err.problems[0] ?? 'input'}` } };
      if (err instanceof PinError) return { ok: false, error: { code: 'refused', message: err.message, reason: err.reason, params: err.params } };
      if (isDiskFull(err)) return { ok: false, error: { code: 'refused', message: 'the journal\'s disk is full', reason: 'disk-full' } };
      if (err instanceof NotFoundError) return { ok: false, error: { code: 'not-found', message: err.message } };
      if (err instanceof Error && err.name === 'CatalogUnavailableError') return { ok: false, error: { code: 'unavailable', message: err.message } };
      onInternalError?.(err);
      return { ok: false, error: { code: 'internal', message: 'the terminal could not do that; the error is logged' } };
    }
  };
}
