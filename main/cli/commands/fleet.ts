/**
 * `tolem fleet …`: the fleet server and its setup. `serve` runs it (on the embedded PostgreSQL in the
 * fleet's directory unless --database names one); `add-terminal` gives a terminal its token;
 * `set-operator` makes an operator of the fleet page (or gives one a new password).
 */
import { parse, portNumber, str, UsageError } from '../args.js';
import { EXIT, untilStopped, type Io } from '../io.js';
import type { Command } from '../command.js';

const DB_OPTIONS = { database: { type: 'string' }, dir: { type: 'string' }, 'pg-port': { type: 'string' } } as const;

async function openDb(v: Record<string, unknown>, io: Io) {
  const { openFleetDatabase, defaultFleetDir, DEFAULT_PG_PORT } = await import('../../fleet/fleet-database.js');
  return openFleetDatabase({
    database: str(v.database) ?? io.env.TOLEM_FLEET_DATABASE ?? null,
    dir: str(v.dir) ? (await import('node:path')).resolve(str(v.dir)!) : defaultFleetDir(io.env),
    pgPort: portNumber(v['pg-port'], String(DEFAULT_PG_PORT)),
    binDir: io.env.TOLEM_FLEET_PG_BIN || undefined,
  });
}

function minutes(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^\d{1,5}$/.test(v) || Number(v) < 1) throw new UsageError(`--${name} takes whole minutes, got "${String(v)}"`);
  return Number(v);
}

export const fleetCommand: Command = {
  name: 'fleet',
  usage: [
    'tolem fleet serve [--database postgres://…] [--port N] [--host ADDR] [--dir DIR] [--offline-minutes N] [--queue-minutes N]   the fleet server (embedded PostgreSQL when no --database)',
    'tolem fleet add-terminal --id TERMINAL_ID --name NAME [--database …]   registers a terminal (or gives it a new token) and prints its token',
    'tolem fleet set-operator --name NAME [--database …]   an operator of the fleet page, with a new password printed once',
  ],
  async run(args, io, json) {
    const [sub, ...rest] = args;
    if (sub === 'serve') {
      const v = parse(rest, { ...DB_OPTIONS, port: { type: 'string' }, host: { type: 'string' }, 'offline-minutes': { type: 'string' }, 'queue-minutes': { type: 'string' }, 'secure-cookies': { type: 'boolean' } });
      const port = portNumber(v.port, io.env.TOLEM_FLEET_PORT ?? '8090');
      const rules = { offlineMinutes: minutes(v['offline-minutes'], 'offline-minutes'), queueMinutes: minutes(v['queue-minutes'], 'queue-minutes') };
      const db = await openDb(v, io);
      const { startFleetServer } = await import('../../fleet/fleet-server.js');
      try {
        if (!(await db.store.hasOperators())) {
          const password = await db.store.setOperator('admin');
          io.out(`First start: the operator "admin" has the password ${password} (shown once; tolem fleet set-operator --name admin gives a new one).`);
        }
        const server = await startFleetServer({
          store: db.store,
          port,
          host: str(v.host) ?? '127.0.0.1',
          rules: Object.fromEntries(Object.entries(rules).filter(([, x]) => x !== undefined)),
          timeZone: io.env.TOLEM_TIME_ZONE ?? 'Asia/Almaty',
          secureCookies: v['secure-cookies'] === true,
          log: (msg, data) => io.err(`fleet: ${msg}${data ? ` ${JSON.stringify(data)}` : ''}`),
        });
        io.out(`Tolem fleet server on ${server.url} (database: ${db.where}).`);
        io.out('Press Ctrl+C to stop.');
        await untilStopped();
        await server.close();
        return EXIT.ok;
      } finally {
        await db.close();
      }
    }
    if (sub === 'add-terminal') {
      const v = parse(rest, { ...DB_OPTIONS, id: { type: 'string' }, name: { type: 'string' } });
      const id = str(v.id);
      if (!id || !/^\d{1,18}$/.test(id)) throw new UsageError('--id takes the terminal id (up to 18 digits, the terminalId of its config)');
      const db = await openDb(v, io);
      try {
        const token = await db.store.addTerminal(id, str(v.name) ?? `Terminal ${id}`);
        if (json) io.out(JSON.stringify({ id, token }, null, 2));
        else {
          io.out(`Terminal ${id} registered. Its token (shown once; running this again gives a new one and the old stops working):`);
          io.out(`  TOLEM_FLEET_TOKEN=${token}`);
          io.out('On the terminal, with the fleet server\'s address: TOLEM_FLEET_URL=http://<fleet host>:8090 TOLEM_FLEET_TOKEN=… npm start (or "fleet": {"url", "token"} in its config.json).');
        }
        return EXIT.ok;
      } finally {
        await db.close();
      }
    }
    if (sub === 'set-operator') {
      const v = parse(rest, { ...DB_OPTIONS, name: { type: 'string' } });
      const name = str(v.name);
      if (!name) throw new UsageError('--name is required');
      const db = await openDb(v, io);
      try {
        const password = await db.store.setOperator(name);
        if (json) io.out(JSON.stringify({ name, password }, null, 2));
        else io.out(`Operator "${name}": password ${password} (shown once; sessions signed in before are ended).`);
        return EXIT.ok;
      } finally {
        await db.close();
      }
    }
    throw new UsageError('tolem fleet serve | add-terminal | set-operator (see tolem help)');
  },
};
