/**
 * The fleet server: terminals push heartbeats and events with their own token; operators watch and
 * command them from the fleet page with a session; anyone holding a receipt's code sees that payment's
 * state. Plain HTTP on the given address: put TLS in front of it (a reverse proxy, docs/fleet.md).
 * Everything it knows is in PostgreSQL (FleetStore): it can be killed at any moment and several can run.
 *
 * Who can do what:
 *   a terminal's token   POST heartbeat and events, for itself only (the token says which terminal)
 *   an operator session  read the fleet, send commands, add terminals (cookie, or Bearer for scripts)
 *   nobody               GET /p/<terminal>/<reference>?c=<code>: one payment's state, no personal data
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { DEFAULT_ALERT_RULES, type AlertRules } from './alerts.js';
import { FleetInputError, FleetStore } from './fleet-store.js';
import { publicPaymentPage } from './public-page.js';
import { contentType, CSP, rendererDir, resolveStaticFile } from '../host/static-files.js';
import type { FleetView } from '../../shared/fleet/views.js';
import { COMMAND_KINDS, FLEET_API, MAX_BODY_BYTES, zEventBatch, zHeartbeat, type HeartbeatAnswer } from '../../shared/fleet/protocol.js';

export interface FleetServerOptions {
  store: FleetStore;
  port?: number;
  host?: string;
  rules?: Partial<AlertRules>;
  /** The agent's zone for the day's totals. */
  timeZone?: string;
  /** How often this server looks for terminals gone silent. */
  sweepMs?: number;
  /** Cookies only over HTTPS (behind a TLS proxy). */
  secureCookies?: boolean;
  log?: (msg: string, data?: Record<string, unknown>) => void;
}

export interface RunningFleetServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const SESSION_COOKIE = 'tolem_fleet';

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: http.IncomingMessage): Promise<unknown> {
  return readText(req).then((text) => {
    if (!text) return {};
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new HttpError(400, 'the body is not JSON');
    }
  });
}

function readText(req: http.IncomingMessage): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return reject(new HttpError(413, `the body is over ${MAX_BODY_BYTES} bytes`));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, `the body is over ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('error', reject);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function parseWith<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) throw new HttpError(400, `bad request: ${r.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(body)'} ${i.message}`).join('; ')}`);
  return r.data;
}

function bearer(req: http.IncomingMessage): string | null {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(h) : null;
  return m ? m[1]! : null;
}

function cookie(req: http.IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=') || null;
  }
  return null;
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(text);
}

const zLogin = z.object({ name: z.string().max(64), password: z.string().max(256) });
const zNewCommand = z.object({ kind: z.enum(COMMAND_KINDS), args: z.record(z.string(), z.unknown()).default({}) });
const zNewTerminal = z.object({ id: z.string().regex(/^\d{1,18}$/, 'is up to 18 digits'), name: z.string().min(1).max(100) });

export async function startFleetServer(o: FleetServerOptions): Promise<RunningFleetServer> {
  const rules: AlertRules = { ...DEFAULT_ALERT_RULES, ...o.rules };
  const store = o.store;
  const log = o.log ?? (() => undefined);
  const timeZone = o.timeZone ?? 'Asia/Almaty';
  const webDir = rendererDir(path.dirname(fileURLToPath(import.meta.url)), 'fleet-web');

  async function terminalOf(req: http.IncomingMessage): Promise<string> {
    const token = bearer(req);
    const id = token ? await store.terminalByToken(token) : null;
    if (!id) throw new HttpError(401, 'a terminal token is required (Authorization: Bearer …)');
    return id;
  }

  async function operatorOf(req: http.IncomingMessage): Promise<string> {
    const token = cookie(req, SESSION_COOKIE) ?? bearer(req);
    const name = token ? await store.operatorBySession(token) : null;
    if (!name) throw new HttpError(401, 'sign in as an operator');
    // A page on another site cannot send this header without the browser asking first (CSRF).
    if (req.method !== 'GET' && req.headers['x-fleet-request'] !== '1') throw new HttpError(403, 'the X-Fleet-Request header is required');
    return name;
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fleet');
    const p = url.pathname;
    const m = req.method ?? 'GET';
    if (p === `${FLEET_API}/heartbeat` && m === 'POST') {
      const id = await terminalOf(req);
      const hb = parseWith(zHeartbeat, await readBody(req));
      const commands = await store.heartbeat(id, hb, rules);
      const answer: HeartbeatAnswer = { commands, serverTime: new Date().toISOString() };
      return send(res, 200, answer);
    }
    if (p === `${FLEET_API}/events` && m === 'POST') {
      const token = bearer(req);
      if (!token) throw new HttpError(401, 'a terminal token is required (Authorization: Bearer …)');
      const text = await readText(req);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new HttpError(400, 'the body is not JSON');
      }
      parseWith(zEventBatch, body);
      // Checked whole, the batch goes to PostgreSQL as the text it came in (its shape is the schema's:
      // strict objects, no other keys); the token is checked in the statement that stores it.
      const lastSeq = await store.ingest(token, text);
      if (lastSeq === null) throw new HttpError(401, 'a terminal token is required (Authorization: Bearer …)');
      return send(res, 200, { lastSeq });
    }
    if (p === `${FLEET_API}/login` && m === 'POST') {
      const b = parseWith(zLogin, await readBody(req));
      const token = await store.login(b.name, b.password);
      if (!token) throw new HttpError(401, 'wrong name or password');
      log('operator signed in', { operator: b.name });
      return send(res, 200, { operator: b.name }, { 'set-cookie': `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict${o.secureCookies ? '; Secure' : ''}` });
    }
    if (p === `${FLEET_API}/logout` && m === 'POST') {
      const token = cookie(req, SESSION_COOKIE);
      if (token) await store.logout(token);
      return send(res, 200, {}, { 'set-cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0` });
    }
    if (p === `${FLEET_API}/me` && m === 'GET') return send(res, 200, { operator: await operatorOf(req) });
    if (p === `${FLEET_API}/fleet` && m === 'GET') {
      await operatorOf(req);
      const view: FleetView = { terminals: await store.terminals(), cleared: await store.clearedAlerts(), rules, timeZone, now: new Date().toISOString() };
      return send(res, 200, view);
    }
    if (p === `${FLEET_API}/totals` && m === 'GET') {
      await operatorOf(req);
      const days = Math.min(366, Math.max(1, Number(url.searchParams.get('days') ?? 7) || 7));
      return send(res, 200, await store.totals(timeZone, days));
    }
    if (p === `${FLEET_API}/terminals` && m === 'POST') {
      const operator = await operatorOf(req);
      const b = parseWith(zNewTerminal, await readBody(req));
      const token = await store.addTerminal(b.id, b.name);
      log('terminal added', { operator, terminalId: b.id });
      return send(res, 200, { id: b.id, token });
    }
    const timeline = new RegExp(`^${FLEET_API}/terminals/(\\d{1,18})/timeline$`).exec(p);
    if (timeline && m === 'GET') {
      await operatorOf(req);
      return send(res, 200, { entries: await store.timeline(timeline[1]!) });
    }
    const commands = new RegExp(`^${FLEET_API}/terminals/(\\d{1,18})/commands$`).exec(p);
    if (commands && m === 'POST') {
      const operator = await operatorOf(req);
      const b = parseWith(zNewCommand, await readBody(req));
      const id = await store.sendCommand(operator, commands[1]!, b.kind, b.args);
      log('command sent', { operator, terminalId: commands[1], kind: b.kind, id });
      return send(res, 200, { id });
    }
    const command = new RegExp(`^${FLEET_API}/commands/([0-9a-f-]{36})$`).exec(p);
    if (command && m === 'GET') {
      await operatorOf(req);
      const c = await store.command(command[1]!);
      if (!c) throw new HttpError(404, 'no such command');
      return send(res, 200, c);
    }
    const pub = /^\/p\/(\d{1,18})\/(\d{1,24})$/.exec(p);
    if (pub && m === 'GET') {
      const view = await store.publicPayment(pub[1]!, pub[2]!, url.searchParams.get('c') ?? '');
      if (!view) throw new HttpError(404, 'not found');
      const html = publicPaymentPage(view, { lang: url.searchParams.get('lang') ?? req.headers['accept-language'] ?? 'ru', timeZone });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'", 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff' });
      res.end(html);
      return;
    }
    if (p === '/healthz' && m === 'GET') {
      await store.pool.query('SELECT 1');
      return send(res, 200, { ok: true });
    }
    if (m === 'GET' && !p.startsWith('/api/')) {
      const file = webDir ? resolveStaticFile(webDir, p) ?? (path.extname(p) ? null : path.join(webDir, 'index.html')) : null;
      if (!file) throw new HttpError(404, webDir ? 'not found' : 'the fleet page is not built (npm run build)');
      res.writeHead(200, { 'content-type': contentType(file), 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' });
      fs.createReadStream(file).pipe(res);
      return;
    }
    throw new HttpError(404, 'not found');
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (res.headersSent) return res.destroy();
      if (err instanceof HttpError) return send(res, err.status, { error: err.message });
      if (err instanceof FleetInputError) return send(res, 400, { error: err.message });
      // PostgreSQL unreachable or restarting: the terminal tries again, nothing it sent is lost.
      log('request failed', { path: req.url, error: err instanceof Error ? err.message : String(err) });
      send(res, 503, { error: 'the fleet database is unavailable, try again' });
    });
  });
  // An answer that trickles in is not waited for forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
  });
  const sweep = setInterval(() => {
    store.sweepOffline(rules).catch((err: unknown) => log('offline sweep failed', { error: err instanceof Error ? err.message : String(err) }));
  }, o.sweepMs ?? 15_000);
  sweep.unref();
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${o.host && o.host !== '0.0.0.0' ? o.host : '127.0.0.1'}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweep);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
