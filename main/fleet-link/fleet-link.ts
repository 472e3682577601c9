/**
 * A terminal's link to its fleet server: every `intervalMs` (30 s) it sends the outbox's events in order
 * until none is left, then a heartbeat (its health, its journal's head, its screen, the results of the
 * commands it carried out) whose answer brings the commands waiting for it. Each command is journaled,
 * carried out once and its result told with the next heartbeat, sent at once.
 *
 * At least once: an event leaves the outbox only when the server's answer says it is stored; a lost
 * answer sends it again and the server keeps it once. A server that does not answer is asked again
 * after 1 s, 2 s, 4 s… up to the interval; a terminal offline for a week sends its week in batches.
 */
import { FLEET_API, MAX_EVENTS_PER_BATCH, zCommand, zEventAnswer, zHeartbeatAnswer, type Heartbeat } from '../../shared/fleet/protocol.js';
import type { Logger } from '../base/log.js';
import type { FleetJournal } from './fleet-journal.js';
import { runCommand, type CommandTarget } from './remote-commands.js';

export interface FleetLinkOptions {
  url: string;
  token: string;
  journal: FleetJournal;
  /** Everything a heartbeat says but the results (they come from the journal). */
  heartbeat: () => Promise<Omit<Heartbeat, 'results'>>;
  target: CommandTarget;
  intervalMs: number;
  timeoutMs?: number;
  batch?: number;
  log: Logger;
  /** Told after each command is carried out (the screens hear of a lock). */
  onCommand?: (kind: string) => void;
}

export interface FleetLinkState {
  /** The last time the server answered (epoch ms), null until it has. */
  lastAnswerAt: number | null;
  lastError: string | null;
  waiting: number;
}

export class FleetLink {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private ticking: Promise<void> | null = null;
  private failures = 0;
  private lastAnswerAt: number | null = null;
  private lastError: string | null = null;

  constructor(private readonly o: FleetLinkOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking;
  }

  get state(): FleetLinkState {
    return { lastAnswerAt: this.lastAnswerAt, lastError: this.lastError, waiting: this.o.journal.summary().count };
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => {
        this.ticking = null;
      });
    }, ms);
    this.timer.unref();
  }

  /** One round: events, heartbeat, commands. Never throws; the next round is scheduled by how it went. */
  async tick(): Promise<void> {
    let ok = true;
    try {
      await this.flush();
      let answered = await this.beat();
      // Results go out at once, not a whole interval later (and a command may bring another).
      for (let i = 0; i < 5 && answered && (await this.runCommands()); i++) answered = await this.beat();
      this.failures = 0;
      this.lastError = null;
    } catch (err) {
      ok = false;
      this.failures += 1;
      const message = err instanceof Error ? err.message : String(err);
      if (message !== this.lastError) this.o.log.warn('fleet: the server is not reached; trying again', { url: this.o.url, error: message });
      this.lastError = message;
    }
    const backoff = Math.min(this.o.intervalMs, 1000 * 2 ** Math.min(this.failures - 1, 10));
    this.schedule(ok ? this.o.intervalMs : backoff);
  }

  private async post(path: string, body: unknown): Promise<unknown> {
    const res = await fetch(`${this.o.url.replace(/\/$/, '')}${FLEET_API}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.o.token}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.o.timeoutMs ?? 15_000),
    });
    const text = await res.text();
    if (!res.ok) {
      let why = text.slice(0, 300);
      try {
        why = String((JSON.parse(text) as { error?: unknown }).error ?? why);
      } catch {
        /* the body as it came */
      }
      throw new Error(`${path}: HTTP ${res.status}: ${why}`);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new Error(`${path}: the answer is not JSON`);
    }
  }

  /** Sends the outbox in order until it is empty. */
  async flush(): Promise<void> {
    for (;;) {
      const events = this.o.journal.pending(Math.min(this.o.batch ?? 200, MAX_EVENTS_PER_BATCH));
      if (!events.length) return;
      const answer = zEventAnswer.safeParse(await this.post('/events', { events }));
      if (!answer.success) throw new Error('/events: the answer is not the fleet\'s');
      const stored = answer.data.lastSeq;
      this.o.journal.delivered(stored);
      this.lastAnswerAt = Date.now();
      // The server stored none of these (it has a gap before them, or a history of its own): stop for now.
      if (stored < events[0]!.seq) throw new Error(`/events: the server has events up to ${stored}, this terminal's outbox starts at ${events[0]!.seq}`);
    }
  }

  /** A heartbeat; the commands it brings are journaled. Returns whether it was answered. */
  private async beat(): Promise<boolean> {
    const results = this.o.journal.unreported();
    const hb: Heartbeat = { ...(await this.o.heartbeat()), results };
    const raw = await this.post('/heartbeat', hb);
    const answer = zHeartbeatAnswer.safeParse(raw);
    if (!answer.success) throw new Error('/heartbeat: the answer is not the fleet\'s');
    this.lastAnswerAt = Date.now();
    this.o.journal.reported(results.map((r) => r.id));
    for (const c of answer.data.commands) this.o.journal.receive(c);
    return true;
  }

  /** Carries out the commands journaled and not done (a restart mid-command carries it out again). Returns whether any ran. */
  private async runCommands(): Promise<boolean> {
    const rows = this.o.journal.toRun();
    for (const row of rows) {
      const parsed = zCommand.safeParse({ id: row.id, kind: row.kind, args: JSON.parse(row.args) as unknown });
      let outcome: { ok: boolean; result: unknown };
      if (!parsed.success) outcome = { ok: false, result: { error: `this terminal does not know the command "${row.kind}"` } };
      else {
        try {
          outcome = await runCommand(parsed.data.kind, parsed.data.args, this.o.target);
        } catch (err) {
          outcome = { ok: false, result: { error: err instanceof Error ? err.message : String(err) } };
        }
      }
      this.o.journal.finish(row.id, outcome.ok, outcome.result);
      this.o.log.info('fleet command', { id: row.id, kind: row.kind, ok: outcome.ok });
      this.o.onCommand?.(row.kind);
    }
    return rows.length > 0;
  }
}
