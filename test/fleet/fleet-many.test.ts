/**
 * Twenty terminals (processes on loopback, each with its own journal and the real link) push their
 * events to a fleet server (the real `tolem fleet serve`, a process on a real PostgreSQL) while the
 * server is killed with SIGKILL and started again and the connections to it are cut: every event is
 * stored exactly once, in order per terminal, and each terminal's outbox empties.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { FleetStore } from '../../main/fleet/fleet-store.js';
import { tempDir } from '../helpers/harness.js';
import { freePort, testCluster, type TestCluster } from '../helpers/postgres.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'out/main/cli/bin.js');
const SIM = path.join(ROOT, 'out/dev/fleet-sim.js');
const TERMINALS = 20;
const EVENTS = 60;

let cluster: TestCluster | null = null;
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await cluster?.remove();
});

/** A TCP relay between the terminals and the server, whose connections can be cut at once. */
async function relay(target: () => number): Promise<{ port: number; cut(): number; close(): void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((inbound) => {
    const outbound = net.connect(target(), '127.0.0.1');
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      const n = sockets.size;
      for (const s of sockets) s.destroy();
      return n;
    },
    close() {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

function startServer(url: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'fleet', 'serve', '--database', url, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('Tolem fleet server on')) resolve(child);
    });
    child.stderr!.resume();
    child.once('exit', (code) => reject(new Error(`the fleet server ended (${code}) before it listened: ${out}`)));
  });
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

it(`${TERMINALS} terminals push ${EVENTS} events each through a server killed twice and connections cut: each stored once, in order`, async () => {
  cluster = await testCluster();
  const store = await FleetStore.open(cluster.url);
  const tokens: string[] = [];
  for (let i = 1; i <= TERMINALS; i++) tokens.push(await store.addTerminal(String(1000 + i), `Kiosk ${i}`));

  const serverPort = await freePort();
  const link = await relay(() => serverPort);
  let server = await startServer(cluster.url, serverPort);
  const dir = tempDir('tolem-fleet-many-');
  const finished: Promise<string>[] = [];
  for (let i = 1; i <= TERMINALS; i++) {
    const sim = spawn(process.execPath, [SIM, '--url', `http://127.0.0.1:${link.port}`, '--token', tokens[i - 1]!, '--terminal', String(1000 + i), '--journal', path.join(dir, `t${i}`, 'journal.sqlite'), '--events', String(EVENTS), '--every-ms', '25', '--interval-ms', '100'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(sim);
    let out = '';
    let err = '';
    sim.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    sim.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    finished.push(new Promise((resolve, reject) => sim.once('exit', (code) => (code === 0 && out.includes('delivered') ? resolve(out) : reject(new Error(`terminal ${i} ended ${code}: ${out} ${err}`))))));
  }

  const stored = async () => Number((await store.pool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]!.n);
  const waitStored = async (atLeast: number) => {
    while ((await stored()) < atLeast) await new Promise((r) => setTimeout(r, 50));
  };
  // Part-way through: the server dies without a word, the terminals' requests fail, it comes back.
  await waitStored(200);
  await kill9(server);
  const atKill = await stored();
  // Killed in the middle of the stream, not after it.
  expect(atKill).toBeLessThan(TERMINALS * EVENTS);
  server = await startServer(cluster.url, serverPort);
  await waitStored(atKill + 100);
  expect(link.cut()).toBeGreaterThanOrEqual(0);
  await waitStored(atKill + 300);
  link.cut();
  await kill9(server);
  server = await startServer(cluster.url, serverPort);

  await Promise.all(finished);
  expect(await stored()).toBe(TERMINALS * EVENTS);
  for (let i = 1; i <= TERMINALS; i++) {
    const id = String(1000 + i);
    const rows = (await store.pool.query<{ seq: string; n: number }>("SELECT seq, (body->>'n')::int AS n FROM events WHERE terminal_id = $1 ORDER BY received_at, seq", [id])).rows;
    // Once each, in the order the terminal wrote them (stored in that order too).
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: EVENTS }, (_, k) => k + 1));
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: EVENTS }, (_, k) => k + 1));
    const paid = (await store.pool.query<{ n: string; total: string }>('SELECT count(*) AS n, sum(amount) AS total FROM payments WHERE terminal_id = $1', [id])).rows[0]!;
    expect(paid).toEqual({ n: String(EVENTS), total: String(EVENTS * 10000) });
    expect(fs.existsSync(path.join(dir, `t${i}`, 'journal.sqlite'))).toBe(true);
  }
  await kill9(server);
  link.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
