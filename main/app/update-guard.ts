/**
 * Whether an update may replace the terminal now: never while money is in flight. A payment waiting
 * to be sent or under review, a payout the bank has not settled, cash no payment accounts for: each is
 * named, so the person knows what to finish first (the queue drained, the attendant's settlement).
 * Every update path asks this one rule (`tolem update --check` today).
 */
import { formatDecimal } from '../../shared/money/amount.js';
import type { Terminal } from './terminal.js';

export interface MoneyInFlight {
  kind: 'payment' | 'payout' | 'cash';
  /** The payment's agentTransactionId, the payout's order number, the cash session's id. */
  id: string;
  state: string;
  amount: string;
}

export function moneyInFlight(t: Terminal): MoneyInFlight[] {
  const out: MoneyInFlight[] = [];
  for (const p of t.journal.list({ states: ['pending', 'review'] })) out.push({ kind: 'payment', id: p.agentTransactionId, state: p.state, amount: formatDecimal(p.amountFrom ?? 0) });
  for (const p of t.payouts?.journal.inStates(['new', 'registered', 'pending', 'review']) ?? []) out.push({ kind: 'payout', id: p.orderNumber, state: p.state, amount: formatDecimal(p.amountFrom) });
  for (const c of t.cash.unpaid()) out.push({ kind: 'cash', id: c.id, state: 'without a payment', amount: formatDecimal(c.total) });
  return out;
}
