/**
 * The till: a payment point's shifts (opened with the cashier's name; an X report at any time; a Z
 * report closes it, optionally at a set time of the agent's day) and a kiosk's encashments (the
 * cassette's notes of the period counted by denomination and reconciled). Each report is journaled
 * with the fact it reports, in one commit.
 */
import type { Minor } from '../../shared/money/amount.js';
import { startOfLocalDay } from '../base/zone.js';
import { encashmentReport, shiftReport, type ClosedReport, type EncashmentReport, type ShiftReport } from './reports.js';
import type { EncashmentRow, ShiftRow, TillLedger } from './till-ledger.js';

export class TillError extends Error {
  override name = 'TillError';
  constructor(
    message: string,
    readonly code: 'shift-busy' | 'no-shift' | 'not-cashier' | 'nothing-to-encash' | 'counted-already' | 'no-encashment' | 'bad-count',
  ) {
    super(message);
  }
}

export interface TillOptions {
  terminalId: number;
  mode: 'cashier' | 'kiosk';
  /** The name a shift opened by the terminal itself carries (first start, after a Z). */
  defaultCashier: string;
  timeZone: string;
  /** A Z report made by the terminal at this time of the agent's day ("23:55"); null: only by hand. */
  autoZAt: string | null;
}

/** The minute of the agent's day `hh:mm` is at, on the day of `now`, epoch ms. */
export function autoZMoment(now: number, at: string, timeZone: string): number {
  const [h, m] = at.split(':').map(Number) as [number, number];
  return startOfLocalDay(now, timeZone) + (h * 60 + m) * 60_000;
}

export class Till {
  constructor(
    readonly ledger: TillLedger,
    private readonly opts: TillOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** A payment point always has a shift open, so every payment belongs to one (the first start opens it). */
  ensureShift(): ShiftRow | null {
    if (this.opts.mode !== 'cashier') return this.ledger.openShift();
    return this.ledger.transaction(() => this.ledger.openShift() ?? this.ledger.insertShift(this.opts.defaultCashier, this.now()));
  }

  currentShift(): ShiftRow | null {
    return this.ledger.openShift();
  }

  /** A cashier opens their shift. An open shift with payments must be closed by its Z first; an empty one gives way. */
  openShift(cashier: string): ShiftRow {
    const name = cashier.trim();
    if (!name || name.length > 100) throw new TillError('a shift is opened with the cashier\'s name (1 to 100 characters)', 'bad-count');
    return this.ledger.transaction(() => {
      const open = this.ledger.openShift();
      if (open) {
        const has = this.ledger.shiftPayments(open.id).length + this.ledger.shiftPayouts(open.id).length;
        if (has > 0) throw new TillError(`shift ${open.id} (${open.cashier}) is open with ${has} payments: close it with a Z report first`, 'shift-busy');
        this.ledger.closeShift(open.id, JSON.stringify(this.report('z', open, null)), 'cashier', null, this.now());
      }
      return this.ledger.insertShift(name, this.now());
    });
  }

  private report(kind: 'x' | 'z', shift: ShiftRow, counted: Minor | null, closedAt: number | null = null, closedBy: 'cashier' | 'auto' | null = null): ShiftReport {
    return shiftReport(kind, { id: shift.id, cashier: shift.cashier, openedAt: shift.openedAt, closedAt, closedBy }, this.ledger.shiftPayments(shift.id), this.ledger.shiftPayouts(shift.id), counted);
  }

  /** The X report: the open shift's figures now; nothing closes. */
  x(counted: Minor | null = null): ShiftReport {
    const open = this.ledger.openShift();
    if (!open) throw new TillError('no shift is open', 'no-shift');
    return this.report('x', open, counted);
  }

  /** The Z report: the open shift closed with its figures (and the drawer's count, if given); the next one opens. */
  z(counted: Minor | null = null, by: 'cashier' | 'auto' = 'cashier'): ShiftReport {
    return this.ledger.transaction(() => {
      const open = this.ledger.openShift();
      if (!open) throw new TillError('no shift is open', 'no-shift');
      const at = this.now();
      const report = this.report('z', open, counted, at, by);
      this.ledger.closeShift(open.id, JSON.stringify(report), by, counted, at);
      if (this.opts.mode === 'cashier') this.ledger.insertShift(open.cashier, at);
      return report;
    });
  }

  /** Whether the automatic Z is due: the open shift began before today's set time, and that time has passed. */
  autoZDue(): boolean {
    const at = this.opts.autoZAt;
    const open = this.ledger.openShift();
    if (!at || !open) return false;
    const now = this.now();
    const moment = autoZMoment(now, at, this.opts.timeZone);
    return now >= moment && open.openedAt < moment;
  }

  /** The kiosk's period since the last encashment (or the first note), reconciled; `counted`: the cassette as a person counted it. */
  private periodReport(head: { id: number | null; from: number | null; to: number; startedBy: EncashmentRow['startedBy'] }, afterNote: number, upToNote: number, afterIntent: number, upToIntent: number, counted: readonly Minor[] | null): EncashmentReport {
    const notes = this.ledger.notes(afterNote, upToNote);
    const sessions = this.ledger.sessionFigures([...new Set(notes.map((n) => n.sessionId))]);
    const payments = this.ledger.payments(sessions.flatMap((s) => (s.paymentId === null ? [] : [s.paymentId])));
    const payouts = this.ledger.payouts(sessions.flatMap((s) => (s.payoutId === null ? [] : [s.payoutId])));
    return encashmentReport({ ...head, terminalId: this.opts.terminalId }, notes, sessions, payments, payouts, this.ledger.unknownIntents(afterIntent, upToIntent), counted);
  }

  /** What an encashment now would report (nothing journaled). */
  preview(counted: readonly Minor[] | null = null): EncashmentReport {
    const last = this.ledger.lastEncashment();
    return this.periodReport({ id: null, from: last?.at ?? null, to: this.now(), startedBy: 'menu' }, last?.lastNoteId ?? 0, Number.MAX_SAFE_INTEGER, last?.lastIntentId ?? 0, Number.MAX_SAFE_INTEGER, counted);
  }

  /** An encashment: the period's notes up to now are reconciled and journaled, and a new period starts. */
  encash(startedBy: EncashmentRow['startedBy'], counted: readonly Minor[] | null = null): EncashmentReport {
    return this.ledger.transaction(() => {
      const last = this.ledger.lastEncashment();
      const afterNote = last?.lastNoteId ?? 0;
      const upToNote = this.ledger.maxNoteId();
      const upToIntent = this.ledger.maxIntentId();
      if (upToNote === afterNote && startedBy === 'cassette-removed') throw new TillError('the cassette held no notes since the last encashment', 'nothing-to-encash');
      const at = this.now();
      // The report names its own encashment: the row is written once, whole, with its count if given.
      const id = this.ledger.nextEncashmentId();
      const report = this.periodReport({ id, from: last?.at ?? null, to: at, startedBy }, afterNote, upToNote, last?.lastIntentId ?? 0, upToIntent, counted);
      this.ledger.insertEncashment({ id, at, startedBy, lastNoteId: upToNote, lastIntentId: upToIntent, report: JSON.stringify(report) }, counted ? JSON.stringify(counted) : null);
      return report;
    });
  }

  /** The person's count of an encashment's cassette, given after it (once): the report is made again with it. */
  count(counted: readonly Minor[], encashmentId?: number): EncashmentReport {
    return this.ledger.transaction(() => {
      const e = encashmentId === undefined ? this.ledger.lastEncashment() : this.ledger.encashment(encashmentId);
      if (!e) throw new TillError('no encashment to count', 'no-encashment');
      if (e.counted !== null) throw new TillError(`encashment ${e.id} was counted already`, 'counted-already');
      const previous = this.ledger.encashments(1000).find((x) => x.id < e.id) ?? null;
      const head = { id: e.id, from: previous?.at ?? null, to: e.at, startedBy: e.startedBy };
      const report = this.periodReport(head, previous?.lastNoteId ?? 0, e.lastNoteId, previous?.lastIntentId ?? 0, e.lastIntentId, counted);
      this.ledger.recordCount(e.id, JSON.stringify(counted), JSON.stringify(report), this.now());
      return report;
    });
  }

  encashments(limit = 20): EncashmentReport[] {
    return this.ledger.encashments(limit).map((e) => JSON.parse(e.report) as EncashmentReport);
  }

  shifts(limit = 20): ShiftRow[] {
    return this.ledger.shifts(limit);
  }

  /** The Z reports (a payment point) or the encashments (a kiosk) closed, newest first. */
  closed(kind: 'z' | 'encashment', limit = 50): ClosedReport[] {
    if (kind === 'encashment') return this.ledger.encashments(limit).map(closedEncashment);
    return this.ledger.shifts(limit).flatMap((s) => closedShift(s) ?? []);
  }

  /** One closed report by its number, or null. */
  closedReport(kind: 'z' | 'encashment', id: number): ClosedReport | null {
    if (kind === 'encashment') {
      const e = this.ledger.encashment(id);
      return e ? closedEncashment(e) : null;
    }
    const s = this.ledger.shift(id);
    return s ? closedShift(s) : null;
  }
}

function closedEncashment(e: EncashmentRow): ClosedReport {
  return { kind: 'encashment', id: e.id, at: e.at, report: JSON.parse(e.report) as EncashmentReport };
}

/** A shift's Z, once it was closed; null while it is open. */
function closedShift(s: ShiftRow): ClosedReport | null {
  return s.zReport !== null && s.closedAt !== null ? { kind: 'z', id: s.id, at: s.closedAt, report: JSON.parse(s.zReport) as ShiftReport } : null;
}

/** "1000x3,500x1" or "1000.00x3": a count of notes by denomination, tiyn per note. */
export function parseCount(text: string, parseAmount: (t: string) => Minor): Minor[] {
  const out: Minor[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\d+(?:\.\d{1,2})?)\s*[x×*]\s*(\d{1,5})$/.exec(part);
    if (!m) throw new TillError(`a count is DENOMINATIONxNOTES, comma-separated ("1000x3,500x1"), got "${part}"`, 'bad-count');
    const amount = parseAmount(m[1]!.includes('.') ? m[1]! : `${m[1]}.00`);
    for (let i = 0; i < Number(m[2]); i++) out.push(amount);
  }
  return out;
}
