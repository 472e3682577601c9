/** A bill validator's events and state as the screens, the CLI and the service menu show them. */
import { formatDecimal, type Minor } from '../../shared/money/amount.js';
import type { CashEventView, DeviceView } from '../../shared/ipc/views.js';
import type { AcceptorEvent, NoteAcceptor } from './note-acceptor.js';

const amountText = (a: Minor | null) => (a === null ? null : formatDecimal(a));

export function cashEventView(e: Exclude<AcceptorEvent, { kind: 'device' }>): CashEventView {
  switch (e.kind) {
    case 'stacked':
      return { kind: 'stacked', session: e.session, amount: formatDecimal(e.amount), total: formatDecimal(e.total) };
    case 'returned':
      return { kind: 'returned', session: e.session, amount: amountText(e.amount), why: e.why };
    case 'settled':
      return { kind: 'settled', session: e.session, amount: formatDecimal(e.amount), outcome: e.outcome };
  }
}

export function deviceView(acceptor: NoteAcceptor, port: string, notes: readonly Minor[], cassette: { count: number; total: Minor }): DeviceView {
  const s = acceptor.state;
  const open = acceptor.noteInProgress();
  return {
    protocol: acceptor.device as 'ccnet' | 'id003',
    port,
    phase: s?.phase ?? 'not-running',
    fault: s?.fault ?? null,
    alarm: s?.alarm ?? null,
    accepting: s?.accepting ?? false,
    model: s?.identity?.model || null,
    serial: s?.identity?.serial || null,
    version: s?.identity?.version || null,
    bills: (s?.bills ?? []).map((b) => ({ amount: formatDecimal(b.amount), currency: b.currency, taken: notes.includes(b.amount) })),
    noteInProgress: open ? formatDecimal(open.amount) : null,
    portProblem: acceptor.portProblem,
    cassette: { notes: cassette.count, total: formatDecimal(cassette.total) },
  };
}
