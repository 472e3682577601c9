/**
 * The end of a payment, said plainly: paid; not paid and why (from the result code, in the person's
 * language); or accepted and still being sent, with the payment's number. A queued payment turns
 * into "paid" here by itself when the terminal delivers it.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { decimalText, formatDecimal, money, tiyn, typedAmount } from '../../format/money';
import { onEvent } from '../../ipc/bridge';
import { useNav } from '../../state/nav';
import { usePayment } from './payment-store';
import { useSettings } from '../../state/settings';
import { useStatus } from '../../state/status';
import { BackHomeSoon } from '../../components/BackHomeSoon';
import { displayText } from '../../format/display';

export function resultText(t: (k: string, o?: Record<string, unknown>) => string, code: number | null): string {
  if (code === null) return t('final.noAnswer');
  const key = `result.${code}`;
  const said = t(key);
  return said === key ? t('result.unknown', { code }) : said;
}

function Fact({ label, value, testid }: { label: string; value: string; testid?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testid}>{value}</dd>
    </>
  );
}

export function PaymentFinal() {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.lang);
  const kiosk = useStatus((s) => s.status?.mode === 'kiosk');
  const printer = useStatus((s) => s.status?.printer);
  const { result, rerouted, refreshResult, reset, check, contractId, lines, quote } = usePayment();
  const go = useNav((s) => s.go);
  const atid = result?.agentTransactionId;
  useEffect(() => {
    if (!atid) return;
    return onEvent((e) => {
      if (e.type === 'payment' && e.agentTransactionId === atid) void refreshResult();
    });
  }, [atid, refreshResult]);
  if (!result) return null;
  const contract = contractId ? (check?.answer?.contracts?.find((c) => c.contractId === contractId) ?? null) : null;
  const paidLines = (check?.answer?.invoices?.flatMap((i) => i.lines) ?? []).filter((l) => lines[l.subServiceId]?.selected);
  // What the terminal journaled of the cash: received and the change (its rule, in whole tenge).
  const change = result.change !== null ? tiyn(result.change) : null;
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
      {state === 'failed' && kiosk && result.amountFrom && <p>{t('final.failedKiosk')}</p>}
      {/* The cashier hands back exactly what they took from the customer (the terminal's own record of it), said large. */}
      {state === 'failed' && !kiosk && (result.giveBack ?? result.amountFrom) && (
        <p className="give-back" data-testid="final-give-back" role="alert">
          {t('final.failedCashier', { amount: money(result.giveBack ?? result.amountFrom, lang) })}
        </p>
      )}
      {state === 'pending' && <p data-testid="final-pending-note">{result.offline ? t('final.pendingOffline') : t('final.pendingNote')}</p>}
      {state === 'review' && <p data-testid="final-review-note">{result.reviewCause === 'number-moved' ? t('final.numberMoved') : t('final.reviewNote')}</p>}
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
        {/* Every fact of the payment: what check showed (the customer's name), the contract, the bill's lines. */}
        {check?.answer?.displays.map((d) => (
          <Fact key={d.name} label={d.title} value={displayText(d, lang)} testid={`final-display-${d.name}`} />
        ))}
        {contract && <Fact label={t('final.contract')} value={`${contract.contractNumber ?? contract.contractId}${contract.name ? ` · ${contract.name}` : ''}`} testid="final-contract" />}
        {paidLines.map((l) => (
          <Fact key={l.subServiceId} label={l.subServiceName} value={`${money(formatDecimal(typedAmount(lines[l.subServiceId]?.amount ?? '') ?? 0), lang)}${l.isMeter && lines[l.subServiceId]?.lastCount ? ` · ${t('final.reading', { value: lines[l.subServiceId]!.lastCount })}` : ''}`} testid={`final-line-${l.subServiceId}`} />
        ))}
        {result.amountTo && (
          <>
            <dt>{t(state === 'success' ? 'final.credited' : 'amount.credited')}</dt>
            <dd>{money(result.amountTo, lang)}</dd>
            {quote?.finalAmount && <Fact label={t('amount.arrives')} value={`${decimalText(quote.finalAmount, lang)} ${quote.currency ?? ''}`} testid="final-arrives" />}
            <dt>{t('amount.commission')}</dt>
            <dd>{money(result.commission, lang)}</dd>
            {/* «К оплате» is for before paying; after, it is what was taken. */}
            <dt className="total">{t(state === 'failed' ? 'amount.total' : 'final.taken')}</dt>
            <dd className="total">{money(result.amountFrom, lang)}</dd>
            {result.cashReceived !== null && state !== 'failed' && <Fact label={t('final.cashReceived')} value={money(result.cashReceived, lang)} testid="final-received" />}
            {change !== null && change > 0 && state !== 'failed' && <Fact label={t('cash.change')} value={money(formatDecimal(change), lang)} testid="final-change" />}
          </>
        )}
        {!kiosk && result.receipt !== null && <Fact label={t('final.receipt')} value={t(result.receipt === 'printed' ? 'final.receiptPrinted' : 'final.receiptNotPrinted')} testid="final-receipt" />}
        {/* No printer at this desk: the receipt is not lost, it is in the journal to show or print later. */}
        {!kiosk && result.receipt === null && printer === false && state !== 'failed' && <Fact label={t('final.receipt')} value={t('final.noPrinter')} testid="final-receipt" />}
        <dt>{t('final.number')}</dt>
        <dd data-testid="final-number" className="big-number">{result.agentTransactionId}</dd>
        {result.transactionId && (
          <>
            <dt>{t('final.processingNumber')}</dt>
            <dd>{result.transactionId}</dd>
          </>
        )}
      </dl>
      {/* A receipt not printed: the customer writes the number down, and the screen waits for them (the idle question). */}
      {kiosk && (state === 'failed' || result.receipt === 'printed') && <BackHomeSoon onHome={done} />}
      <div className="actions">
        {/* Enter starts the next payment. */}
        <button type="button" className="primary" data-testid="done" onClick={done} autoFocus={!kiosk}>
          {t('final.done')}
        </button>
      </div>
    </div>
  );
}
