/**
 * What a shift's X and Z reports and an encashment's report say, from the journal's figures: pure
 * functions, so every sum is tested to the tiyn. Each difference is itemised (denomination, payment
 * numbers), never netted away.
 */
import type { Minor } from '../../shared/money/amount.js';
import { moneyTaken, type PaymentState } from '../../shared/rules/payment-states.js';
import type { NoteFigure, PaymentFigure, PayoutFigure, SessionFigure } from './till-ledger.js';

/** Payout states whose cash the bank holds or paid out (not refused, not expired). */
const PAYOUT_HELD = new Set(['new', 'registered', 'pending', 'review', 'paid']);

export interface DenominationLine {
  amount: Minor;
  count: number;
  sum: Minor;
}

export function byDenomination(amounts: readonly Minor[]): DenominationLine[] {
  const m = new Map<Minor, number>();
  for (const a of amounts) m.set(a, (m.get(a) ?? 0) + 1);
  return [...m].sort((a, b) => b[0] - a[0]).map(([amount, count]) => ({ amount, count, sum: amount * count }));
}

const sum = (xs: readonly Minor[]) => xs.reduce((s, x) => s + x, 0);

export interface ShiftReport {
  kind: 'x' | 'z';
  shift: { id: number; cashier: string; openedAt: number; closedAt: number | null; closedBy: 'cashier' | 'auto' | null };
  /** Accepted payments by service and state. */
  byService: { serviceId: string; serviceName: string; state: string; count: number; amountTo: Minor; commission: Minor; amountFrom: Minor }[];
  paid: { count: number; amountTo: Minor; commission: Minor; amountFrom: Minor };
  payouts: { count: number; toCards: Minor; commission: Minor; cashIn: Minor; byState: { state: string; count: number; cashIn: Minor }[] };
  /** All the cash the shift took: payments accepted and payouts' cash in. */
  cashTaken: Minor;
  /** Of it, owed back to customers: payments refused after their cash was taken, payouts the bank refused or let expire. */
  refundsOwed: { kind: 'payment' | 'payout'; number: string; amount: Minor }[];
  refundsTotal: Minor;
  /** In the drawer once the refunds are handed back. */
  cashExpected: Minor;
  pending: { agentTransactionId: string; serviceName: string; state: string; amountFrom: Minor }[];
  /** What the cashier counted in the drawer, and the difference (counted − expected); null when not counted. */
  counted: Minor | null;
  difference: Minor | null;
}

export function shiftReport(kind: 'x' | 'z', shift: ShiftReport['shift'], payments: readonly PaymentFigure[], payouts: readonly PayoutFigure[], counted: Minor | null): ShiftReport {
  const taken = payments.filter((p) => p.accepted && p.state !== 'abandoned');
  const groups = new Map<string, ShiftReport['byService'][number]>();
  for (const p of taken) {
    const key = `${p.serviceId}\u0000${p.state}`;
    const g = groups.get(key) ?? { serviceId: p.serviceId, serviceName: p.serviceName, state: p.state, count: 0, amountTo: 0, commission: 0, amountFrom: 0 };
    g.count++;
    g.amountTo += p.amountTo;
    g.amountFrom += p.amountFrom;
    g.commission += p.amountFrom - p.amountTo;
    groups.set(key, g);
  }
  const paidOnes = taken.filter((p) => moneyTaken(p.state as PaymentState));
  const payoutStates = new Map<string, { state: string; count: number; cashIn: Minor }>();
  for (const o of payouts) {
    const s = payoutStates.get(o.state) ?? { state: o.state, count: 0, cashIn: 0 };
    s.count++;
    s.cashIn += o.amountFrom;
    payoutStates.set(o.state, s);
  }
  const heldPayouts = payouts.filter((o) => PAYOUT_HELD.has(o.state));
  const refundsOwed: ShiftReport['refundsOwed'] = [
    ...taken.filter((p) => p.state === 'failed').map((p) => ({ kind: 'payment' as const, number: p.agentTransactionId, amount: p.amountFrom })),
    ...payouts.filter((o) => !PAYOUT_HELD.has(o.state)).map((o) => ({ kind: 'payout' as const, number: o.orderNumber, amount: o.amountFrom })),
  ];
  const cashTaken = sum(taken.map((p) => p.amountFrom)) + sum(payouts.map((o) => o.amountFrom));
  const refundsTotal = sum(refundsOwed.map((r) => r.amount));
  const cashExpected = cashTaken - refundsTotal;
  return {
    kind,
    shift,
    byService: [...groups.values()].sort((a, b) => a.serviceName.localeCompare(b.serviceName) || a.state.localeCompare(b.state)),
    paid: { count: paidOnes.length, amountTo: sum(paidOnes.map((p) => p.amountTo)), commission: sum(paidOnes.map((p) => p.amountFrom - p.amountTo)), amountFrom: sum(paidOnes.map((p) => p.amountFrom)) },
    payouts: { count: heldPayouts.length, toCards: sum(heldPayouts.map((o) => o.amount)), commission: sum(heldPayouts.map((o) => o.amountFrom - o.amount)), cashIn: sum(heldPayouts.map((o) => o.amountFrom)), byState: [...payoutStates.values()] },
    cashTaken,
    refundsOwed,
    refundsTotal,
    cashExpected,
    pending: taken.filter((p) => p.state === 'pending' || p.state === 'review').map((p) => ({ agentTransactionId: p.agentTransactionId, serviceName: p.serviceName, state: p.state, amountFrom: p.amountFrom })),
    counted,
    difference: counted === null ? null : counted - cashExpected,
  };
}

export interface EncashmentReport {
  id: number | null;
  terminalId: number;
  from: number | null;
  to: number;
  startedBy: 'menu' | 'cassette-removed' | 'cli';
  /** The cassette as the journal credited it. */
  notes: DenominationLine[];
  total: Minor;
  /** What the person counted, and the difference per denomination (counted − journal); null when not counted. */
  counted: DenominationLine[] | null;
  countedTotal: Minor | null;
  differences: { amount: Minor; journal: number; counted: number; notes: number; sum: Minor }[];
  /** Notes whose fate the device could not tell: what a difference may be. */
  unknownNotes: { intent: number; amount: Minor; at: number }[];
  payments: { agentTransactionId: string; serviceName: string; account: string; state: string; amountFrom: Minor }[];
  paymentsTotal: Minor;
  payouts: { orderNumber: string; state: string; amountFrom: Minor }[];
  payoutsTotal: Minor;
  /** Cash no payment or payout accounts for: settled by a person, or still the attendant's. */
  withoutPayment: { session: string; total: Minor; settled: string | null; payment: string | null }[];
  withoutPaymentTotal: Minor;
}

/**
 * The three-way reconciliation of a kiosk's period: the person's count of the cassette ↔ the notes
 * the journal credited ↔ what processing and the bank accepted for them (and the cash no payment took).
 */
export function encashmentReport(
  head: Pick<EncashmentReport, 'id' | 'terminalId' | 'from' | 'to' | 'startedBy'>,
  notes: readonly NoteFigure[],
  sessions: readonly SessionFigure[],
  payments: readonly PaymentFigure[],
  payouts: readonly PayoutFigure[],
  unknown: readonly { id: number; amount: Minor; at: number }[],
  counted: readonly Minor[] | null,
): EncashmentReport {
  const lines = byDenomination(notes.map((n) => n.amount));
  const total = sum(notes.map((n) => n.amount));
  // The period's own notes of each session: a session that spans two periods counts in each for its notes there.
  const inPeriod = new Map<string, Minor>();
  for (const n of notes) inPeriod.set(n.sessionId, (inPeriod.get(n.sessionId) ?? 0) + n.amount);
  const paymentById = new Map(payments.map((p) => [p.id, p]));
  const payoutById = new Map(payouts.map((o) => [o.id, o]));
  const paid: EncashmentReport['payments'] = [];
  const outs: EncashmentReport['payouts'] = [];
  const without: EncashmentReport['withoutPayment'] = [];
  for (const s of sessions) {
    const cash = inPeriod.get(s.id) ?? 0;
    const p = s.paymentId === null ? undefined : paymentById.get(s.paymentId);
    const o = s.payoutId === null ? undefined : payoutById.get(s.payoutId);
    if (p && moneyTaken(p.state as PaymentState) && !s.settledNote) paid.push({ agentTransactionId: p.agentTransactionId, serviceName: p.serviceName, account: p.account, state: p.state, amountFrom: cash });
    else if (o && PAYOUT_HELD.has(o.state) && !s.settledNote) outs.push({ orderNumber: o.orderNumber, state: o.state, amountFrom: cash });
    else without.push({ session: s.id, total: cash, settled: s.settledNote, payment: p?.agentTransactionId ?? o?.orderNumber ?? null });
  }
  const countedLines = counted ? byDenomination(counted) : null;
  const differences: EncashmentReport['differences'] = [];
  if (countedLines) {
    const amounts = [...new Set([...lines.map((l) => l.amount), ...countedLines.map((l) => l.amount)])].sort((a, b) => b - a);
    for (const amount of amounts) {
      const j = lines.find((l) => l.amount === amount)?.count ?? 0;
      const c = countedLines.find((l) => l.amount === amount)?.count ?? 0;
      if (j !== c) differences.push({ amount, journal: j, counted: c, notes: c - j, sum: (c - j) * amount });
    }
  }
  const paymentsTotal = sum(paid.map((p) => p.amountFrom));
  const payoutsTotal = sum(outs.map((o) => o.amountFrom));
  const withoutPaymentTotal = sum(without.map((w) => w.total));
  return {
    ...head,
    notes: lines,
    total,
    counted: countedLines,
    countedTotal: counted ? sum([...counted]) : null,
    differences,
    unknownNotes: unknown.map((u) => ({ intent: u.id, amount: u.amount, at: u.at })),
    payments: paid,
    paymentsTotal,
    payouts: outs,
    payoutsTotal,
    withoutPayment: without,
    withoutPaymentTotal,
  };
}

/** A shift's report (X or Z), not an encashment's. */
export function isShiftReport(r: ShiftReport | EncashmentReport): r is ShiftReport {
  return 'kind' in r;
}

/** What a report says the till should hold, and counted − that (null: nothing was counted): one rule for screens, paper and the CLI. */
export function reportFigures(r: ShiftReport | EncashmentReport): { total: Minor; difference: Minor | null } {
  if (isShiftReport(r)) return { total: r.cashExpected, difference: r.difference };
  return { total: r.total, difference: r.countedTotal === null ? null : r.countedTotal - r.total };
}

/** A Z report or an encashment closed earlier, as the history lists it. */
export interface ClosedReport {
  kind: 'z' | 'encashment';
  id: number;
  /** When it closed, ms. */
  at: number;
  report: ShiftReport | EncashmentReport;
}
