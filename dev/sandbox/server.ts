/**
 * The sandbox over real HTTP on loopback: processing at /api/v20/*, the payouts module at
 * /payouts/api/v2/*. Started in-process when no processing URL is configured, or standalone by
 * `tolem sandbox --port N`.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ProcessingEmulator, type Violation } from './processing.js';
import { PayoutsEmulator } from './payouts.js';
import { MemoryStore, SqliteStore, type SandboxStore } from './store.js';
import type { SandboxService } from './catalog.js';

export interface SandboxOptions {
  host?: string;
  port?: number;
  /** A SQLite file for the sandbox's ledger; in memory when absent. */
  dataFile?: string | null;
  token?: string | null;
  tokenHeader?: string;
  payoutsUserName?: string;
  payoutsPassword?: string;
  services?: SandboxService[];
  onRequest?: (method: string, body: string) => void;
  onViolation?: (v: Violation) => void;
}

export interface RunningSandbox {
  url: string;
  port: number;
  processing: ProcessingEmulator;
  payouts: PayoutsEmulator;
  store: SandboxStore;
  close(): Promise<void>;
}

export const SANDBOX_TOKEN = 'tolem-sandbox-token';
export const SANDBOX_PAYOUTS_USER = 'tolem_sandbox';
export const SANDBOX_PAYOUTS_PASSWORD = 'sandbox-password';
const MAX_BODY = 1024 * 1024;

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const store: SandboxStore = options.dataFile ? new SqliteStore(options.dataFile) : new MemoryStore();
  let baseUrl = '';
  const processing = new ProcessingEmulator({
    store,
    services: options.services,
    token: options.token === undefined ? SANDBOX_TOKEN : options.token,
    tokenHeader: options.tokenHeader ?? 'Authorization',
    onViolation: options.onViolation ?? ((v) => process.stderr.write(`sandbox: CLIENT VIOLATION ${v.kind} for ${v.agentTransactionId}: ${v.detail}\n`)),
  });
  const payouts = new PayoutsEmulator({
    store,
    userName: options.payoutsUserName ?? SANDBOX_PAYOUTS_USER,
    password: options.payoutsPassword ?? SANDBOX_PAYOUTS_PASSWORD,
    baseUrl: () => baseUrl,
  });
  const sockets = new Set<Socket>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        res.writeHead(413).end();
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://sandbox');
      try {
        route(req, res, url, raw);
      } catch (err) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`sandbox error: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  });

  function route(req: http.IncomingMessage, res: http.ServerResponse, url: URL, raw: string): void {
    const api = /^\/api\/v20\/([A-Za-z]+)$/.exec(url.pathname);
    if (api && req.method === 'POST') {
      const method = api[1] ?? '';
      options.onRequest?.(method, raw);
      if (!processing.authorised(req.headers)) {
        send(res, 401, 'application/json', '{"result":300,"resultMessage":"token is missing or not confirmed"}');
        return;
      }
      const reply = processing.handle(method, raw);
      switch (reply.kind) {
        case 'reset':
          req.socket.destroy();
          return;
        case 'hang':
          return;
        case 'truncated':
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(reply.body) * 2 });
          res.write(reply.body);
          setTimeout(() => req.socket.destroy(), 20);
          return;
        case 'body':
          if (reply.delayMs) setTimeout(() => send(res, reply.status, reply.contentType, reply.body), reply.delayMs);
          else send(res, reply.status, reply.contentType, reply.body);
          return;
      }
    }
    if (url.pathname === '/payouts/api/v2/echo' && req.method === 'GET') {
      const r = payouts.echo();
      send(res, r.status, r.contentType, r.body);
      return;
    }
    const po = /^\/payouts\/api\/v2\/([A-Za-z]+\.do)$/.exec(url.pathname);
    if (po && req.method === 'POST') {
      const r = payouts.handle(po[1] ?? '', raw);
      if (r.fault === 'reset') req.socket.destroy();
      else if (r.fault !== 'hang') send(res, r.status, r.contentType, r.body);
      return;
    }
    if (url.pathname === '/payouts/sandbox/done' && req.method === 'GET') {
      send(res, 200, 'text/html; charset=utf-8', '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Выплата</title></head><body><h1>Спасибо. Результат выплаты — на экране терминала.</h1></body></html>');
      return;
    }
    if (url.pathname === '/payouts/sandbox/payment_ru.html' && req.method === 'GET') {
      const order = url.searchParams.get('mdOrder') ?? '';
      send(res, 200, 'text/html; charset=utf-8', cardPage(order));
      return;
    }
    if (url.pathname === '/payouts/sandbox/complete' && req.method === 'POST') {
      const form = new URLSearchParams(raw);
      const order = payouts.completeRegistered(form.get('mdOrder') ?? '', (form.get('pan') ?? '').replace(/\s/g, ''));
      send(res, order ? 200 : 404, 'text/plain; charset=utf-8', order ? `orderStatus ${order.orderStatus}` : 'order not found');
      return;
    }
    if (url.pathname === '/sandbox/state' && req.method === 'GET') {
      send(res, 200, 'application/json', JSON.stringify({ ledger: processing.ledger().map(({ firstPayBody: _b, ...rest }) => rest), violations: processing.violations(), payouts: payouts.orders() }));
      return;
    }
    send(res, 404, 'text/plain', 'not found');
  }

  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    url: baseUrl,
    port,
    processing,
    payouts,
    store,
    close: () =>
      new Promise<void>((resolve) => {
        payouts.close();
        for (const s of sockets) s.destroy();
        server.close(() => {
          store.close();
          resolve();
        });
      }),
  };
}

function send(res: http.ServerResponse, status: number, contentType: string, body: string): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function cardPage(orderId: string): string {
  const safe = orderId.replace(/[^0-9a-f-]/gi, '');
  return `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Выплата на карту (песочница)</title></head>
<body><h1>Выплата на карту — песочница банка</h1><form method="post" action="/payouts/sandbox/complete">
<input type="hidden" name="mdOrder" value="${safe}"><label>Номер карты <input name="pan" inputmode="numeric" autocomplete="off"></label>
<button type="submit">Получить выплату</button></form></body></html>`;
}
