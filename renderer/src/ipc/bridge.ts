/**
 * The renderer's one way to the terminal: in Electron the preload's `window.tolem`; in the browser
 * host an HTTP/WebSocket bridge to the same contract. Stores call `api`, never `window.*`.
 */
import type { Channel, Envelope, EventListener, Results, TolemApi, TolemBridge, Args } from '../../../shared/ipc/contract';
import { browserBridge } from './browser-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser host. */
    tolem?: TolemBridge;
  }
}

const bridge: TolemBridge = window.tolem ?? browserBridge();

export const api: TolemApi = bridge.api;
export const onEvent = (listener: EventListener): (() => void) => bridge.onEvent(listener);
/** The browser host: why this page cannot drive the terminal (its start link was used, or it had none); null otherwise. */
export const sessionProblem = (): 'link-used' | 'no-session' | null => bridge.sessionProblem?.() ?? null;

/**
 * An error from the terminal. The screens say `reason` in the person's language (see
 * format/error.ts); `message` and `problems` are the terminal's own words, for logs, never shown.
 */
export class CallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly problems: string[] = [],
    readonly reason: string | null = null,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

/** Calls a channel and unwraps its envelope: the value, or a CallError. */
export async function call<C extends Channel>(channel: C, args: Args<C>): Promise<Results[C]> {
  const fn = api[channel] as (a: Args<C>) => Promise<Envelope<Results[C]>>;
  const r = await fn(args);
  if (r.ok) return r.value;
  throw new CallError(r.error.code, r.error.message, r.error.problems ?? [], r.error.reason ?? null, r.error.params ?? {});
}
