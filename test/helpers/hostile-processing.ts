/**
 * A hostile processing center for the edge tests: answers each request as the test says (slow
 * bodies that trickle a byte at a time, huge bodies, ids nothing can store, 401, HTML), otherwise as
 * a plain, well-behaved processing would (check 0, pay 0 with an 18-digit transactionId). It counts
 * what it received, so a test can tell how many times a payment reached it. Independent of the
 * sandbox and of the client's wire code: it writes its answers by hand.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostileRequest {
  method: string;
  body: string;
}

/** What to do with one request: a canned behaviour, or null for the well-behaved answer. */
export type Behaviour =
  | { kind: 'ok' }
  | { kind: 'json'; body: string; status?: number }
  | { kind: 'trickle'; everyMs: number; body?: string }
  | { kind: 'huge'; bytes: number; result: number }
  | { kind: 'hold'; until: Promise<unknown>; then?: Behaviour }
  | { kind: 'status'; status: number; body?: string };

export interface HostileProcessing {
  url: string;
  requests: HostileRequest[];
  /** Decides each request; the default answers like a healthy processing center. */
  behave: (req: HostileRequest) => Behaviour;
  /** How many pay requests carried this account. */
  pays(account: string): number;
  close(): Promise<void>;
}

const CATALOG = JSON.stringify({
  result: 0,
  resultMessage: 'OK',
  services: [
    { serviceId: 'H1', type: 0, name: 'Hostile mobile', group: 'Сотовая связь', inputs: [{ name: 'account', required: true, title: 'Номер', regexp: '^\\d{10}$' }] },
    { serviceId: 'H2', type: 2, name: 'Hostile bank', group: 'Банки', inputs: [{ name: 'account', required: true, title: 'ИИН', regexp: '^\\d{12}$' }] },
  ],
});

let txSeq = 100_000_000_000_000_000n;

function healthy(req: HostileRequest): { status: number; body: string } {
  if (req.method === 'services') return { status: 200, body: CATALOG };
  const atid = /"agentTransactionId":(\d+)/.exec(req.body)?.[1] ?? '0';
  if (req.method === 'balance') return { status: 200, body: '{"result":0,"agent":{"agentId":1,"agentName":"A","balance":1000.00,"overdraft":0.00}}' };
  if (req.method === 'check') return { status: 200, body: `{"result":0,"resultMessage":"OK","transactionId":${(txSeq += 1n).toString()},"agentTransactionId":${atid}}` };
  return { status: 200, body: `{"result":0,"resultMessage":"OK","transactionId":${(txSeq += 1n).toString()},"agentTransactionId":${atid},"transactionDate":"2026-11-25T10:00:00"}` };
}

export async function startHostileProcessing(): Promise<HostileProcessing> {
  const requests: HostileRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const state: HostileProcessing = {
    url: '',
    requests,
    behave: () => ({ kind: 'ok' }),
    pays: (account) => requests.filter((r) => r.method === 'pay' && r.body.includes(`"account":"${account}"`)).length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearInterval(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const answer = async (res: http.ServerResponse, req: HostileRequest, b: Behaviour): Promise<void> => {
    switch (b.kind) {
      case 'ok': {
        const h = healthy(req);
        res.writeHead(h.status, { 'content-type': 'application/json' });
        res.end(h.body);
        return;
      }
      case 'json':
        res.writeHead(b.status ?? 200, { 'content-type': 'application/json' });
        res.end(b.body);
        return;
      case 'status':
        res.writeHead(b.status, { 'content-type': 'application/json' });
        res.end(b.body ?? '{"error":"refused"}');
        return;
      case 'hold':
        await b.until;
        return answer(res, req, b.then ?? { kind: 'ok' });
      case 'huge': {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(`{"result":${b.result},"resultMessage":"`);
        const chunk = 'x'.repeat(64 * 1024);
        let sent = 0;
        const pump = () => {
          while (sent < b.bytes) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end('"}');
        };
        res.on('error', () => undefined);
        pump();
        return;
      }
      case 'trickle': {
        // Headers at once, then one byte every `everyMs`: a socket-idle timeout never fires.
        res.writeHead(200, { 'content-type': 'application/json' });
        const body = b.body ?? healthy(req).body;
        let i = 0;
        const timer = setInterval(() => {
          if (res.destroyed || i >= body.length) {
            clearInterval(timer);
            timers.delete(timer);
            if (!res.destroyed) res.end();
            return;
          }
          res.write(body[i]);
          i += 1;
        }, b.everyMs);
        timers.add(timer);
        return;
      }
    }
  };
  const server = http.createServer((req, res) => {
    const method = (req.url ?? '').replace(/^\/api\/v20\//, '');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { method, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(r);
      void answer(res, r, state.behave(r));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

/**
 * A test file's hostile processing and the terminal opened on it: started by the test, closed after
 * each test. `open` gives a terminal with its own data directory.
 */
export function hostileSuite(afterEach: (fn: () => Promise<void>) => void): {
  start(): Promise<HostileProcessing>;
  open(url: string, env?: NodeJS.ProcessEnv): Promise<import('../../main/app/terminal.js').Terminal>;
} {
  let hostile: HostileProcessing | null = null;
  let terminal: import('../../main/app/terminal.js').Terminal | null = null;
  afterEach(async () => {
    await terminal?.close();
    terminal = null;
    await hostile?.close();
    hostile = null;
  });
  return {
    async start() {
      hostile = await startHostileProcessing();
      return hostile;
    },
    async open(url, env = {}) {
      const [{ loadConfig }, { openTerminal }, { createLogger }, { tempDir }] = await Promise.all([
        import('../../main/config/config.js'),
        import('../../main/app/terminal.js'),
        import('../../main/base/log.js'),
        import('./harness.js'),
      ]);
      const config = loadConfig({ TOLEM_DATA_DIR: tempDir(), TOLEM_PROCESSING_URL: url, TOLEM_TERMINAL_ID: '9', TOLEM_RETRY_INITIAL_MS: '50', TOLEM_RETRY_MAX_MS: '200', ...env });
      terminal = await openTerminal(config, { log: createLogger({ level: 'error', stderr: false }) });
      return terminal;
    },
  };
}
