/**
 * The browser host: the same IPC contract served over HTTP on loopback, so the unchanged renderer
 * runs in plain Chromium (Linux kiosks often run Chromium in kiosk mode). Bound to 127.0.0.1 only.
 *
 * Who may drive the terminal: the URL printed and passed to Chromium carries a single-use start
 * token in its fragment. The page exchanges it once (POST /session) for a session cookie that is
 * HttpOnly (no script reads it) and SameSite=Strict (no other site sends it); every call and the
 * events socket need that cookie. So what any local user can read (Chromium's command line, the
 * terminal's output) is useless once the page has started. The Origin and Host headers must be this
 * host's own, so no other local page, and no DNS-rebinding site, can drive the terminal.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Dispatch } from '../../ipc/dispatch.js';
import { secretEquals } from '../../base/secret.js';
import type { Handlers } from '../../ipc/handlers.js';
import type { TerminalEvents } from '../../app/events.js';
import { contentType, CSP, resolveStaticFile } from '../static-files.js';

/** The WebSocket subprotocol a page offers for events. */
export const EVENTS_PROTOCOL = 'tolem';
/** The session cookie: HttpOnly, SameSite=Strict, this host only. */
export const SESSION_COOKIE = 'tolem_session';

export interface BrowserHost {
  origin: string;
  /** The URL to open: the origin with the single-use start token in the fragment. */
  url: string;
  /** The start token (valid for one exchange). */
  startToken: string;
  /** Settles when a page has spent the start token for its session. */
  spent: Promise<void>;
  close(): Promise<void>;
}

function cookieValue(header: string | undefined, name: string): string {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return '';
}

export { CSP };
const MAX_BODY = 256 * 1024;

/**
 * `handlers` may still be on their way (the terminal opening): the page is served at once and its
 * first calls wait for them, so Chromium loads the screens while the terminal starts.
 */
export async function startBrowserHost(opts: { handlers: Handlers | Promise<Handlers>; events?: TerminalEvents | Promise<TerminalEvents>; staticDir: string | null; port?: number; onInternalError?: (err: unknown) => void }): Promise<BrowserHost> {
  let startToken: string | null = crypto.randomBytes(32).toString('hex');
  const issuedToken = startToken;
  let markSpent: () => void = () => undefined;
  const spent = new Promise<void>((resolve) => (markSpent = resolve));
  const sessions: string[] = [];
  const hasSession = (cookieHeader: string | undefined) => {
    const given = cookieValue(cookieHeader, SESSION_COOKIE);
    return given !== '' && sessions.some((s) => secretEquals(given, s));
  };
  let origin = '';
  let host = '';
  // Made once the origin is known (after listen, before any request can arrive).
  let ready: Promise<Dispatch> | null = null;
  const dispatch = async (channel: unknown, args: unknown, frameUrl: unknown) => {
    if (!ready) throw new Error('the browser host is not listening yet');
    return (await ready)(channel, args, frameUrl);
  };

  const server = http.createServer((req, res) => {
    const send = (status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': type, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store', ...extra });
      res.end(body);
    };
    const envelope = (status: number, value: unknown) => send(status, 'application/json; charset=utf-8', JSON.stringify(value));
    if (req.headers.host !== host) {
      envelope(421, { ok: false, error: { code: 'forbidden', message: 'wrong host' } });
      return;
    }
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/session' && req.method === 'POST') {
      // The single-use exchange: the start token for a session cookie, from this host's own page only.
      const given = String(req.headers['x-tolem-start'] ?? '');
      if (req.headers.origin !== origin || startToken === null || !secretEquals(given, startToken)) {
        envelope(401, { ok: false, error: { code: 'forbidden', message: startToken === null ? 'this start link was used already' : 'this page may not drive the terminal' } });
        return;
      }
      startToken = null;
      markSpent();
      const session = crypto.randomBytes(32).toString('hex');
      sessions.push(session);
      send(204, 'text/plain', '', { 'set-cookie': `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/` });
      return;
    }
    const ipc = /^\/ipc\/([A-Za-z.]+)$/.exec(url.pathname);
    if (ipc && req.method === 'POST') {
      if (!hasSession(req.headers.cookie)) {
        envelope(401, { ok: false, error: { code: 'forbidden', message: 'this page may not drive the terminal' } });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) req.destroy();
        else chunks.push(c);
      });
      req.on('end', () => {
        let args: unknown;
        try {
          args = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
        } catch {
          envelope(400, { ok: false, error: { code: 'bad-request', message: 'the body is not JSON' } });
          return;
        }
        // The Origin header is the calling page's: the dispatcher's sender check applies to it.
        dispatch(ipc[1], args, req.headers.origin ? `${req.headers.origin}/` : undefined).then(
          (r) => envelope(r.ok ? 200 : r.error.code === 'forbidden' ? 403 : 200, r),
          () => envelope(503, { ok: false, error: { code: 'unavailable', message: 'the terminal could not start: see the log' } }),
        );
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(405, 'text/plain', 'method not allowed');
      return;
    }
    if (!opts.staticDir) {
      send(404, 'text/plain; charset=utf-8', 'the renderer is not built');
      return;
    }
    const file = resolveStaticFile(opts.staticDir, url.pathname);
    if (!file) {
      send(404, 'text/plain', 'not found');
      return;
    }
    send(200, contentType(file), fs.readFileSync(file), { 'content-security-policy': CSP, 'x-frame-options': 'DENY' });
  });

  // Events: a WebSocket on /events, for this host's own page only (Host, Origin and the secret).
  let wss: Promise<WebSocketServer> | null = null;
  const socketServer = () =>
    (wss ??= import('ws').then(({ WebSocketServer: Server }) => new Server({ noServer: true, maxPayload: 1024, handleProtocols: (protocols) => (protocols.has(EVENTS_PROTOCOL) ? EVENTS_PROTOCOL : false) })));
  const sockets = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.headers.host !== host || req.headers.origin !== origin || pathname !== '/events' || !hasSession(req.headers.cookie)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    void socketServer().then((server) =>
      server.handleUpgrade(req, socket, head, (ws) => {
        sockets.add(ws);
        ws.on('close', () => sockets.delete(ws));
        ws.on('error', () => sockets.delete(ws));
        // The page only listens; anything it sends is ignored.
      }),
    );
  });
  let unsubscribe: (() => void) | undefined;
  void Promise.resolve(opts.events).then(
    (events) => {
      unsubscribe = events?.on((e) => {
        const text = JSON.stringify(e);
        for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
      });
    },
    () => undefined, // the terminal could not open: its opener reports why
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  host = `127.0.0.1:${port}`;
  origin = `http://${host}`;
  // The dispatcher (and the domain behind it) is loaded after the host listens: the page's files are
  // served meanwhile.
  ready = Promise.all([opts.handlers, import('../../ipc/dispatch.js')]).then(([h, d]) => d.createDispatcher(h, [origin], opts.onInternalError));
  ready.catch(() => undefined); // calls meanwhile are answered 503; the opener reports why
  return {
    origin,
    url: `${origin}/#start=${issuedToken}`,
    startToken: issuedToken,
    spent,
    close: () => {
      unsubscribe?.();
      for (const ws of sockets) ws.terminate();
      void wss?.then((server) => server.close());
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
