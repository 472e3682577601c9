/**
 * The fleet server's benchmarks, against the real `tolem fleet serve` (a process) on a throwaway
 * PostgreSQL cluster:
 *
 *   7. events ingested/s over HTTP  vs  raw multi-row inserts of the same rows (the events and the payments they
 *      report) into the same PostgreSQL, same batches, same concurrency                              goal >= 0.5
 *   8. 1,000 terminals' heartbeats at one per 30 s each: the server's answer, p95                      goal <= 50 ms
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import pg from 'pg';
import { FleetStore } from '../../main/fleet/fleet-store.js';
import { simulatedHeartbeat } from '../../dev/fleet-sim.js';
import { FLEET_API } from '../../shared/fleet/protocol.js';
import { freePort, testCluster } from '../helpers/postgres.js';
import { BIN } from '../helpers/cli.js';

export interface BenchResult {
  name: string;
  value: string;
  goal: string;
  ok: boolean;
  detail: string;
}

const SCALE = Number(process.env.TOLEM_BENCH_SCALE ?? '1');

function startServer(url: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'fleet', 'serve', '--database', url, '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('Tolem fleet server on')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`fleet server exited ${code}`)));
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function post(port: number, path: string, token: string, body: string): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: `${FLEET_API}${path}`, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function eventRows(terminal: number, from: number, n: number) {
  return Array.from({ length: n }, (_, k) => ({ seq: from + k, kind: 'payment' as const, at: Date.now(), body: { agentTransactionId: String(terminal * 10_000_000 + from + k), serviceId: 'P1011', state: 'success', amount: '50000', checkCode: 'abcdefabcdef', n: from + k } }));
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

export async function benchFleet(write: (s: string) => void): Promise<BenchResult[]> {
  const cluster = await testCluster();
  const store = await FleetStore.open(cluster.url);
  const port = await freePort();
  const server = await startServer(cluster.url, port);
  const results: BenchResult[] = [];
  try {
    // 7. Ingest: 8 terminals at once, batches of 200, one batch in flight per terminal (as the link sends).
    const TERMINALS = 8;
    const BATCH = 200;
    const PER = Math.round(5_000 * SCALE);
    const tokens: string[] = [];
    for (let i = 0; i < TERMINALS; i++) tokens.push(await store.addTerminal(String(500 + i), `bench ${i}`));
    const bodies = tokens.map((_, i) => Array.from({ length: PER / BATCH }, (__, b) => JSON.stringify({ events: eventRows(500 + i, b * BATCH + 1, BATCH) })));
    let t0 = performance.now();
    await Promise.all(
      tokens.map(async (token, i) => {
        for (const body of bodies[i]!) {
          const r = await post(port, '/events', token, body);
          if (r.status !== 200) throw new Error(`events answered ${r.status}`);
        }
      }),
    );
    const ingestS = (performance.now() - t0) / 1000;
    const ingested = TERMINALS * PER;
    // The same rows, the same table shape and keys, straight into PostgreSQL: 8 connections, multi-row inserts.
    const raw = new pg.Pool({ connectionString: cluster.url, max: TERMINALS });
    await raw.query('CREATE TABLE raw_events (LIKE events INCLUDING ALL)');
    await raw.query('CREATE TABLE raw_payments (LIKE payments INCLUDING ALL)');
    const rawRows = tokens.map((_, i) => Array.from({ length: PER / BATCH }, (__, b) => eventRows(500 + i, b * BATCH + 1, BATCH)));
    t0 = performance.now();
    await Promise.all(
      rawRows.map(async (batches, i) => {
        for (const rows of batches) {
          // The rows the fleet stores for them: the events and the payments they report.
          await raw.query(
            `WITH ev AS (INSERT INTO raw_events (terminal_id, seq, kind, at, body) SELECT $1, s, k, to_timestamp(a / 1000.0), b FROM unnest($2::bigint[], $3::text[], $4::bigint[], $5::jsonb[]) AS e(s, k, a, b))
             INSERT INTO raw_payments (terminal_id, agent_transaction_id, service_id, state, amount, check_code, at) SELECT $1, x, 'P1011', 'success', 50000, 'abcdefabcdef', now() FROM unnest($6::text[]) AS p(x)`,
            [String(500 + i), rows.map((r) => r.seq), rows.map((r) => r.kind), rows.map((r) => r.at), rows.map((r) => JSON.stringify(r.body)), rows.map((r) => r.body.agentTransactionId)],
          );
        }
      }),
    );
    const rawS = (performance.now() - t0) / 1000;
    await raw.end();
    const stored = Number((await store.pool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]!.n);
    if (stored !== ingested) throw new Error(`the fleet stored ${stored} of ${ingested} events`);
    const ratio = ingested / ingestS / (ingested / rawS);
    results.push({ name: 'fleet: events ingested/s vs raw inserts of the same rows', value: ratio.toFixed(2), goal: '>= 0.5', ok: ratio >= 0.5, detail: `${Math.round(ingested / ingestS)}/s vs ${Math.round(ingested / rawS)}/s, ${ingested} events and their payments' rows, batches of ${BATCH}` });
    write(`fleet ingest: ${Math.round(ingested / ingestS)} events/s, raw ${Math.round(ingested / rawS)}/s`);

    // 8. 1,000 terminals, each a heartbeat every 30 s, spread evenly: about 33 a second.
    const FLEET = 1000;
    const SECONDS = Math.max(10, Math.round(30 * SCALE));
    const fleetTokens: string[] = [];
    for (let i = 0; i < FLEET; i++) fleetTokens.push(await store.addTerminal(String(10_000 + i), `kiosk ${i}`));
    const hb = (i: number) => JSON.stringify({ ...simulatedHeartbeat(10_000 + i), results: [] });
    const times: number[] = [];
    const start = performance.now();
    const pending: Promise<void>[] = [];
    let next = 0;
    const count = Math.round((FLEET * SECONDS) / 30);
    await new Promise<void>((resolve) => {
      const tick = () => {
        const due = Math.min(count, Math.floor(((performance.now() - start) / 1000) * (FLEET / 30)));
        while (next < due) {
          const i = next % FLEET;
          next += 1;
          pending.push(
            post(port, '/heartbeat', fleetTokens[i]!, hb(i)).then((r) => {
              if (r.status !== 200) throw new Error(`heartbeat answered ${r.status}`);
              times.push(r.ms);
            }),
          );
        }
        if (next >= count) resolve();
        else setTimeout(tick, 5);
      };
      tick();
    });
    await Promise.all(pending);
    times.sort((a, b) => a - b);
    const p95 = pct(times, 0.95);
    results.push({ name: `fleet: 1,000 terminals' heartbeats at 30 s, answer p95`, value: `${p95.toFixed(1)} ms`, goal: '<= 50 ms', ok: p95 <= 50, detail: `${times.length} heartbeats in ${SECONDS} s, p50 ${pct(times, 0.5).toFixed(1)} ms, max ${times[times.length - 1]!.toFixed(1)} ms` });
  } finally {
    server.kill('SIGTERM');
    agent.destroy();
    await store.close();
    await cluster.remove();
  }
  return results;
}
