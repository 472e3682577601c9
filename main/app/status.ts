/**
 * What the terminal says of itself: the status bar's state, the service menu's page, today's
 * totals, the payouts module's health. Built here once, for the screens (and anything else that asks).
 */
import { TENGE_DENOMINATIONS } from '../cash/cash-box.js';
import type { AgentBalance } from '../processing/schemas.js';
import { releaseInfo } from '../base/high-water.js';
import { startOfLocalDay } from '../base/zone.js';
import { paperStatus } from '../receipts/transport.js';
import { formatDecimal } from '../../shared/money/amount.js';
import { formatPercent } from '../../shared/money/commission.js';
import type { BalanceView, Results } from '../../shared/ipc/contract.js';
import type { Terminal } from './terminal.js';
import { payoutsOf } from './use-cases.js';

/** The status bar's balance: low at or under the notification level, critical once the overdraft is in use. */
export function balanceView(b: AgentBalance): BalanceView {
  const level = b.balance < 0 ? 'critical' : b.notification !== null && b.balance <= b.notification ? 'low' : 'ok';
  return { balance: formatDecimal(b.balance), overdraft: formatDecimal(b.overdraft), notification: b.notification === null ? null : formatDecimal(b.notification), level };
}

function commissionView(t: Terminal): { percent: string; minimum: string } {
  return { percent: formatPercent(t.config.commission.basisPoints), minimum: formatDecimal(t.config.commission.minimum) };
}

export async function terminalStatus(t: Terminal): Promise<Results['terminal.status']> {
  const s = t.journal.pendingSummary();
  return {
    online: t.connectivity.current,
    pending: s.count,
    pendingTotal: formatDecimal(s.totalFrom),
    review: s.review,
    receiptsNotPrintedToday: t.receipts.notPrintedToday(),
    printer: t.receipts.profile() !== null,
    mode: t.config.mode,
    receiptLang: t.config.receipts.lang,
    sandbox: t.sandbox !== null,
    safeMode: t.safeMode,
    sandboxBecause: t.config.sandboxBecause,
    authRefused: t.connectivity.authRefused,
    cashAcceptor: t.config.cashAcceptor,
    cashDevice: t.acceptor ? { phase: t.acceptor.state?.phase ?? 'not-running', fault: t.acceptor.state?.fault ?? (t.acceptor.state?.alarm ? 'alarm' : null), accepting: t.acceptor.state?.accepting ?? false } : null,
    cashNotes: TENGE_DENOMINATIONS.map(formatDecimal),
    idleTimeoutMs: t.config.screens.idleTimeoutMs,
    finalScreenMs: t.config.screens.finalScreenMs,
    // Safe mode closes every terminal to new money; a kiosk that cannot give a receipt closes itself.
    refusal: t.safeMode ? 'safe-mode' : t.fleetLocked ? 'fleet-locked' : t.config.mode === 'kiosk' ? ((await t.receipts.refusal())?.code ?? null) : null,
    balance: t.agentBalance ? balanceView(t.agentBalance) : null,
    cashWithoutPayment: t.cash.unpaid().length,
    payouts: { available: t.payouts !== null, direct: t.payouts?.options.direct ?? false },
    timeZone: t.config.timeZone,
    commission: commissionView(t),
  };
}

export async function adminInfo(t: Terminal): Promise<Results['admin.info']> {
  const profile = t.receipts.profile();
  const s = t.journal.pendingSummary();
  const asked = Date.now();
  const balance = await t.refreshBalance().catch(() => null);
  const at = t.agentBalanceAt;
  return {
    terminalId: t.config.terminalId,
    version: releaseInfo().version,
    // Set by the Electron host for its terminal process once it knows the OS has a real secret store.
    secrets: process.env.TOLEM_SECRET_STORE === 'keychain' ? 'keychain' : 'config-file',
    processingHost: t.sandbox ? 'sandbox' : new URL(t.config.processing.url ?? 'http://unknown').host,
    sandbox: t.sandbox !== null,
    mode: t.config.mode,
    timeZone: t.config.timeZone,
    printer: { name: profile?.name ?? null, paper: profile ? await paperStatus(profile.interface, Math.min(2000, t.config.receipts.timeoutMs)) : null },
    queue: { pending: s.count, total: formatDecimal(s.totalFrom), review: s.review },
    balance: balance ? balanceView(balance) : null,
    balanceAsOf: balance && at !== null ? new Date(at).toISOString() : null,
    // The figure is an earlier answer when asking now did not bring a new one (processing down).
    balanceStale: balance !== null && (at === null || at < asked),
  };
}

/** Money taken today, in the agent's zone: payments and payouts, each and together. */
export function todayTotals(t: Terminal, now = Date.now()): Results['journal.totals'] {
  const since = startOfLocalDay(now, t.config.timeZone);
  const s = t.journal.totals(since);
  const o = t.payouts?.journal.totals(since) ?? { count: 0, paid: 0, taken: 0, toCards: 0, commission: 0 };
  return {
    count: s.count, paid: s.paid, taken: formatDecimal(s.taken), credited: formatDecimal(s.credited), commission: formatDecimal(s.commission),
    payouts: { count: o.count, paid: o.paid, taken: formatDecimal(o.taken), toCards: formatDecimal(o.toCards), commission: formatDecimal(o.commission) },
    takenAll: formatDecimal(s.taken + o.taken),
  };
}

/** The payouts module: does it answer, and the agent's balance there (low at or under the warning level). */
export async function payoutsHealth(t: Terminal): Promise<Results['payouts.health']> {
  const engine = payoutsOf(t);
  const [echo, balance] = await Promise.all([engine.client.echo(), engine.client.balance()]);
  return {
    online: echo.ok,
    echo: echo.ok ? echo.text : null,
    balance: balance.ok ? formatDecimal(balance.amount) : null,
    low: balance.ok && engine.balanceLow(balance.amount),
  };
}
