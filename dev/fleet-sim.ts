/**
 * A simulated terminal for the fleet's tests and benchmark: a real journal (its migrations, its outbox)
 * and the real link (main/fleet-link), with payments written into the outbox at a steady pace instead of
 * paid through processing. Run as a process:
 *
 *   node out/dev/fleet-sim.js --url URL --token T --terminal ID --journal FILE --events N [--every-ms M]
 *
 * It prints "written N" once it has journaled its N events and "delivered" once the fleet has stored
 * them all, then exits 0.
 */
import { parseArgs } from 'node:util';
import { openJournalDatabase } from '../main/store/database.js';
import { FleetJournal } from '../main/fleet-link/fleet-journal.js';
import { FleetLink } from '../main/fleet-link/fleet-link.js';
import { createLogger } from '../main/base/log.js';
import type { Heartbeat } from '../shared/fleet/protocol.js';

/** The heartbeat of a simulated kiosk that is well. */
export function simulatedHeartbeat(terminalId: number): Omit<Heartbeat, 'results'> {
  return {
    health: {
      ok: true,
      at: new Date().toISOString(),
      terminalId,
      mode: 'kiosk',
      version: 'sim',
      items: [
        { key: 'queue', level: 'ok', detail: 'nothing waits to be sent', facts: { pending: 0, pendingTotal: '0.00', oldestAgeMs: null } },
        { key: 'printer', level: 'ok', detail: 'sim: ready', facts: { printer: 'sim', paper: 'ok' } },
      ],
    },
    journal: { head: null, rows: 0 },
    screen: { name: 'home', since: Date.now() },
    locked: false,
  };
}

async function main(): Promise<void> {
  const { values: v } = parseArgs({ options: { url: { type: 'string' }, token: { type: 'string' }, terminal: { type: 'string' }, journal: { type: 'string' }, events: { type: 'string' }, 'every-ms': { type: 'string' }, 'interval-ms': { type: 'string' } } });
  const terminalId = Number(v.terminal);
  const total = Number(v.events ?? 100);
  const every = Number(v['every-ms'] ?? 20);
  const db = openJournalDatabase(v.journal!);
  const journal = new FleetJournal(db);
  const log = createLogger({ stderr: false });
  const link = new FleetLink({ url: v.url!, token: v.token!, journal, intervalMs: Number(v['interval-ms'] ?? 100), timeoutMs: 3000, log, heartbeat: async () => simulatedHeartbeat(terminalId), target: { setLocked: () => undefined, drain: async () => ({ pending: 0 }), refreshCatalog: async () => ({ services: 0, source: 'sim' }), logDir: '/nonexistent', screenshot: null } });
  link.start();
  const insert = db.prepare<[number, string]>("INSERT INTO fleet_outbox (kind, at, body) VALUES ('payment', ?, ?)");
  const written = (db.prepare('SELECT value FROM meta WHERE key = ?').get('sim-written') as { value: string } | undefined)?.value;
  for (let n = Number(written ?? 0) + 1; n <= total; n++) {
    db.transaction(() => {
      insert.run(Date.now(), JSON.stringify({ agentTransactionId: String(terminalId * 1_000_000 + n), serviceId: '1', state: 'success', amount: '10000', n }));
      db.prepare("INSERT INTO meta (key, value) VALUES ('sim-written', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(n));
    })();
    await new Promise((r) => setTimeout(r, every));
  }
  process.stdout.write(`written ${total}\n`);
  while (journal.summary().count > 0) await new Promise((r) => setTimeout(r, 50));
  await link.stop();
  db.close();
  process.stdout.write('delivered\n');
}

if (process.argv[1] && /fleet-sim\.js$/.test(process.argv[1])) {
  main().catch((err: unknown) => {
    process.stderr.write(`fleet-sim: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
