/**
 * The browser host: only the page it served, holding the session cookie it got for this start's
 * single-use token, can drive the terminal.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CSP, startBrowserHost, type BrowserHost } from '../../main/host/browser/server.js';
import { createHandlers } from '../../main/ipc/handlers.js';
import { startHarness, tempDir, type Harness } from '../helpers/harness.js';

let h: Harness;
let host: BrowserHost;
let staticDir: string;
beforeAll(async () => {
  h = await startHarness();
  staticDir = tempDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Tolem</title>');
  fs.writeFileSync(path.join(path.dirname(staticDir), 'outside-secret.txt'), 'not for the browser');
  host = await startBrowserHost({ handlers: createHandlers(h.terminal), events: h.terminal.events, staticDir });
  // The page's own first step, as the bridge takes it: every test below starts from that cookie.
  cookie = String((await exchange(host.startToken)).headers['set-cookie'] ?? '').split(';')[0]!;
});
afterAll(async () => {
  await host.close();
  await h.close();
});

function request(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const u = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname: u.hostname, port: u.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const ipc = (channel: string, args: unknown, headers: Record<string, string>) =>
  request({ method: 'POST', path: `/ipc/${channel}`, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(args) });

/** The page's own exchange: the start token for the session cookie (what the bridge does on its first load). */
let cookie = '';
async function exchange(token: string, origin = host.origin) {
  return request({ method: 'POST', path: '/session', headers: { origin, 'x-tolem-start': token } });
}

describe('browser host', () => {
  it('is bound to loopback and hands out a single-use start token, only in the URL fragment', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url).toBe(`${host.origin}/#start=${host.startToken}`);
    expect(host.startToken).toMatch(/^[0-9a-f]{64}$/);
  });

  it('exchanges the start token once, from its own page only, for an HttpOnly, SameSite=Strict session cookie; the printed URL is useless after', async () => {
    const own = await startBrowserHost({ handlers: createHandlers(h.terminal), staticDir });
    try {
      const post = (token: string, origin = own.origin) => {
        const u = new URL(own.origin);
        return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
          const req = http.request({ hostname: u.hostname, port: u.port, method: 'POST', path: '/session', headers: { origin, 'x-tolem-start': token } }, (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
          });
          req.on('error', reject);
          req.end();
        });
      };
      expect((await post(own.startToken, 'http://evil.example')).status).toBe(401);
      expect((await post('f'.repeat(64))).status).toBe(401);
      const first = await post(own.startToken);
      expect(first.status).toBe(204);
      expect(String(first.headers['set-cookie'] ?? '')).toMatch(/^tolem_session=[0-9a-f]{64}; HttpOnly; SameSite=Strict; Path=\/$/);
      // Whoever read the URL from Chromium's command line or the terminal's output gets nothing now.
      const again = await post(own.startToken);
      expect(again.status).toBe(401);
      expect(JSON.parse(again.body)).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/used already/) } });
      expect(again.headers['set-cookie']).toBeUndefined();
    } finally {
      await own.close();
    }
  });

  it('answers its own page that holds the session cookie', async () => {
    const r = await ipc('terminal.status', {}, { origin: host.origin, cookie });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { online: expect.any(String), mode: 'cashier' } });
  });

  it.each([
    ['no cookie', { origin: 'SELF' }, 401],
    ['a wrong cookie', { origin: 'SELF', cookie: `tolem_session=${'f'.repeat(64)}` }, 401],
    ['the start token instead of a cookie', { origin: 'SELF', 'x-tolem-start': 'TOKEN', cookie: 'tolem_session=TOKEN' }, 401],
    ['another local page with the cookie', { origin: 'http://127.0.0.1:9', cookie: 'COOKIE' }, 403],
    ['no Origin at all', { cookie: 'COOKIE' }, 403],
  ])('refuses %s, and nothing reaches processing', async (_what, headers, status) => {
    const sent = h.requests.length;
    const resolved = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v === 'SELF' ? host.origin : v === 'COOKIE' ? cookie : v.replace('TOKEN', host.startToken)]));
    const r = await ipc('payment.check', { serviceId: 'P1011', account: '7771234567' }, resolved);
    expect(r.status).toBe(status);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(h.requests.length).toBe(sent);
  });

  it('refuses a request for another host name (DNS rebinding)', async () => {
    const r = await request({ method: 'POST', path: '/ipc/terminal.status', headers: { host: 'evil.example:80', origin: 'http://evil.example', cookie } });
    expect(r.status).toBe(421);
  });

  it('serves the renderer with a strict CSP, and nothing outside its folder', async () => {
    const index = await request({ path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toBe(CSP);
    expect(index.headers['x-frame-options']).toBe('DENY');
    expect((await request({ path: '/../outside-secret.txt' })).status).toBe(404);
    expect((await request({ path: '/%2e%2e/outside-secret.txt' })).status).toBe(404);
    expect((await request({ path: '/..%2Foutside-secret.txt' })).status).toBe(404);
  });

  it('a body that is not JSON is a bad request', async () => {
    const r = await request({ method: 'POST', path: '/ipc/terminal.status', headers: { origin: host.origin, cookie }, body: '{nope' });
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});

describe('events over the WebSocket', () => {
  const connect = (headers: Record<string, string>) =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/events`, ['tolem'], { headers });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });

  it('the page with the session cookie hears that a payment changed state', async () => {
    const ws = await connect({ origin: host.origin, cookie });
    const heard: unknown[] = [];
    ws.on('message', (m: Buffer) => heard.push(JSON.parse(m.toString())));
    h.terminal.events.emit({ type: 'payment', agentTransactionId: '123', state: 'success' });
    await new Promise<void>((resolve) => ws.once('message', () => resolve()));
    expect(heard).toEqual([{ type: 'payment', agentTransactionId: '123', state: 'success' }]);
    ws.close();
  });

  it.each([
    ['no cookie', {}, 'SELF'],
    ['a wrong cookie', { cookie: 'tolem_session=00' }, 'SELF'],
    ['another origin', { cookie: 'COOKIE' }, 'http://evil.example'],
  ])('refuses %s', async (_what, headers: Record<string, string>, origin) => {
    const h2 = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v === 'COOKIE' ? cookie : v]));
    await expect(connect({ ...h2, origin: origin === 'SELF' ? host.origin : origin })).rejects.toThrow(/403/);
  });
});
