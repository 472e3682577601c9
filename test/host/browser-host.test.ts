/**
 * The browser host: only the page it served, holding this start's secret, can drive the terminal.
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

describe('browser host', () => {
  it('is bound to loopback and hands out its secret only in the URL fragment', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url).toBe(`${host.origin}/#secret=${host.secret}`);
    expect(host.secret).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers its own page that holds the secret', async () => {
    const r = await ipc('terminal.status', {}, { origin: host.origin, 'x-tolem-secret': host.secret });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { online: expect.any(String), mode: 'cashier' } });
  });

  it.each([
    ['no secret', { origin: 'SELF' }, 401],
    ['a wrong secret', { origin: 'SELF', 'x-tolem-secret': 'f'.repeat(64) }, 401],
    ['another local page with the secret', { origin: 'http://127.0.0.1:9', 'x-tolem-secret': 'SECRET' }, 403],
    ['no Origin at all', { 'x-tolem-secret': 'SECRET' }, 403],
  ])('refuses %s, and nothing reaches processing', async (_what, headers, status) => {
    const sent = h.requests.length;
    const resolved = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v === 'SELF' ? host.origin : v === 'SECRET' ? host.secret : v]));
    const r = await ipc('payment.check', { serviceId: 'P1011', account: '7771234567' }, resolved);
    expect(r.status).toBe(status);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(h.requests.length).toBe(sent);
  });

  it('refuses a request for another host name (DNS rebinding)', async () => {
    const r = await request({ method: 'POST', path: '/ipc/terminal.status', headers: { host: 'evil.example:80', origin: 'http://evil.example', 'x-tolem-secret': host.secret } });
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
    const r = await request({ method: 'POST', path: '/ipc/terminal.status', headers: { origin: host.origin, 'x-tolem-secret': host.secret }, body: '{nope' });
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});

describe('events over the WebSocket', () => {
  const connect = (protocols: string[], headers: Record<string, string>) =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/events`, protocols, { headers });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });

  it('the page with the secret hears that a payment changed state', async () => {
    const ws = await connect(['tolem', `secret.${host.secret}`], { origin: host.origin });
    const heard: unknown[] = [];
    ws.on('message', (m: Buffer) => heard.push(JSON.parse(m.toString())));
    h.terminal.events.emit({ type: 'payment', agentTransactionId: '123', state: 'success' });
    await new Promise<void>((resolve) => ws.once('message', () => resolve()));
    expect(heard).toEqual([{ type: 'payment', agentTransactionId: '123', state: 'success' }]);
    ws.close();
  });

  it.each([
    ['no secret', ['tolem'], 'SELF'],
    ['a wrong secret', ['tolem', 'secret.00'], 'SELF'],
    ['another origin', ['tolem', 'SECRET'], 'http://evil.example'],
  ])('refuses %s', async (_what, protocols, origin) => {
    const p = protocols.map((x) => (x === 'SECRET' ? `secret.${host.secret}` : x));
    await expect(connect(p, { origin: origin === 'SELF' ? host.origin : origin })).rejects.toThrow(/403/);
  });
});
