/**
 * The fleet server on a real PostgreSQL (a throwaway cluster this file starts) with a real terminal on
 * the sandbox reporting to it: a payment reaches the fleet once and its public page; an operator's lock
 * closes the terminal to new money and unlock opens it; commands wait for a terminal that is off; tokens
 * and sessions are kept apart; alerts are raised once and cleared with an all clear.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FleetStore } from '../../main/fleet/fleet-store.js';
import { startFleetServer, type RunningFleetServer } from '../../main/fleet/fleet-server.js';
import { terminalStatus } from '../../main/app/status.js';
import { startFleet } from '../../main/app/fleet-reporting.js';
import { RefusedError } from '../../main/payments/payment-engine.js';
import { simulatedHeartbeat } from '../../dev/fleet-sim.js';
import { FLEET_API, type Heartbeat } from '../../shared/fleet/protocol.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { testCluster, type TestCluster } from '../helpers/postgres.js';

let cluster: TestCluster;
let store: FleetStore;
let server: RunningFleetServer;

beforeAll(async () => {
  cluster = await testCluster();
  store = await FleetStore.open(cluster.url);
  server = await startFleetServer({ store, sweepMs: 100, rules: { offlineMinutes: 0.02 } });
});

afterAll(async () => {
  await server?.close();
  await store?.close();
  await cluster?.remove();
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${server.url}${path}`, { headers });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function signIn(name: string): Promise<Record<string, string>> {
  const password = await store.setOperator(name);
  const r = await post(`${FLEET_API}/login`, { name, password });
  expect(r.status).toBe(200);
  const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  return { cookie, 'x-fleet-request': '1' };
}

async function until<T>(what: string, check: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a terminal reporting to the fleet', () => {
  let h: Harness;
  let ops: Record<string, string>;

  beforeAll(async () => {
    const token = await store.addTerminal('7', 'Kiosk Abay 12');
    ops = await signIn('ops');
    h = await startHarness({ env: { TOLEM_FLEET_URL: server.url, TOLEM_FLEET_TOKEN: token, TOLEM_FLEET_INTERVAL_SECONDS: '1' } });
    h.terminal.worker.start();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('a command sent while the terminal is off waits for it; its payment reaches the fleet once, with a public page for the receipt holder only', async () => {
    // The terminal has not reported yet: the command is kept in PostgreSQL until it does.
    const sent = await post(`${FLEET_API}/terminals/7/commands`, { kind: 'refresh-catalog' }, ops);
    expect(sent.status).toBe(200);
    startFleet(h.terminal);
    const done = await until('the catalog refreshed from afar', async () => {
      const c = await get(`${FLEET_API}/commands/${String(sent.json.id)}`, ops);
      return c.json.doneAt ? c.json : null;
    });
    expect(done).toMatchObject({ ok: true, result: { source: 'processing' } });
    expect((done.result as { services: number }).services).toBeGreaterThan(5);

    const p = await h.terminal.engine.pay({ serviceId: 'P1011', account: '7771234567', amountTo: 500_00 }, 10_000);
    expect(p.state).toBe('success');
    const row = await until('the payment stored by the fleet', async () => (await store.pool.query('SELECT state, amount, check_code FROM payments WHERE terminal_id = $1 AND agent_transaction_id = $2', ['7', p.agentTransactionId])).rows[0] as { state: string; amount: string; check_code: string } | undefined);
    expect(row).toMatchObject({ state: 'success', amount: String(p.amountFrom) });
    const events = await store.pool.query("SELECT seq FROM events WHERE terminal_id = '7' AND kind = 'payment'");
    expect(events.rowCount).toBe(1);
    // The outbox empties once the fleet has it.
    await until('the outbox empty', async () => h.terminal.fleet.summary().count === 0);

    const code = h.terminal.fleet.checkCode(p.agentTransactionId);
    expect(code).toBe(row.check_code);
    const page = await fetch(`${server.url}/p/7/${p.agentTransactionId}?c=${code}`, { headers: { 'accept-language': 'ru-RU,ru' } });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Проведён');
    expect(html).toContain(p.agentTransactionId);
    expect(html).not.toContain('7771234567');
    // A wrong code reads as not reported: the page tells a stranger nothing.
    const wrong = await (await fetch(`${server.url}/p/7/${p.agentTransactionId}?c=AAAAAAAAAAAA&lang=kk`)).text();
    expect(wrong).toContain('әлі хабарламады');
    expect(wrong).not.toContain('500');
  });

  it('lock from the fleet closes the terminal to new money (its status says so), unlock opens it, each acknowledged', async () => {
    const lock = await post(`${FLEET_API}/terminals/7/commands`, { kind: 'lock' }, ops);
    await until('the lock acknowledged', async () => (await get(`${FLEET_API}/commands/${String(lock.json.id)}`, ops)).json.ok === true);
    expect(h.terminal.fleetLocked).toBe(true);
    expect((await terminalStatus(h.terminal)).refusal).toBe('fleet-locked');
    await expect(h.terminal.engine.pay({ serviceId: 'P1011', account: '7771234567', amountTo: 300_00 }, 5_000)).rejects.toMatchObject({ constructor: RefusedError, code: 'fleet-locked' });
    const fleet = await until('the fleet page sees the lock', async () => {
      const t = ((await get(`${FLEET_API}/fleet`, ops)).json.terminals as { id: string; locked: boolean }[]).find((x) => x.id === '7');
      return t?.locked ? t : null;
    });
    expect(fleet.locked).toBe(true);

    const unlock = await post(`${FLEET_API}/terminals/7/commands`, { kind: 'unlock' }, ops);
    await until('the unlock acknowledged', async () => (await get(`${FLEET_API}/commands/${String(unlock.json.id)}`, ops)).json.ok === true);
    expect((await h.terminal.engine.pay({ serviceId: 'P1011', account: '7771234567', amountTo: 300_00 }, 10_000)).state).toBe('success');

    // The browser host cannot take a screenshot: said, not faked.
    const shot = await post(`${FLEET_API}/terminals/7/commands`, { kind: 'screenshot' }, ops);
    const r = await until('the screenshot answered', async () => {
      const c = await get(`${FLEET_API}/commands/${String(shot.json.id)}`, ops);
      return c.json.doneAt ? c.json : null;
    });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r.result)).toMatch(/cannot take a screenshot/);
    // Both sides journaled it: the terminal's row and the fleet's timeline.
    expect(h.terminal.journal.db.prepare("SELECT count(*) AS n FROM fleet_commands WHERE kind IN ('lock', 'unlock')").get()).toEqual({ n: 2 });
    const timeline = (await get(`${FLEET_API}/terminals/7/timeline`, ops)).json.entries as { what: string; kind: string }[];
    expect(timeline.filter((e) => e.kind === 'lock').map((e) => e.what).sort()).toEqual(['command', 'result']);
  });
});

describe('who may do what', () => {
  it('no token, a wrong token and a terminal\'s token are refused where they do not belong; one terminal never gets another\'s commands', async () => {
    const a = await store.addTerminal('101', 'A');
    const b = await store.addTerminal('102', 'B');
    const ops = await signIn('ops2');
    expect((await post(`${FLEET_API}/heartbeat`, { ...simulatedHeartbeat(101), results: [] })).status).toBe(401);
    expect((await post(`${FLEET_API}/heartbeat`, { ...simulatedHeartbeat(101), results: [] }, { authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(401);
    // A terminal's token reads nothing of the fleet and commands nobody.
    expect((await get(`${FLEET_API}/fleet`, { authorization: `Bearer ${a}` })).status).toBe(401);
    expect((await post(`${FLEET_API}/terminals/102/commands`, { kind: 'lock' }, { authorization: `Bearer ${a}`, 'x-fleet-request': '1' })).status).toBe(401);
    // An operator's request without the header a foreign page cannot send (CSRF).
    expect((await post(`${FLEET_API}/terminals/102/commands`, { kind: 'lock' }, { cookie: ops.cookie! })).status).toBe(403);
    expect((await post(`${FLEET_API}/login`, { name: 'ops2', password: 'guess' })).status).toBe(401);
    const lockB = await post(`${FLEET_API}/terminals/102/commands`, { kind: 'lock' }, ops);
    expect(lockB.status).toBe(200);
    const asA = await post(`${FLEET_API}/heartbeat`, { ...simulatedHeartbeat(101), results: [] }, { authorization: `Bearer ${a}` });
    expect(asA.json.commands).toEqual([]);
    // A result A reports for B's command changes nothing.
    await post(`${FLEET_API}/heartbeat`, { ...simulatedHeartbeat(101), results: [{ id: String(lockB.json.id), ok: true, result: 'forged' }] }, { authorization: `Bearer ${a}` });
    expect((await get(`${FLEET_API}/commands/${String(lockB.json.id)}`, ops)).json.doneAt).toBeNull();
    const asB = await post(`${FLEET_API}/heartbeat`, { ...simulatedHeartbeat(102), results: [] }, { authorization: `Bearer ${b}` });
    expect(asB.json.commands).toMatchObject([{ id: lockB.json.id, kind: 'lock' }]);
    // Events go to the token's terminal whatever the body says, and a body of the wrong shape is refused.
    expect((await post(`${FLEET_API}/events`, { events: [{ seq: 1, kind: 'device', at: Date.now(), body: { kind: 'fault:jam' } }] }, { authorization: `Bearer ${a}` })).json).toEqual({ lastSeq: 1 });
    expect((await store.pool.query("SELECT terminal_id FROM events WHERE terminal_id IN ('101', '102')")).rows).toEqual([{ terminal_id: '101' }]);
    expect((await post(`${FLEET_API}/events`, { events: [{ seq: 'x' }] }, { authorization: `Bearer ${a}` })).status).toBe(400);
  });

  it('stores events once and in order: a batch sent again is not stored twice, one after a gap is taken only up to it', async () => {
    const t = await store.addTerminal('103', 'C');
    const auth = { authorization: `Bearer ${t}` };
    const ev = (seq: number) => ({ seq, kind: 'device', at: Date.now(), body: { n: seq } });
    expect((await post(`${FLEET_API}/events`, { events: [ev(1), ev(2)] }, auth)).json).toEqual({ lastSeq: 2 });
    expect((await post(`${FLEET_API}/events`, { events: [ev(1), ev(2), ev(3)] }, auth)).json).toEqual({ lastSeq: 3 });
    expect((await post(`${FLEET_API}/events`, { events: [ev(5), ev(6)] }, auth)).json).toEqual({ lastSeq: 3 });
    expect((await post(`${FLEET_API}/events`, { events: [ev(4), ev(5)] }, auth)).json).toEqual({ lastSeq: 5 });
    const rows = (await store.pool.query<{ seq: string }>("SELECT seq FROM events WHERE terminal_id = '103' ORDER BY seq")).rows.map((r) => Number(r.seq));
    expect(rows).toEqual([1, 2, 3, 4, 5]);
    // One payment twice in a batch (review, then paid) is its latest state; a body of no payment's shape is stored, not counted.
    const pay = (seq: number, state: string, extra: Record<string, unknown> = {}) => ({ seq, kind: 'payment', at: Date.now(), body: { agentTransactionId: '7000000000001', serviceId: 'P1011', state, amount: '50000', checkCode: 'abcdefabcdef', acceptedAt: 'not a time', ...extra } });
    expect((await post(`${FLEET_API}/events`, { events: [pay(6, 'review'), pay(7, 'success'), pay(8, 'success', { agentTransactionId: '12; DROP', amount: 1e300 })] }, auth)).json).toEqual({ lastSeq: 8 });
    expect((await store.pool.query("SELECT agent_transaction_id, state, amount FROM payments WHERE terminal_id = '103'")).rows).toEqual([{ agent_transaction_id: '7000000000001', state: 'success', amount: '50000' }]);
  });
});

describe('alerts', () => {
  it('out of paper is raised once and cleared with an all clear; silence is offline until it speaks again', async () => {
    const token = await store.addTerminal('201', 'Kiosk Dostyk 5');
    const auth = { authorization: `Bearer ${token}` };
    const beat = (paper: string): Heartbeat => {
      const hb = simulatedHeartbeat(201);
      hb.health.items = hb.health.items.map((i) => (i.key === 'printer' ? { ...i, level: paper === 'out' ? 'person' : 'ok', facts: { printer: 'VKP80', paper } } : i));
      return { ...hb, results: [] };
    };
    const open = async () => (await store.openAlerts()).filter((x) => x.terminalId === '201').map((x) => x.kind);
    await post(`${FLEET_API}/heartbeat`, beat('out'), auth);
    await post(`${FLEET_API}/heartbeat`, beat('out'), auth);
    expect(await open()).toEqual(['paper-out']);
    await post(`${FLEET_API}/heartbeat`, beat('ok'), auth);
    expect(await open()).toEqual([]);
    const rows = (await store.pool.query("SELECT kind, cleared_at IS NOT NULL AS cleared FROM alerts WHERE terminal_id = '201'")).rows;
    expect(rows).toEqual([{ kind: 'paper-out', cleared: true }]);
    // Quiet past the rule (1.2 s here): offline, raised once by the sweep.
    await until('offline raised', async () => (await open()).includes('offline'));
    await new Promise((r) => setTimeout(r, 300));
    expect((await store.pool.query("SELECT count(*)::int AS n FROM alerts WHERE terminal_id = '201' AND kind = 'offline'")).rows[0]).toEqual({ n: 1 });
    await post(`${FLEET_API}/heartbeat`, beat('ok'), auth);
    expect(await open()).toEqual([]);
  });
});
