/**
 * The browser host's side of the contract: POST /ipc/<channel> and a WebSocket on /events, both
 * carried by an HttpOnly session cookie this page never sees. The cookie is had once, by exchanging
 * the single-use start token that arrives in the URL fragment (POST /session); the token is removed
 * from the address bar at once. A reload keeps the cookie.
 */
import type { Channel, Envelope, EventListener, TerminalEvent, TolemApi, TolemBridge } from '../../../shared/ipc/contract';

// Every channel of the contract, checked by the compiler: a new channel missing here fails typecheck.
const CHANNELS = Object.keys({
  'terminal.status': 1, 'terminal.screen': 1, 'catalog.get': 1, 'catalog.logos': 1, 'operator.byPhone': 1, 'payment.check': 1, 'payment.pay': 1, 'payment.quote': 1, 'payment.get': 1,
  'payment.retryNow': 1, 'journal.list': 1, 'journal.totals': 1, 'receipt.print': 1, 'receipt.preview': 1, 'printer.test': 1, 'cash.insert': 1, 'cash.unpaid': 1, 'cash.settle': 1, 'cash.release': 1, 'cash.progress': 1, 'cash.accept': 1, 'cash.stop': 1, 'device.status': 1, 'device.test': 1, 'till.report': 1, 'till.close': 1, 'till.openShift': 1, 'till.shifts': 1, 'till.history': 1, 'till.closed': 1, 'payout.quote': 1, 'payout.start': 1, 'payout.check': 1, 'payout.list': 1, 'payout.print': 1, 'payouts.health': 1, 'admin.info': 1, 'admin.exit': 1,
} satisfies Record<Channel, 1>) as Channel[];

/** Why this page has no session: its start link was spent before, or it came without one. */
let sessionProblem: 'link-used' | 'no-session' | null = null;

/** Exchanges the start token (if this load has one) for the session cookie; resolves either way. */
function startSession(): Promise<void> {
  const m = /(?:^|[#&])start=([0-9a-f]{64})/.exec(window.location.hash);
  if (!m?.[1]) return Promise.resolve();
  history.replaceState(null, '', window.location.pathname);
  return fetch('/session', { method: 'POST', headers: { 'x-tolem-start': m[1] }, credentials: 'same-origin' }).then(
    async (res) => {
      if (res.status !== 401) return;
      // This page is not the first to open the link (a second tab, a bookmark): it will not drive the terminal.
      const body = (await res.json().catch(() => null)) as Envelope<unknown> | null;
      sessionProblem = body && !body.ok && /used already/.test(body.error.message) ? 'link-used' : 'no-session';
    },
    () => undefined,
  );
}

export function browserBridge(): TolemBridge {
  const session = startSession();
  const invoke = async (channel: Channel, args: unknown): Promise<Envelope<unknown>> => {
    try {
      await session;
      const res = await fetch(`/ipc/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json' }, credentials: 'same-origin', body: JSON.stringify(args ?? {}) });
      if (res.status === 401) sessionProblem ??= 'no-session';
      return (await res.json()) as Envelope<unknown>;
    } catch {
      return { ok: false, error: { code: 'unavailable', message: 'the terminal does not answer' } };
    }
  };
  const api = Object.fromEntries(CHANNELS.map((c) => [c, (args: unknown) => invoke(c, args)])) as unknown as TolemApi;

  const listeners = new Set<EventListener>();
  let retryMs = 500;
  const connect = () => {
    // No session (a used link, or none): the socket would be refused forever.
    if (sessionProblem) return;
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/events`, ['tolem']);
    ws.onopen = () => {
      retryMs = 500;
      // Whatever happened while the socket was down: ask again.
      for (const l of listeners) l({ type: 'status' });
    };
    ws.onmessage = (m) => {
      let e: TerminalEvent;
      try {
        e = JSON.parse(String(m.data)) as TerminalEvent;
      } catch {
        return;
      }
      for (const l of listeners) l(e);
    };
    ws.onclose = () => {
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    };
  };
  void session.then(connect);
  return {
    api,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sessionProblem: () => sessionProblem,
  };
}
