/**
 * The end of a payment, said plainly: paid; not paid and why (from the result code, in the person's
 * language); or accepted and still being sent, with the payment's number. A queued payment turns
 * into "paid" here by itself when the terminal delivers it.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { money } from '../format/money';
import { onEvent } from '../ipc/bridge';
import { useNav } from '../stores/nav';
import { usePayment } from '../stores/payment';
import { useSettings } from '../stores/settings';
import { useStatus } from '../stores/status';

export function resultText(t: (k: string, o?: Record<string, unknown>) => string, code: number | null): string {
  if (code === null) return t('final.noAnswer');
  const key = `result.${code}`;
  const said = t(key);
  return said === key ? t('result.unknown', { code }) : said;
}

export function PaymentFinal() {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.lang);
  const kiosk = useStatus((s) => s.status?.mode === 'kiosk');
  const { result, rerouted, refreshResult, reset } = usePayment();
  const go = useNav((s) => s.go);
  const atid = result?.agentTransactionId;
  useEffect(() => {
    if (!atid) return;
    return onEvent((e) => {
      if (e.type === 'payment' && e.agentTransactionId === atid) void refreshResult();
    });
  }, [atid, refreshResult]);
  if (!result) return null;
  const done = () => {
    reset();
    go('home');
  };
  const state = result.state;
  return (
    <div className={`final final-${state}`} data-testid="final" data-state={state}>
      <div className="final-mark" aria-hidden="true">
        {state === 'success' ? '✓' : state === 'failed' ? '✕' : '…'}
      </div>
      <h1 data-testid="final-title">{t(`final.${state}`)}</h1>
      {state === 'failed' && (
        <p className="final-why" data-testid="final-reason">
          {resultText(t, result.result)}
        </p>
      )}
      {state === 'failed' && result.amountFrom && <p>{kiosk ? t('final.failedKiosk') : t('final.failedCashier', { amount: money(result.amountFrom, lang) })}</p>}
      {state === 'pending' && <p data-testid="final-pending-note">{result.offline ? t('final.pendingOffline') : t('final.pendingNote')}</p>}
      {state === 'review' && <p>{t('final.reviewNote')}</p>}
      {kiosk && state !== 'failed' && result.receipt === 'printed' && <p className="take-receipt" data-testid="take-receipt">{t('kiosk.takeReceipt')}</p>}
      {kiosk && state !== 'failed' && result.receipt !== 'printed' && (
        <div className="no-receipt" data-testid="no-receipt" role="alert">
          <p>{t('kiosk.noReceipt')}</p>
          <p className="big-number">{result.agentTransactionId}</p>
        </div>
      )}
      <dl className="sums">
        <dt>{t('final.service')}</dt>
        <dd>{result.serviceName}</dd>
        {rerouted && (
          <>
            <dt>{t('final.rerouted')}</dt>
            <dd>{t('final.reroutedFrom', { from: rerouted.from, to: rerouted.to })}</dd>
          </>
        )}
        <dt>{t('final.account')}</dt>
        <dd>{result.account}</dd>
        {result.amountTo && (
          <>
            <dt>{t(state === 'success' ? 'final.credited' : 'amount.credited')}</dt>
            <dd>{money(result.amountTo, lang)}</dd>
            <dt>{t('amount.commission')}</dt>
            <dd>{money(result.commission, lang)}</dd>
            <dt className="total">{t('amount.total')}</dt>
            <dd className="total">{money(result.amountFrom, lang)}</dd>
          </>
        )}
        <dt>{t('final.number')}</dt>
        <dd data-testid="final-number">{result.agentTransactionId}</dd>
        {result.transactionId && (
          <>
            <dt>{t('final.processingNumber')}</dt>
            <dd>{result.transactionId}</dd>
          </>
        )}
      </dl>
      <div className="actions">
        {/* Enter starts the next payment. */}
        <button type="button" className="primary" data-testid="done" onClick={done} autoFocus={!kiosk}>
          {t('final.done')}
        </button>
      </div>
    </div>
  );
}
