/**
 * The fleet database's numbered migrations, as the journal has: versions only increase, each applied
 * once in one transaction, never edited once released. Several fleet servers may start at once on one
 * database: an advisory lock lets one migrate while the others wait.
 * Amounts are bigint tiyn; terminal ids and agent transaction ids are text (up to 18 digits).
 */
import type pg from 'pg';

export interface FleetMigration {
  version: number;
  sql: string;
}

export const FLEET_MIGRATIONS: readonly FleetMigration[] = [
  {
    version: 1,
    sql: `
CREATE TABLE terminals (
  id text PRIMARY KEY,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen timestamptz,
  heartbeat jsonb,
  last_seq bigint NOT NULL DEFAULT 0,
  journal_head text,
  journal_rows bigint
);
CREATE TABLE events (
  terminal_id text NOT NULL REFERENCES terminals (id),
  seq bigint NOT NULL,
  kind text NOT NULL,
  at timestamptz NOT NULL,
  body jsonb NOT NULL,
  -- When it was stored (under its terminal's lock), not when its transaction began.
  received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (terminal_id, seq)
);
CREATE TABLE payments (
  terminal_id text NOT NULL REFERENCES terminals (id),
  agent_transaction_id text NOT NULL,
  service_id text,
  state text NOT NULL,
  amount bigint NOT NULL,
  check_code text NOT NULL,
  at timestamptz NOT NULL,
  reported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (terminal_id, agent_transaction_id)
);
CREATE INDEX payments_at ON payments (at);
CREATE TABLE alerts (
  id bigserial PRIMARY KEY,
  terminal_id text NOT NULL REFERENCES terminals (id),
  kind text NOT NULL,
  detail text NOT NULL,
  raised_at timestamptz NOT NULL DEFAULT now(),
  cleared_at timestamptz
);
CREATE UNIQUE INDEX alerts_open ON alerts (terminal_id, kind) WHERE cleared_at IS NULL;
CREATE TABLE commands (
  id text PRIMARY KEY,
  terminal_id text NOT NULL REFERENCES terminals (id),
  kind text NOT NULL,
  args jsonb NOT NULL,
  operator text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  done_at timestamptz,
  ok boolean,
  result jsonb
);
CREATE INDEX commands_open ON commands (terminal_id) WHERE done_at IS NULL;
CREATE TABLE operators (
  name text PRIMARY KEY,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  operator text NOT NULL REFERENCES operators (name) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);`,
  },
];

/** Applies what is pending; refuses a database newer than this program. */
export async function migrateFleet(client: pg.ClientBase, migrations: readonly FleetMigration[] = FLEET_MIGRATIONS): Promise<number> {
  await client.query('BEGIN');
  try {
    // One migrator at a time across every server on this database (released at COMMIT).
    await client.query('SELECT pg_advisory_xact_lock(7316001)');
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const r = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    const current = r.rows[0]?.v ?? 0;
    const latest = migrations.length;
    if (current > latest) throw new Error(`the fleet database is at version ${current}, newer than this Tolem (which knows up to ${latest}): run the newer Tolem`);
    for (const m of migrations.slice(current)) {
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
    }
    await client.query('COMMIT');
    return latest;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
