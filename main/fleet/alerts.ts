/**
 * The fleet's alerts, decided once: from a terminal's last heartbeat (and, for `offline`, from how long
 * ago it came), which conditions stand. The server raises an alert when its condition starts and clears
 * it with an "all clear" when it ends (main/fleet/fleet-store.ts); this file only says what stands.
 */
import type { Heartbeat } from '../../shared/fleet/protocol.js';

export const ALERT_KINDS = ['offline', 'queue', 'paper-out', 'paper-low', 'cassette', 'review', 'clock', 'safe-mode', 'stuck', 'journal'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface AlertRules {
  /** No heartbeat for this long: offline (lamassu's three minutes). */
  offlineMinutes: number;
  /** The oldest payment waiting to be sent is older than this. */
  queueMinutes: number;
  /** The clock is this far from processing's. */
  clockSeconds: number;
  /** A kiosk shows one screen other than its home for this long. */
  stuckMinutes: number;
  /** The cassette holds this share of its capacity (percent). */
  cassettePercent: number;
}

export const DEFAULT_ALERT_RULES: AlertRules = { offlineMinutes: 3, queueMinutes: 30, clockSeconds: 60, stuckMinutes: 15, cassettePercent: 90 };

/** Screens a terminal may rest on for as long as it likes. */
const RESTING_SCREENS = new Set(['home', 'locked', 'admin', 'service']);

function item(h: Heartbeat, key: string) {
  return h.health.items.find((i) => i.key === key);
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** What stands by the heartbeat `h` received at `receivedAt` (epoch ms): kind → a line for the operator. */
export function heartbeatAlerts(h: Heartbeat, rules: AlertRules, receivedAt: number): Map<AlertKind, string> {
  const out = new Map<AlertKind, string>();
  const queue = item(h, 'queue');
  const age = num(queue?.facts.oldestAgeMs);
  if (age !== null && age >= rules.queueMinutes * 60_000) out.set('queue', `${queue!.facts.pending} payment(s) wait to be sent, the oldest for ${Math.round(age / 60_000)} min`);
  const printer = item(h, 'printer');
  if (printer?.facts.paper === 'out') out.set('paper-out', `${String(printer.facts.printer ?? 'printer')}: out of paper`);
  else if (printer?.facts.paper === 'low') out.set('paper-low', `${String(printer.facts.printer ?? 'printer')}: paper running low`);
  const acceptor = item(h, 'acceptor');
  const notes = num(acceptor?.facts.cassetteNotes);
  const capacity = num(acceptor?.facts.cassetteCapacity);
  if (notes !== null && capacity !== null && capacity > 0 && notes * 100 >= capacity * rules.cassettePercent) out.set('cassette', `the cassette holds ${notes} of ${capacity} notes`);
  const review = item(h, 'review');
  const inReview = (num(review?.facts.payments) ?? 0) + (num(review?.facts.payouts) ?? 0);
  if (inReview > 0) out.set('review', `${num(review?.facts.payments) ?? 0} payment(s) and ${num(review?.facts.payouts) ?? 0} payout(s) need a person`);
  const skew = num(item(h, 'clock')?.facts.skewMs);
  if (skew !== null && Math.abs(skew) >= rules.clockSeconds * 1000) out.set('clock', `the clock is ${Math.round(skew / 1000)} s from processing's`);
  if (item(h, 'safe-mode')) out.set('safe-mode', 'safe mode: it crashed three times in ten minutes and takes no new money');
  if (h.screen && !RESTING_SCREENS.has(h.screen.name) && receivedAt - h.screen.since >= rules.stuckMinutes * 60_000) {
    out.set('stuck', `on the screen "${h.screen.name}" for ${Math.round((receivedAt - h.screen.since) / 60_000)} min`);
  }
  return out;
}

/**
 * Whether a terminal's journal history was rewritten between two heartbeats: fewer rows than before,
 * or as many with another head (a journal only grows; each row's hash chains to the one before).
 */
export function historyRewritten(before: { head: string | null; rows: number | null }, now: Heartbeat['journal']): boolean {
  if (before.head === null || before.rows === null || now.head === null) return false;
  if (now.rows < before.rows) return true;
  return now.rows === before.rows && now.head !== before.head;
}
