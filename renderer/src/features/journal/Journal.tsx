/** The cashier's journal: today's payments with their state, search, details with every attempt, retry now, reprint. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { sayError } from '../../format/error';
import { ScreenHeader } from '../../components/ScreenHeader';
import { dateTime, money } from '../../format/money';
import { useStatus } from '../../state/status';
import { onEvent } from '../../ipc/bridge';
import { useJournal } from './journal-store';
import { useNav } from '../../state/nav';
import { useSettings } from '../../state/settings';
import { resultText } from '../payment/PaymentFinal';

export function Journal() {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.lang);
  const j = useJournal();
  const go = useNav((s) => s.go);
  useEffect(() => {
    void useJournal.getState().load();
    return onEvent((e) => {
      if (e.type === 'payment') void useJournal.getState().load();
    });
  }, []);
  const zone = useStatus((s) => s.status?.timeZone);
  const time = (iso: string) => dateTime(iso, lang, zone, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const sel = j.selected;
  const last = sel?.attempts.at(-1);
  const why = !sel
    ? null
    : sel.state === 'pending'
      ? last?.cause ? t('journal.why.waiting', { cause: t(`journal.cause.${last.cause}`) }) : last?.result !== null && last?.result !== undefined ? t('journal.why.waiting', { cause: resultText(t, last.result) }) : sel.offline ? t('journal.why.offline') : t('journal.why.queued')
      : sel.state === 'review'
        ? t(sel.reviewCause === 'number-moved' ? 'final.numberMoved' : 'journal.why.review')
        : null;
  return (
    <main className="journal" data-testid="journal">
      <ScreenHeader title={t('journal.title')} onBack={() => go('home')} escape />
      <input className="search" type="search" data-testid="journal-search" placeholder={t('journal.search')} aria-label={t('journal.search')} value={j.search} onChange={(e) => j.setSearch(e.target.value)} />
      <nav className="groups" aria-label={t('journal.filter')}>
        {(['all', 'success', 'pending', 'failed', 'review', 'draft'] as const).map((f) => (
          <button type="button" key={f} className={j.filter === f ? 'chip active' : 'chip'} aria-pressed={j.filter === f} data-testid={`journal-filter-${f}`} onClick={() => j.setFilter(f)}>
            {t(`journal.filters.${f}`)}
          </button>
        ))}
        {j.shifts.length > 0 && (
          <select aria-label={t('journal.shift')} data-testid="journal-shift" value={j.shift ?? ''} onChange={(e) => j.setShift(e.target.value === '' ? null : Number(e.target.value))}>
            <option value="">{t('journal.today')}</option>
            {j.shifts.map((s) => (
              <option key={s.id} value={s.id}>{t('journal.shiftOption', { id: s.id, cashier: s.cashier, opened: dateTime(s.openedAt, lang, zone) })}{s.closedAt === null ? ` · ${t('journal.shiftOpen')}` : ''}</option>
            ))}
          </select>
        )}
      </nav>
      {j.totals && (
        <p className="journal-totals" data-testid="journal-totals">
          {t('journal.totals', { count: j.totals.count, paid: j.totals.paid })} · {t('journal.taken')}: <strong>{money(j.totals.taken, lang)}</strong> · {t('amount.credited')}: {money(j.totals.credited, lang)} · {t('amount.commission')}: {money(j.totals.commission, lang)}
          {j.totals.payouts.count > 0 && (
            <>
              <br />
              <span data-testid="journal-totals-payouts">
                {t('journal.payoutTotals', { count: j.totals.payouts.count, paid: j.totals.payouts.paid })} · {t('journal.taken')}: <strong>{money(j.totals.payouts.taken, lang)}</strong> · {t('journal.toCards')}: {money(j.totals.payouts.toCards, lang)} · {t('amount.commission')}: {money(j.totals.payouts.commission, lang)}
              </span>
              <br />
              <strong data-testid="journal-totals-all">{t('journal.takenAll')}: {money(j.totals.takenAll, lang)}</strong>
            </>
          )}
        </p>
      )}
      <div className="journal-body">
        <table className="journal-table">
          <thead>
            <tr>
              <th>{t('journal.time')}</th>
              <th>{t('final.service')}</th>
              <th>{t('final.account')}</th>
              <th className="num">{t('amount.total')}</th>
              <th>{t('journal.state')}</th>
            </tr>
          </thead>
          <tbody>
            {j.payments.map((p) => (
              <tr key={p.agentTransactionId} className={sel?.agentTransactionId === p.agentTransactionId ? 'selected' : ''} data-testid={`journal-row-${p.agentTransactionId}`} data-state={p.state} tabIndex={0} onClick={() => void j.select(p)} onKeyDown={(e) => e.key === 'Enter' && void j.select(p)}>
                <td>{time(p.createdAt)}</td>
                <td>{p.serviceName}</td>
                <td>{p.account}</td>
                <td className="num">{money(p.amountFrom, lang)}</td>
                <td>
                  <span className={`state state-${p.state}`}>{t(`state.${p.state}`)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {j.payments.length === 0 && <p className="muted">{t('journal.empty')}</p>}
        {j.payouts.length > 0 && (
          <table className="journal-table" data-testid="journal-payouts">
            <caption>{t('journal.payouts')}</caption>
            <thead>
              <tr>
                <th>{t('journal.time')}</th>
                <th>{t('payout.card')}</th>
                <th className="num">{t('journal.toCards')}</th>
                <th className="num">{t('amount.total')}</th>
                <th>{t('journal.state')}</th>
              </tr>
            </thead>
            <tbody>
              {j.payouts.map((o) => (
                <tr key={o.orderNumber} data-testid={`journal-payout-${o.orderNumber}`} data-state={o.state}>
                  <td>{time(o.createdAt)}</td>
                  <td>{o.maskedPan ?? t('payout.viaPage')}</td>
                  <td className="num">{money(o.amount, lang)}</td>
                  <td className="num">{money(o.amountFrom, lang)}</td>
                  <td>
                    <span className={`state state-${o.state}`}>{t(`payout.state.${o.state}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {sel && (
          <aside className="journal-detail" data-testid="journal-detail">
            <h2>
              {t('final.number')} {sel.agentTransactionId}
            </h2>
            <p>
              <span className={`state state-${sel.state}`}>{t(`state.${sel.state}`)}</span>
              {sel.state === 'failed' ? ` — ${resultText(t, sel.result)}` : ''}
              {/* Why it waits or needs a person, in words (the engine's own text is the CLI's). */}
              {why && <span data-testid="journal-why"> — {why}</span>}
            </p>
            <dl className="sums">
              <dt>{t('final.service')}</dt>
              <dd>{sel.serviceName}</dd>
              <dt>{t('final.account')}</dt>
              <dd>{sel.account}</dd>
              <dt>{t(sel.state === 'success' ? 'final.credited' : 'amount.credited')}</dt>
              <dd>{money(sel.amountTo, lang)}</dd>
              {/* «К оплате» is for before paying; after, it is what was taken. */}
              <dt>{t(sel.state === 'success' ? 'final.taken' : 'amount.total')}</dt>
              <dd>{money(sel.amountFrom, lang)}</dd>
              {sel.nextAttemptAt && sel.state === 'pending' && (
                <>
                  <dt>{t('journal.nextAttempt')}</dt>
                  <dd>{time(sel.nextAttemptAt)}</dd>
                </>
              )}
            </dl>
            <h3>{t('journal.attempts')}</h3>
            {sel.attempts.length === 0 && <p className="muted" data-testid="attempts-none">{t(sel.state === 'draft' ? 'journal.noAttemptsDraft' : 'journal.noAttempts')}</p>}
            <ol className="attempts" data-testid="attempts">
              {sel.attempts.map((a, i) => (
                <li key={i}>
                  {time(a.startedAt)} {t(`journal.kind.${a.kind}`)} — {a.outcome ? t(`journal.outcome.${a.outcome}`) : t('journal.noAnswer')}
                  {a.httpStatus ? ` HTTP ${a.httpStatus}` : ''}
                  {a.result !== null ? ` · ${a.result}: ${resultText(t, a.result)}` : ''}
                  {a.cause ? ` · ${t(`journal.cause.${a.cause}`)}` : ''}
                </li>
              ))}
            </ol>
            <div className="actions">
              {sel.state === 'pending' && (
                <button type="button" className="primary" data-testid="retry-now" disabled={j.busy} onClick={() => void j.retryNow()}>
                  {t('journal.retryNow')}
                </button>
              )}
              {sel.state !== 'draft' && (
                <button type="button" data-testid="reprint" disabled={j.busy} onClick={() => void j.reprint()}>
                  {t('journal.reprint')}
                </button>
              )}
            </div>
            {j.error && <p role="alert">{sayError(t, j.error)}</p>}
            {j.message && <p role="status">{j.message === 'printed' ? t('journal.printed') : j.message.startsWith('notPrinted:') ? t('journal.notPrinted', { error: t(`printer.${j.message.slice(11) || 'render'}`) }) : j.message}</p>}
            {j.receipt && <img className="receipt-preview" data-testid="receipt-preview" src={j.receipt} alt={t('journal.receipt')} />}
          </aside>
        )}
      </div>
    </main>
  );
}
