/**
 * How a terminal stands, for a person or a watchdog: each thing that can need a person, with a level
 * and a line that says what is wrong and what to do. `tolem health` prints it (exit status 4 when a
 * person is needed); the loopback endpoint serves it as JSON for a watchdog.
 */
import fs from 'node:fs';
import { releaseInfo } from '../base/high-water.js';
import { formatLocalDateTime } from '../base/zone.js';
import { paperStatus } from '../receipts/transport.js';
import { formatDecimal } from '../../shared/money/amount.js';
import type { Terminal } from './terminal.js';

export type HealthLevel = 'ok' | 'warn' | 'person';

export interface HealthItem {
  key: 'safe-mode' | 'fleet' | 'processing' | 'queue' | 'review' | 'printer' | 'acceptor' | 'cash' | 'disk' | 'journal' | 'clock' | 'shift';
  level: HealthLevel;
  /** What stands, in a line for support (English, as the CLI speaks). */
  detail: string;
  /** The figures behind it, for a watchdog or the fleet. */
  facts: Record<string, string | number | boolean | null>;
}

export interface TerminalHealth {
  /** Nothing needs a person (warnings may stand). */
  ok: boolean;
  at: string;
  terminalId: number;
  mode: 'cashier' | 'kiosk';
  version: string;
  items: HealthItem[];
}

/** When a waiting payment is a warning, and when it needs a person (a queue stuck that long is not the network's blink). */
export const QUEUE_WARN_MS = 10 * 60_000;
export const QUEUE_PERSON_MS = 60 * 60_000;
/** Free space under which the journal's disk is a warning, and a person's matter. */
export const DISK_WARN_BYTES = 500 * 1024 * 1024;
export const DISK_PERSON_BYTES = 100 * 1024 * 1024;
/** A clock this far from processing's is a warning; this far, a person's (receipts, the day's totals and ids depend on it). */
export const CLOCK_WARN_MS = 60_000;
export const CLOCK_PERSON_MS = 5 * 60_000;

const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;

/** `probe`: ask processing now (a balance request) rather than say what the last request found. */
export async function terminalHealth(t: Terminal, opts: { probe?: boolean; now?: number } = {}): Promise<TerminalHealth> {
  const items: HealthItem[] = [];
  if (opts.probe !== false) {
    const o = await t.client.balance();
    t.connectivity.report(o);
  }
  const now = opts.now ?? Date.now();

  if (t.safeMode) items.push({ key: 'safe-mode', level: 'person', detail: 'safe mode: the terminal stopped unexpectedly three times in ten minutes and takes no new money; read the log, then restart it', facts: { safeMode: true } });

  const outbox = t.fleet.summary();
  const link = t.fleetLink?.state ?? null;
  if (t.fleetLocked || t.config.fleet.url) {
    const late = outbox.oldestAt !== null && now - outbox.oldestAt >= QUEUE_PERSON_MS;
    items.push({
      key: 'fleet',
      level: t.fleetLocked || late ? 'warn' : 'ok',
      detail: `${t.fleetLocked ? 'locked from the fleet: takes no new money until unlocked; ' : ''}${!t.config.fleet.url ? 'no fleet server is configured' : link?.lastError ? `the fleet server is not reached (${link.lastError}); ${outbox.count} event(s) wait` : `${outbox.count} event(s) wait for the fleet server`}`,
      facts: { locked: t.fleetLocked, waiting: outbox.count, oldestAt: outbox.oldestAt, lastAnswerAt: link?.lastAnswerAt ?? null },
    });
  }

  const online = t.connectivity.current;
  const refused = t.connectivity.authRefused;
  items.push({
    key: 'processing',
    level: refused ? 'person' : online === 'online' ? 'ok' : 'warn',
    detail: refused ? 'processing refuses this terminal\'s credentials: new payments are refused; check the terminal id and token' : online === 'online' ? 'processing answers' : 'processing does not answer: payments are queued and sent when it does',
    facts: { online, authRefused: refused, sandbox: t.sandbox !== null },
  });

  const q = t.journal.pendingSummary();
  const age = q.oldestAcceptedAt === null ? null : Math.max(0, now - q.oldestAcceptedAt);
  items.push({
    key: 'queue',
    level: age !== null && age >= QUEUE_PERSON_MS ? 'person' : age !== null && age >= QUEUE_WARN_MS ? 'warn' : 'ok',
    detail: q.count === 0 ? 'nothing waits to be sent' : `${q.count} payment(s) wait to be sent (${formatDecimal(q.totalFrom)} ₸), the oldest for ${minutes(age ?? 0)}${age !== null && age >= QUEUE_PERSON_MS ? ': check the connection to processing (tolem queue --drain)' : ''}`,
    facts: { pending: q.count, pendingTotal: formatDecimal(q.totalFrom), oldestAgeMs: age },
  });

  const payoutsReview = t.payouts ? t.payouts.journal.inStates(['review']).length : 0;
  items.push({
    key: 'review',
    level: q.review + payoutsReview > 0 ? 'person' : 'ok',
    detail: q.review + payoutsReview > 0 ? `${q.review} payment(s) and ${payoutsReview} payout(s) need a person (tolem queue, tolem payouts)` : 'nothing needs a person',
    facts: { payments: q.review, payouts: payoutsReview },
  });

  const profile = t.receipts.profile();
  const paper = profile ? await paperStatus(profile.interface, Math.min(2000, t.config.receipts.timeoutMs)) : null;
  const kiosk = t.config.mode === 'kiosk';
  items.push({
    key: 'printer',
    level: !profile ? (kiosk ? 'person' : 'ok') : paper === 'out' || paper === 'unreachable' ? 'person' : 'ok',
    detail: !profile ? (kiosk ? 'no receipt printer is set up: the kiosk takes no money' : 'no receipt printer is set up (receipts are in the journal)') : paper === 'out' ? `${profile.name}: out of paper` : paper === 'unreachable' ? `${profile.name}: does not answer` : paper === 'unknown' ? `${profile.name}: it does not say whether it has paper` : `${profile.name}: ready`,
    facts: { printer: profile?.name ?? null, paper },
  });

  if (t.acceptor) {
    const s = t.acceptor.state;
    const fault = s?.fault ?? (s?.alarm ? 'alarm' : null);
    items.push({
      key: 'acceptor',
      level: fault ? 'person' : s ? 'ok' : 'warn',
      detail: fault ? `the bill validator reports ${fault}` : s ? `the bill validator is ${s.phase}` : 'the bill validator has not answered yet',
      facts: { phase: s?.phase ?? null, fault, accepting: s?.accepting ?? false, cassetteNotes: t.cash.cassette().count, cassetteCapacity: t.config.cashCassetteCapacity },
    });
  }

  const unpaid = t.cash.unpaid();
  items.push({
    key: 'cash',
    level: unpaid.length > 0 ? 'person' : 'ok',
    detail: unpaid.length > 0 ? `${unpaid.length} cash session(s) no payment accounts for: the attendant settles them in the service menu` : 'all cash is accounted for',
    facts: { withoutPayment: unpaid.length, total: formatDecimal(unpaid.reduce((n, c) => n + c.total, 0)) },
  });

  let free: number | null = null;
  try {
    const st = fs.statfsSync(t.config.dataDir);
    free = st.bavail * st.bsize;
  } catch {
    free = null;
  }
  items.push({
    key: 'disk',
    level: free === null ? 'warn' : free < DISK_PERSON_BYTES ? 'person' : free < DISK_WARN_BYTES ? 'warn' : 'ok',
    detail: free === null ? 'the free space of the data directory\'s disk is unknown' : `${Math.floor(free / 1024 / 1024)} MB free on the journal's disk${free < DISK_PERSON_BYTES ? ': free space before the journal fills it' : ''}`,
    facts: { freeBytes: free },
  });

  const check = (t.journal.db.pragma('quick_check(5)') as { quick_check: string }[]).map((r) => r.quick_check);
  const whole = check.length === 1 && check[0] === 'ok';
  items.push({
    key: 'journal',
    level: whole ? 'ok' : 'person',
    detail: whole ? 'the journal is whole (quick_check)' : `the journal reports damage: ${check.join('; ')} (tolem journal check)`,
    facts: { quickCheck: whole ? 'ok' : check.join('; ') },
  });

  const clock = t.client.clockSkew();
  const skew = clock ? Math.abs(clock.skewMs) : null;
  items.push({
    key: 'clock',
    level: skew === null ? 'ok' : skew >= CLOCK_PERSON_MS ? 'person' : skew >= CLOCK_WARN_MS ? 'warn' : 'ok',
    detail: skew === null ? 'no answer from processing yet to compare the clock with' : `this machine's clock is ${Math.round(clock!.skewMs / 1000)} s from processing's${skew >= CLOCK_PERSON_MS ? ': set the time (receipts and the day\'s totals use it)' : ''}`,
    facts: { skewMs: clock ? Math.round(clock.skewMs) : null },
  });

  if (t.config.mode === 'cashier') {
    const shift = t.till.currentShift();
    items.push({
      key: 'shift',
      level: 'ok',
      // In the agent's time, as every time that settles money.
      detail: shift ? `shift ${shift.id} open since ${formatLocalDateTime(shift.openedAt, t.config.timeZone).replace('T', ' ')} ${t.config.timeZone} (${shift.cashier})` : 'no shift is open',
      facts: { shift: shift?.id ?? null, openedAt: shift ? new Date(shift.openedAt).toISOString() : null },
    });
  }

  return { ok: items.every((i) => i.level !== 'person'), at: new Date(now).toISOString(), terminalId: t.config.terminalId, mode: t.config.mode, version: releaseInfo().version, items };
}
