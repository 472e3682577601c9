/**
 * The journal's side of the fleet: the outbox the triggers fill (migration 010) and the commands the
 * fleet sent, each kept until the fleet has it. Delivered events leave the outbox (the facts stay in
 * their own tables); a command is written before it is carried out and its result before it is told.
 */
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { EventKind, FleetCommand, FleetEvent } from '../../shared/fleet/protocol.js';

interface OutboxRow {
  seq: number;
  kind: EventKind;
  at: number;
  body: string;
}

export interface CommandRow {
  id: string;
  kind: string;
  args: string;
  received_at: number;
  done_at: number | null;
  ok: number | null;
  result: string | null;
}

export class FleetJournal {
  private readonly q;

  constructor(private readonly db: Database.Database) {
    this.q = {
      pending: db.prepare<[number], OutboxRow>('SELECT seq, kind, at, body FROM fleet_outbox ORDER BY seq LIMIT ?'),
      summary: db.prepare<[], { count: number; oldest: number | null }>('SELECT count(*) AS count, min(at) AS oldest FROM fleet_outbox'),
      delivered: db.prepare<[number]>('DELETE FROM fleet_outbox WHERE seq <= ?'),
      receive: db.prepare<[string, string, string, number]>('INSERT INTO fleet_commands (id, kind, args, received_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING'),
      toRun: db.prepare<[], CommandRow>('SELECT * FROM fleet_commands WHERE done_at IS NULL ORDER BY received_at, id'),
      finish: db.prepare<[number, number, string, string]>('UPDATE fleet_commands SET done_at = ?, ok = ?, result = ? WHERE id = ? AND done_at IS NULL'),
      unreported: db.prepare<[], CommandRow>('SELECT * FROM fleet_commands WHERE done_at IS NOT NULL AND reported_at IS NULL ORDER BY done_at LIMIT 100'),
      reported: db.prepare<[number, string]>('UPDATE fleet_commands SET reported_at = ? WHERE id = ?'),
      meta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare<[string, string]>('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    };
  }

  /** The oldest events not yet stored by the fleet, in order; `checkCode` adds each payment's public page code. */
  pending(limit: number): FleetEvent[] {
    return this.q.pending.all(limit).map((r) => {
      const body = JSON.parse(r.body) as Record<string, unknown>;
      if (r.kind === 'payment' && typeof body.agentTransactionId === 'string') body.checkCode = this.checkCode(body.agentTransactionId);
      return { seq: r.seq, kind: r.kind, at: r.at, body };
    });
  }

  summary(): { count: number; oldestAt: number | null } {
    const s = this.q.summary.get()!;
    return { count: s.count, oldestAt: s.oldest };
  }

  /** The fleet has stored every event up to `seq`. */
  delivered(seq: number): void {
    this.q.delivered.run(seq);
  }

  /** A command from the fleet, journaled once (the fleet sends it again until it hears the result). */
  receive(c: FleetCommand, now = Date.now()): void {
    this.q.receive.run(c.id, c.kind, JSON.stringify(c.args), now);
  }

  toRun(): CommandRow[] {
    return this.q.toRun.all();
  }

  finish(id: string, ok: boolean, result: unknown, now = Date.now()): void {
    this.q.finish.run(now, ok ? 1 : 0, JSON.stringify(result ?? null), id);
  }

  unreported(): { id: string; ok: boolean; result: unknown }[] {
    return this.q.unreported.all().map((r) => ({ id: r.id, ok: r.ok === 1, result: r.result === null ? null : (JSON.parse(r.result) as unknown) }));
  }

  reported(ids: readonly string[], now = Date.now()): void {
    this.db.transaction(() => {
      for (const id of ids) this.q.reported.run(now, id);
    })();
  }

  /** Locked from the fleet: takes no new money, across restarts, until unlocked. */
  get locked(): boolean {
    return this.q.meta.get('fleet-locked')?.value === '1';
  }

  setLocked(locked: boolean): void {
    this.q.setMeta.run('fleet-locked', locked ? '1' : '0');
  }

  /**
   * A payment's code for its public page on the fleet server: a keyed hash of its reference with this
   * journal's own key (made once, kept in meta), so nobody can guess another payment's page.
   */
  checkCode(agentTransactionId: string): string {
    let key = this.q.meta.get('fleet-code-key')?.value;
    if (!key) {
      key = crypto.randomBytes(32).toString('hex');
      this.db.prepare("INSERT INTO meta (key, value) VALUES ('fleet-code-key', ?) ON CONFLICT (key) DO NOTHING").run(key);
      key = this.q.meta.get('fleet-code-key')!.value;
    }
    return crypto.createHmac('sha256', key).update(agentTransactionId).digest('base64url').slice(0, 12);
  }
}
