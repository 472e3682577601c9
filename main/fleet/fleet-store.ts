/**
 * The fleet's state, all of it in PostgreSQL: a fleet server keeps nothing of its own between requests,
 * so several can serve one database behind a load balancer. Each terminal's requests are serialised on
 * its row (SELECT … FOR UPDATE), so two servers answering one terminal at once still store its events
 * once and in order, and raise an alert once.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { heartbeatAlerts, historyRewritten, type AlertKind, type AlertRules } from './alerts.js';
import { migrateFleet } from './fleet-migrations.js';
import type { CommandKind, FleetCommand, FleetEvent, Heartbeat } from '../../shared/fleet/protocol.js';
import type { FleetAlertView, FleetTerminalView, FleetTimelineEntry, FleetTotalsView, PublicPaymentView } from '../../shared/fleet/views.js';

// bigint (int8) columns as text: tiyn sums and sequence numbers never pass through a float.
pg.types.setTypeParser(20, (v) => v);

export function hashSecret(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

function newSecret(): string {
  return crypto.randomBytes(24).toString('base64url');
}

function hashPassword(password: string, salt = crypto.randomBytes(16).toString('hex')): string {
  return `scrypt:${salt}:${crypto.scryptSync(password, salt, 32).toString('hex')}`;
}

function passwordMatches(password: string, stored: string): boolean {
  const [, salt, hash] = stored.split(':');
  if (!salt || !hash) return false;
  const got = Buffer.from(hashPassword(password, salt).split(':')[2]!, 'hex');
  const want = Buffer.from(hash, 'hex');
  return got.length === want.length && crypto.timingSafeEqual(got, want);
}

/** A payment's check code for its public page: the terminal computes it, the page shows a payment only to the one who holds it. */
export function isCheckCode(s: string): boolean {
  return /^[0-9A-Za-z_-]{6,32}$/.test(s);
}

export const SESSION_HOURS = 12;

export class FleetStore {
  readonly pool: pg.Pool;

  private constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  /** Connects and migrates. `max`: connections this server keeps. */
  static async open(url: string, opts: { max?: number } = {}): Promise<FleetStore> {
    const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, connectionTimeoutMillis: 10_000 });
    // A connection PostgreSQL drops (a restart) is an error on the pool, not a crash of the server.
    pool.on('error', () => undefined);
    const client = await pool.connect();
    try {
      await migrateFleet(client);
    } finally {
      client.release();
    }
    return new FleetStore(pool);
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const r = await fn(c);
      await c.query('COMMIT');
      return r;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  }

  /** Registers a terminal (or gives a registered one a new token, the old one stops working); the token is shown once. */
  async addTerminal(id: string, name: string): Promise<string> {
    if (!/^\d{1,18}$/.test(id)) throw new FleetInputError(`a terminal id is up to 18 digits, got "${id}"`);
    const token = newSecret();
    await this.pool.query('INSERT INTO terminals (id, name, token_hash) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET name = excluded.name, token_hash = excluded.token_hash', [id, name, hashSecret(token)]);
    return token;
  }

  async terminalByToken(token: string): Promise<string | null> {
    const r = await this.pool.query<{ id: string }>('SELECT id FROM terminals WHERE token_hash = $1', [hashSecret(token)]);
    return r.rows[0]?.id ?? null;
  }

  /** Creates an operator or sets a new password; returns the password (shown once). */
  async setOperator(name: string, password = newSecret()): Promise<string> {
    if (!/^[\p{L}\p{N}._-]{1,64}$/u.test(name)) throw new FleetInputError(`an operator's name is letters, digits, ".", "_" or "-" (at most 64), got "${name}"`);
    await this.pool.query('INSERT INTO operators (name, password_hash) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash', [name, hashPassword(password)]);
    await this.pool.query('DELETE FROM sessions WHERE operator = $1', [name]);
    return password;
  }

  async hasOperators(): Promise<boolean> {
    return (await this.pool.query('SELECT 1 FROM operators LIMIT 1')).rowCount! > 0;
  }

  /** A session token for a right name and password; null otherwise. */
  async login(name: string, password: string): Promise<string | null> {
    const r = await this.pool.query<{ password_hash: string }>('SELECT password_hash FROM operators WHERE name = $1', [name]);
    const stored = r.rows[0]?.password_hash;
    // The same work whether or not the name exists (no telling names by the time taken).
    const ok = passwordMatches(password, stored ?? hashPassword('not-a-password'));
    if (!stored || !ok) return null;
    const token = newSecret();
    await this.pool.query(`INSERT INTO sessions (token_hash, operator, expires_at) VALUES ($1, $2, now() + interval '${SESSION_HOURS} hours')`, [hashSecret(token), name]);
    return token;
  }

  async operatorBySession(token: string): Promise<string | null> {
    const r = await this.pool.query<{ operator: string }>('SELECT operator FROM sessions WHERE token_hash = $1 AND expires_at > now()', [hashSecret(token)]);
    return r.rows[0]?.operator ?? null;
  }

  async logout(token: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE token_hash = $1', [hashSecret(token)]);
  }

  /**
   * A heartbeat: its health kept, the results of commands stored, alerts raised or cleared, and the
   * commands not yet done handed back (again, until the terminal reports them done).
   */
  async heartbeat(terminalId: string, hb: Heartbeat, rules: AlertRules): Promise<FleetCommand[]> {
    return this.tx(async (c) => {
      const t = await c.query<{ journal_head: string | null; journal_rows: string | null; now: Date }>('SELECT journal_head, journal_rows, now() AS now FROM terminals WHERE id = $1 FOR UPDATE', [terminalId]);
      const row = t.rows[0];
      if (!row) throw new FleetInputError('unknown terminal');
      for (const r of hb.results) {
        await c.query('UPDATE commands SET done_at = now(), ok = $3, result = $4 WHERE id = $1 AND terminal_id = $2 AND done_at IS NULL', [r.id, terminalId, r.ok, JSON.stringify(r.result ?? null)]);
      }
      const standing = heartbeatAlerts(hb, rules, row.now.getTime());
      const rewritten = historyRewritten({ head: row.journal_head, rows: row.journal_rows === null ? null : Number(row.journal_rows) }, hb.journal);
      if (rewritten) standing.set('journal', `its journal's history was rewritten: ${row.journal_rows} rows with head ${row.journal_head?.slice(0, 12)}…, now ${hb.journal.rows} with ${hb.journal.head?.slice(0, 12)}…`);
      await this.settleAlerts(c, terminalId, standing, { keep: ['journal'] });
      // A rewritten history keeps the head it was last trusted with: every later heartbeat says so too.
      const head = rewritten ? { head: row.journal_head, rows: row.journal_rows } : { head: hb.journal.head, rows: hb.journal.rows };
      await c.query('UPDATE terminals SET last_seen = now(), heartbeat = $2, journal_head = $3, journal_rows = $4 WHERE id = $1', [terminalId, JSON.stringify(hb), head.head, head.rows]);
      const open = await c.query<{ id: string; kind: CommandKind; args: Record<string, unknown> }>('SELECT id, kind, args FROM commands WHERE terminal_id = $1 AND done_at IS NULL ORDER BY created_at, id', [terminalId]);
      if (open.rowCount) await c.query('UPDATE commands SET sent_at = coalesce(sent_at, now()) WHERE terminal_id = $1 AND done_at IS NULL', [terminalId]);
      return open.rows.map((r) => ({ id: r.id, kind: r.kind, args: r.args }));
    });
  }

  /**
   * Raises the standing alerts that are not open yet, and clears the open ones that no longer stand
   * (their all clear), except `offline` (the sweep's) and the kinds in `keep` (cleared by a person).
   */
  private async settleAlerts(c: pg.PoolClient, terminalId: string, standing: Map<AlertKind, string>, opts: { keep: AlertKind[] }): Promise<void> {
    const open = await c.query<{ kind: AlertKind }>('SELECT kind FROM alerts WHERE terminal_id = $1 AND cleared_at IS NULL', [terminalId]);
    const openKinds = new Set(open.rows.map((r) => r.kind));
    for (const [kind, detail] of standing) {
      if (!openKinds.has(kind)) await c.query('INSERT INTO alerts (terminal_id, kind, detail) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [terminalId, kind, detail]);
    }
    // It answers: it is not offline.
    const clear = [...openKinds].filter((k) => k === 'offline' || (!standing.has(k) && !opts.keep.includes(k)));
    if (clear.length) await c.query('UPDATE alerts SET cleared_at = now() WHERE terminal_id = $1 AND cleared_at IS NULL AND kind = ANY($2)', [terminalId, clear]);
  }

  /** Terminals silent for longer than the rule: offline, raised once (whichever server sweeps first). */
  async sweepOffline(rules: AlertRules): Promise<number> {
    const r = await this.pool.query(
      `INSERT INTO alerts (terminal_id, kind, detail)
       SELECT id, 'offline', 'no heartbeat since ' || to_char(last_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC'
       FROM terminals WHERE last_seen < now() - make_interval(secs => $1::float8 * 60)
       -- A terminal whose heartbeat is being stored is not offline; one stored meanwhile is read again (no alert raised after its all clear).
       FOR UPDATE SKIP LOCKED
       ON CONFLICT DO NOTHING`,
      [rules.offlineMinutes],
    );
    return r.rowCount ?? 0;
  }

  /**
   * Stores a batch of events of the terminal whose token this is: each once, and only in order (from
   * the one after the last stored); returns the last stored seq, where the terminal goes on from, or
   * null for a token of no terminal. `batch`: {events: […]}, checked by the protocol's schema (as text: passed on as it came). One statement, one round trip: the terminal's row is locked (two
   * servers answering one terminal take turns, the second reading what the first stored), the batch
   * (one JSON text) is cut to what follows that row's last seq without a gap, the events are stored,
   * the payments they report projected (the latest state of each, checked here: a body that is not a
   * payment's shape is stored, not projected), and the row moved on.
   */
  async ingest(token: string, batch: string | { events: readonly FleetEvent[] }): Promise<number | null> {
    const r = await this.pool.query<{ last_seq: string }>(
      `WITH t AS (SELECT id, last_seq FROM terminals WHERE token_hash = $1 FOR UPDATE),
       given AS (SELECT x.seq, x.kind, x.at, x.body, row_number() OVER (ORDER BY x.seq) AS rn
                 FROM jsonb_to_recordset($2::jsonb->'events') AS x(seq bigint, kind text, at bigint, body jsonb), t WHERE x.seq > t.last_seq),
       e AS (SELECT given.seq, given.kind, given.at, given.body FROM given, t WHERE given.seq = t.last_seq + given.rn),
       stored AS (INSERT INTO events (terminal_id, seq, kind, at, body) SELECT t.id, seq, kind, to_timestamp(at / 1000.0), body FROM e, t ON CONFLICT DO NOTHING),
       paid AS (
         INSERT INTO payments (terminal_id, agent_transaction_id, service_id, state, amount, check_code, at)
         SELECT DISTINCT ON (body->>'agentTransactionId') t.id, body->>'agentTransactionId', left(body->>'serviceId', 32), left(body->>'state', 32), (body->>'amount')::bigint, body->>'checkCode',
           to_timestamp((CASE WHEN body->>'acceptedAt' ~ '^[0-9]{1,15}$' THEN (body->>'acceptedAt')::bigint ELSE at END) / 1000.0)
         FROM e, t
         WHERE kind = 'payment' AND body->>'agentTransactionId' ~ '^[0-9]{1,24}$' AND body->>'amount' ~ '^[0-9]{1,15}$'
           AND body->>'state' IS NOT NULL AND body->>'checkCode' ~ '^[0-9A-Za-z_-]{6,32}$'
         ORDER BY body->>'agentTransactionId', seq DESC
         ON CONFLICT (terminal_id, agent_transaction_id) DO UPDATE SET state = excluded.state, amount = excluded.amount, reported_at = now())
       UPDATE terminals SET last_seq = coalesce((SELECT max(seq) FROM e), terminals.last_seq) FROM t WHERE terminals.id = t.id RETURNING terminals.last_seq`,
      [hashSecret(token), typeof batch === 'string' ? batch : JSON.stringify(batch)],
    );
    const row = r.rows[0];
    return row ? Number(row.last_seq) : null;
  }

  /** An operator's command to a terminal, delivered with its next heartbeat's answer. */
  async sendCommand(operator: string, terminalId: string, kind: CommandKind, args: Record<string, unknown>): Promise<string> {
    const id = crypto.randomUUID();
    const r = await this.pool.query('INSERT INTO commands (id, terminal_id, kind, args, operator) SELECT $1, id, $3, $4, $5 FROM terminals WHERE id = $2', [id, terminalId, kind, JSON.stringify(args), operator]);
    if (r.rowCount === 0) throw new FleetInputError(`no terminal ${terminalId}`);
    return id;
  }

  async command(id: string): Promise<{ id: string; terminalId: string; kind: string; sentAt: string | null; doneAt: string | null; ok: boolean | null; result: unknown } | null> {
    const r = await this.pool.query('SELECT id, terminal_id, kind, sent_at, done_at, ok, result FROM commands WHERE id = $1', [id]);
    const row = r.rows[0] as { id: string; terminal_id: string; kind: string; sent_at: Date | null; done_at: Date | null; ok: boolean | null; result: unknown } | undefined;
    return row ? { id: row.id, terminalId: row.terminal_id, kind: row.kind, sentAt: row.sent_at?.toISOString() ?? null, doneAt: row.done_at?.toISOString() ?? null, ok: row.ok, result: row.result } : null;
  }

  /** Every terminal with what it last said and its open alerts. */
  async terminals(): Promise<FleetTerminalView[]> {
    const r = await this.pool.query<{ id: string; name: string; last_seen: Date | null; heartbeat: Heartbeat | null; last_seq: string }>('SELECT id, name, last_seen, heartbeat, last_seq FROM terminals ORDER BY name, id');
    const alerts = await this.openAlerts();
    return r.rows.map((t) => {
      const h = t.heartbeat;
      const queue = h?.health.items.find((i) => i.key === 'queue');
      const printer = h?.health.items.find((i) => i.key === 'printer');
      return {
        id: t.id,
        name: t.name,
        lastSeen: t.last_seen?.toISOString() ?? null,
        mode: h?.health.mode ?? null,
        version: h?.health.version ?? null,
        ok: h?.health.ok ?? null,
        locked: h?.locked ?? false,
        pending: typeof queue?.facts.pending === 'number' ? queue.facts.pending : null,
        paper: typeof printer?.facts.paper === 'string' ? printer.facts.paper : null,
        screen: h?.screen?.name ?? null,
        eventsStored: Number(t.last_seq),
        alerts: alerts.filter((a) => a.terminalId === t.id),
      };
    });
  }

  async openAlerts(): Promise<FleetAlertView[]> {
    const r = await this.pool.query<{ id: string; terminal_id: string; kind: AlertKind; detail: string; raised_at: Date }>('SELECT id, terminal_id, kind, detail, raised_at FROM alerts WHERE cleared_at IS NULL ORDER BY raised_at, id');
    return r.rows.map((a) => ({ id: a.id, terminalId: a.terminal_id, kind: a.kind, detail: a.detail, raisedAt: a.raised_at.toISOString(), clearedAt: null }));
  }

  /** Alerts cleared in the last `hours`, newest first: the page's "all clear" list. */
  async clearedAlerts(hours = 24): Promise<FleetAlertView[]> {
    const r = await this.pool.query<{ id: string; terminal_id: string; kind: AlertKind; detail: string; raised_at: Date; cleared_at: Date }>("SELECT id, terminal_id, kind, detail, raised_at, cleared_at FROM alerts WHERE cleared_at > now() - make_interval(hours => $1) ORDER BY cleared_at DESC, id DESC LIMIT 100", [hours]);
    return r.rows.map((a) => ({ id: a.id, terminalId: a.terminal_id, kind: a.kind, detail: a.detail, raisedAt: a.raised_at.toISOString(), clearedAt: a.cleared_at.toISOString() }));
  }

  /** A terminal's story, newest first: its events, alerts raised and all-clears, commands and their results. */
  async timeline(terminalId: string, limit = 200): Promise<FleetTimelineEntry[]> {
    const r = await this.pool.query<{ at: Date; what: FleetTimelineEntry['what']; kind: string; detail: unknown }>(
      `(SELECT at, 'event' AS what, kind, body AS detail FROM events WHERE terminal_id = $1 ORDER BY seq DESC LIMIT $2)
       UNION ALL (SELECT raised_at, 'alert', kind, to_jsonb(detail) FROM alerts WHERE terminal_id = $1 ORDER BY raised_at DESC LIMIT $2)
       UNION ALL (SELECT cleared_at, 'all-clear', kind, to_jsonb(detail) FROM alerts WHERE terminal_id = $1 AND cleared_at IS NOT NULL ORDER BY cleared_at DESC LIMIT $2)
       UNION ALL (SELECT created_at, 'command', kind, jsonb_build_object('id', id, 'operator', operator, 'args', args) FROM commands WHERE terminal_id = $1 ORDER BY created_at DESC LIMIT $2)
       UNION ALL (SELECT done_at, 'result', kind, jsonb_build_object('id', id, 'ok', ok, 'result', result) FROM commands WHERE terminal_id = $1 AND done_at IS NOT NULL ORDER BY done_at DESC LIMIT $2)
       ORDER BY 1 DESC LIMIT $2`,
      [terminalId, limit],
    );
    return r.rows.map((e) => ({ at: e.at.toISOString(), what: e.what, kind: e.kind, detail: e.detail }));
  }

  /** Paid sums per day (in `timeZone`, the agent's) per terminal, and for the agent, over the last `days`. */
  async totals(timeZone: string, days: number): Promise<FleetTotalsView> {
    const r = await this.pool.query<{ terminal_id: string; day: string; count: string; total: string }>(
      `SELECT terminal_id, to_char(at AT TIME ZONE $1, 'YYYY-MM-DD') AS day, count(*)::bigint AS count, sum(amount)::bigint AS total
       FROM payments WHERE state = 'success' AND at > now() - make_interval(days => $2)
       GROUP BY 1, 2 ORDER BY 2 DESC, 1`,
      [timeZone, days],
    );
    const rows = r.rows.map((x) => ({ terminalId: x.terminal_id, day: x.day, count: Number(x.count), total: x.total }));
    const byDay = new Map<string, { count: number; total: bigint }>();
    for (const x of rows) {
      const d = byDay.get(x.day) ?? { count: 0, total: 0n };
      d.count += x.count;
      d.total += BigInt(x.total);
      byDay.set(x.day, d);
    }
    return { timeZone, rows, agent: [...byDay].map(([day, d]) => ({ day, count: d.count, total: d.total.toString() })) };
  }

  /** A payment's public page: its state as last reported, for whoever holds its check code (no personal data). */
  async publicPayment(terminalId: string, agentTransactionId: string, code: string): Promise<PublicPaymentView | null> {
    // null: not the shape of a reference and a code at all.
    if (!/^\d{1,18}$/.test(terminalId) || !/^\d{1,24}$/.test(agentTransactionId) || !isCheckCode(code)) return null;
    const r = await this.pool.query<{ state: string; amount: string; at: Date; reported_at: Date; check_code: string }>('SELECT state, amount, at, reported_at, check_code FROM payments WHERE terminal_id = $1 AND agent_transaction_id = $2', [terminalId, agentTransactionId]);
    const p = r.rows[0];
    const a = Buffer.from(p?.check_code ?? '');
    const b = Buffer.from(code);
    // A wrong code reads as a payment not reported: the page tells nobody which payments exist.
    if (!p || a.length !== b.length || !crypto.timingSafeEqual(a, b)) return { agentTransactionId, state: null, amount: null, at: null, reportedAt: null };
    return { agentTransactionId, state: p.state, amount: p.amount, at: p.at.toISOString(), reportedAt: p.reported_at.toISOString() };
  }
}

export class FleetInputError extends Error {
  override name = 'FleetInputError';
}
