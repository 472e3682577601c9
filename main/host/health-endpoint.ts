/**
 * The loopback health endpoint a watchdog polls: `GET /health` on 127.0.0.1 answers the terminal's
 * health (main/app/health.ts) as JSON, 200 when nothing needs a person and 503 when something does.
 * It says what the terminal last knew (no request to processing per poll). Another Host header (a
 * page of some site resolving its name to 127.0.0.1) gets nothing.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { terminalHealth } from '../app/health.js';
import type { Terminal } from '../app/terminal.js';

export interface HealthEndpoint {
  url: string;
  close(): Promise<void>;
}

export async function startHealthEndpoint(t: Terminal, port: number): Promise<HealthEndpoint> {
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end(JSON.stringify(body));
    };
    if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(req.headers.host ?? '')) return send(421, { ok: false, error: 'wrong host' });
    if (req.method !== 'GET' || new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== '/health') return send(404, { ok: false, error: 'GET /health only' });
    terminalHealth(t, { probe: false }).then(
      (h) => send(h.ok ? 200 : 503, h),
      (err: unknown) => {
        t.log.error('health', { error: err instanceof Error ? err.message : String(err) });
        send(500, { ok: false, error: 'the health could not be read: see the log' });
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/health`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
