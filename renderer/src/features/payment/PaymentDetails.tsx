/**
 * After check: what processing found, by scheme (displays, a contract to choose, the utility bill
 * with its lines and meters, an international rate), then the amount with the agent's commission
 * and the amount credited, then cash: change for the cashier, notes for the kiosk.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';
import type { CheckAnswerView, InvoiceView } from '../../../../shared/ipc/contract';
import { TextField } from '../../components/TextField';
import { changeInTenge, decimalText, money, tiyn, typedAmount, formatDecimal } from '../../format/money';
import { upToWholeTenge as upToTenge } from '../../../../shared/money/amount';
import { amountToOf, cashLimit, lineProblems, readiness, usePayment } from './payment-store';
import { sayError } from '../../format/error';
import { displayText } from '../../format/display';
import type { Lang } from '../../i18n';
import type { LineProblem } from '../../../../shared/rules/invoice-lines';
import { useSettings } from '../../state/settings';
import { useStatus } from '../../state/status';


export function PaymentDetails() {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.lang);
  const status = useStatus((s) => s.status);
  const flow = usePayment();
  const { check, quote, busy, error } = flow;
  const device = status?.mode === 'kiosk' && (status.cashAcceptor === 'ccnet' || status.cashAcceptor === 'id003');
  // The bill validator waits for this payment's notes while the screen shows it, for the sum that fits.
  const acceptKey = usePayment((s) => {
    if (!s.check || s.handedOver !== null) return null;
    const r = readiness(s, true);
    return r.blocked || r.unreadableFixed ? null : cashLimit(s);
  });
  useEffect(() => {
    if (!device || acceptKey === null) return;
    void usePayment.getState().acceptNotes();
    return () => void usePayment.getState().stopNotes();
  }, [device, acceptKey]);
  if (!check) return null;
  const answer = check.answer;
  const kiosk = status?.mode === 'kiosk';
  const { amount, locked } = amountToOf(flow);
  const problems = lineProblems(check, flow.lines);
  const typed = flow.amount.trim();
  const limits = check.limits;
  // One rule for the button, Enter and the idle return (the store's): what the fields hold now.
  const { ready, why, outside, leastToInsert, blocked, unreadableFixed } = readiness(flow, kiosk);
  const amountProblem = !locked && typed !== '' && (amount === null || amount === 0) ? t('amount.invalid') : outside ? t(`amount.${outside}`, { amount: money(outside === 'min' ? limits.min : limits.max, lang) }) : null;
  const received = typedAmount(flow.cashReceived);
  const due = quote ? tiyn(quote.amountFrom) : null;
  const change = !kiosk && due !== null && received !== null ? received - due : null;
  // Change as a cashier gives it: whole tenge; the tiyn left over are said.
  const giving = !kiosk && due !== null && received !== null ? changeInTenge(received, due) : null;
  const kioskFree = kiosk && !locked;

  return (
    <div className="details" data-testid="payment-details">
      <div className="details-main">
      {check.result === 'unreachable' && !blocked && (
        <div className="banner warn" role="status" data-testid="check-unreachable">
          {t('details.unreachable')}
        </div>
      )}
      {blocked && (
        <div className="banner error" role="alert" data-testid="offline-blocked">
          {t('details.unreachableBlocked')}
        </div>
      )}
      {unreadableFixed && (
        <div className="banner error" role="alert" data-testid="fixed-unreadable">
          {t('errors.generic')}
        </div>
      )}
      {answer && <CheckAnswer answer={answer} lang={lang} />}
      {answer?.contracts && (
        <fieldset className="contracts" data-testid="contracts">
          <legend>{t('details.chooseContract')}</legend>
          {answer.contracts.map((c, i) => (
            <label key={c.contractId} className={flow.contractId === c.contractId ? 'choice active' : 'choice'} data-testid={`contract-${c.contractId}`}>
              {/* After the check, focus lands on the next decision: here, the contract to choose. */}
              <input type="radio" name="contract" checked={flow.contractId === c.contractId} autoFocus={!kiosk && i === 0} onChange={() => flow.chooseContract(c.contractId)} />
              <span className="choice-main">
                {c.contractNumber ?? c.contractId}
                {c.name ? ` · ${c.name}` : ''}
              </span>
              <span className="choice-side">
                {c.contractSum ? money(c.contractSum, lang) : ''}
                {c.contractDate ? ` · ${formatProcessingDate(c.contractDate, lang)}` : ''}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {answer?.invoices?.map((inv, i) => <Invoice key={inv.invoiceId ?? i} invoice={inv} problems={problems} focusFirst={i === 0 && !kiosk} />)}

      </div>
      <div className="details-side">
      <section className="amount-box">
        {!locked && !kioskFree && (
          <TextField
            id="amount"
            data-testid="amount"
            label={t('amount.toCredit')}
            inputMode="decimal"
            value={flow.amount}
            problem={amountProblem}
            hint={t('amount.hint')}
            autoFocus={!answer?.contracts?.length}
            onChange={flow.setAmount}
            onKeyDown={(e) => {
              // Enter moves on to the cash received.
              if (e.key !== 'Enter') return;
              e.preventDefault();
              document.getElementById('cash')?.focus();
            }}
          />
        )}
        {quote && (
          <dl className="sums" data-testid="quote">
            <dt>{t('amount.credited')}</dt>
            <dd data-testid="quote-amount-to">{money(quote.amountTo, lang)}</dd>
            <dt>{t('amount.commission')}</dt>
            <dd data-testid="quote-commission">{money(quote.commission, lang)}</dd>
            <dt className="total">{t('amount.total')}</dt>
            <dd className="total" data-testid="quote-total">{money(quote.amountFrom, lang)}</dd>
            {quote.finalAmount && (
              <>
                <dt>{t('amount.arrives')}</dt>
                <dd data-testid="quote-final-amount">
                  {decimalText(quote.finalAmount, lang)} {quote.currency}
                  <span className="muted arrives-note" data-testid="quote-final-note"> {t('amount.arrivesNote', { amount: money(quote.amountTo, lang), commission: money(quote.commission, lang) })}</span>
                </dd>
              </>
            )}
          </dl>
        )}
      </section>

      {/* Always there (not only once the total is known), so Tab from the amount always reaches it. */}
      {!kiosk && (
        <section className="cash-box">
          <TextField id="cash" data-testid="cash-received" label={t('cash.received')} inputMode="decimal" value={flow.cashReceived} onChange={flow.setCashReceived} autoFocus={locked && !answer?.contracts?.length && !answer?.invoices?.length} onKeyDown={(e) => {
            // Enter in the cash field pays, once everything is ready (the same condition as the button).
            if (e.key === 'Enter') {
              e.preventDefault();
              void flow.payWhenReady('cashier');
            }
          }} problem={change !== null && change < 0 ? t('cash.notEnough') : null} hint={t('cash.hint')} />
          <div className="change" data-testid="change">
            {t('cash.change')}: <strong>{giving ? money(formatDecimal(giving.give), lang) : '—'}</strong>
            {giving && giving.kept > 0 && <span className="muted" data-testid="change-kept"> {t('cash.changeKept', { amount: money(formatDecimal(giving.kept), lang) })}</span>}
          </div>
        </section>
      )}
      {kiosk && !blocked && !unreadableFixed && (
        <section className="cash-box" data-testid="kiosk-cash">
          <p className="inserted">
            {t('cash.inserted')}: <strong data-testid="inserted">{money(formatDecimal(flow.inserted), lang)}</strong>
            {due !== null && !kioskFree && (
              <>
                {' '}/ {t('cash.due')}: <strong>{money(quote?.amountFrom, lang)}</strong>
              </>
            )}
          </p>
          {!kioskFree && due !== null && flow.inserted > due && (
            <p data-testid="cash-remainder">{t('cash.remainder', { amount: money(formatDecimal(flow.inserted - due), lang) })}</p>
          )}
          {flow.inserted === 0 && status?.commission && (
            // Before the first note: the commission rule, so nobody is surprised after.
            <p className="commission-rule" data-testid="commission-rule">
              {t('cash.commissionRule', { percent: decimalText(status.commission.percent, lang), minimum: money(status.commission.minimum, lang) })}
            </p>
          )}
          {kioskFree && flow.inserted === 0 && (limits.minFrom !== null || limits.maxFrom !== null) && (
            // Before the first note: how much this service takes, so no note goes in for a payment it would refuse.
            <p className="limits big" data-testid="cash-limits">
              {limits.minFrom !== null && limits.maxFrom !== null
                ? t('cash.limits', { min: money(limits.minFrom, lang), max: money(limits.maxFrom, lang) })
                : limits.minFrom !== null ? t('cash.limitMin', { min: money(limits.minFrom, lang) }) : t('cash.limitMax', { max: money(limits.maxFrom, lang) })}
            </p>
          )}
          {flow.returned ? (
            // A returned note is said large, where the customer looks.
            <p className="note returned big" role="alert" data-testid="cash-note" data-returned="yes">
              {kioskFree && limits.maxFrom !== null ? t('cash.returnedMax', { max: money(limits.maxFrom, lang) }) : t('cash.returned')}
            </p>
          ) : (
            <p className="muted" data-testid="cash-note">
              {kioskFree ? t('cash.insertFree') : t('cash.noChange')}
            </p>
          )}
          {flow.inserted > 0 && flow.missing > 0 && (
            <p className="note problem insert-more" data-testid="insert-more" role="status">
              {t('kiosk.insertMore', { amount: money(formatDecimal(flow.missing), lang) })}
            </p>
          )}
          {device && (
            // The bill validator: notes go into the slot; a fault says what to do.
            status?.cashDevice?.fault || status?.cashDevice?.phase === 'alarm' ? (
              <p className="note problem big device-prompt" data-testid="device-prompt" role="alert">{t('cash.deviceFault')}</p>
            ) : (
              <p className="device-prompt big" data-testid="device-prompt" role="status">{t('cash.insertNotes')}</p>
            )
          )}
          {status?.cashAcceptor === 'simulated' && (
            <div className="demo-notes" aria-label={t('cash.demo')}>
              {status.cashNotes.map((note) => (
                <button type="button" key={note} className="note-button" data-testid={`insert-${note.replace(/\.00$/, '')}`} onClick={() => void flow.insertCash(tiyn(note))}>
                  {t('cash.insert', { amount: money(note, lang) })}
                </button>
              ))}
            </div>
          )}
        </section>
      )}
      {error && (
        <div className="banner error" role="alert" data-testid="flow-error">
          {sayError(t, error)}
        </div>
      )}
      <div className="actions">
        {kiosk && flow.inserted > 0 && (
          <button type="button" className="secondary" data-testid="cancel-cash" disabled={busy} onClick={() => flow.askCancel(true)}>
            {t('kiosk.cancel')}
          </button>
        )}
        {!blocked && !ready && !busy && <span className="pay-why muted" data-testid="pay-why">{why === 'insertAtLeast' && leastToInsert === 0 ? t('details.why.cash') : t(`details.why.${why}`, { amount: money(formatDecimal(upToTenge(leastToInsert)), lang) })}</span>}
        {!blocked && <button type="button" className="primary" data-testid="pay" disabled={!ready} onClick={() => void flow.pay(kiosk ? 'kiosk' : 'cashier')}>
          {/* A kiosk names no sum on Pay before the notes are in (the one figure to insert is said above). */}
          {kiosk ? (flow.inserted > 0 ? t('details.pay', { amount: money(formatDecimal(flow.inserted), lang) }) : t('details.payNoAmount')) : quote ? t('details.pay', { amount: money(quote.amountFrom, lang) }) : t('details.payNoAmount')}
        </button>}
      </div>
      </div>
    </div>
  );
}

function CheckAnswer({ answer, lang }: { answer: CheckAnswerView; lang: string }) {
  const { t } = useTranslation();
  if (!answer.displays.length && !answer.international && !answer.fixedAmount) return null;
  return (
    <dl className="displays" data-testid="displays">
      {/* A display that repeats the fixed amount is not shown twice: one figure, formatted as every sum. */}
      {answer.displays.filter((d) => !(answer.fixedAmount && d.amount === answer.fixedAmount)).map((d) => (
        <div key={d.name} className="display-row">
          <dt>{d.title}</dt>
          <dd data-testid={`display-${d.name}`}>{displayText(d, lang as Lang)}</dd>
        </div>
      ))}
      {answer.fixedAmount && (
        <div className="display-row">
          <dt>{t('details.fixedCredited')}</dt>
          <dd data-testid="fixed-amount">{money(answer.fixedAmount, lang as 'ru')}</dd>
        </div>
      )}
      {answer.international?.rate && (
        <div className="display-row">
          <dt>{t('details.rate')}</dt>
          <dd data-testid="rate">
            {/* Processing's rate as it converts (what arrives is computed from it), with the price of one unit beside it, approximately. */}
            {`1 ₸ = ${decimalText(answer.international.rate, lang as 'ru')} ${answer.international.currency}`}
            {answer.international.unitPrice && <span className="muted"> {t('details.ratePerUnit', { currency: answer.international.currency, price: money(answer.international.unitPrice, lang as 'ru') })}</span>}
          </dd>
        </div>
      )}
    </dl>
  );
}

function Invoice({ invoice, problems, focusFirst }: { invoice: InvoiceView; problems: Record<string, LineProblem>; focusFirst: boolean }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.lang);
  const kiosk = useStatus((s) => s.status?.mode === 'kiosk');
  const { lines, setLine } = usePayment();
  // A kiosk has no keyboard: its line fields take the on-screen one.
  const [editing, setEditing] = useState<{ id: string; field: 'amount' | 'lastCount' } | null>(null);
  const edit = (id: string, field: 'amount' | 'lastCount') => (kiosk ? { readOnly: true, onFocus: () => setEditing({ id, field }) } : {});
  const editingValue = editing ? (lines[editing.id]?.[editing.field] ?? '') : '';
  const say = (p: LineProblem | undefined): string | null => {
    if (!p) return null;
    switch (p.code) {
      case 'min': return t('invoice.min', { amount: money(formatDecimal(p.limit), lang) });
      case 'max': return t('invoice.max', { amount: money(formatDecimal(p.limit), lang) });
      case 'meterBelow': return t('invoice.meterBelow', { value: decimalText(p.previous, lang) });
      case 'meter': return t('invoice.meter');
      case 'meterRequired': return t('invoice.meterRequired');
      default: return t('amount.invalid');
    }
  };
  return (
    <section className="invoice" data-testid="invoice">
      <header className="invoice-head">
        <strong>{invoice.clientName}</strong>
        <span>{invoice.clientAddress}</span>
        {invoice.invoiceId && <span className="muted">{t('invoice.number', { id: invoice.invoiceId })}</span>}
      </header>
      {invoice.lines.map((l) => {
        const c = lines[l.subServiceId];
        if (!c) return null;
        const problem = say(problems[l.subServiceId]);
        return (
          <div key={l.subServiceId} className={c.selected ? 'invoice-line selected' : 'invoice-line'} data-testid={`line-${l.subServiceId}`}>
            <label className="line-pick">
              <input type="checkbox" data-testid={`line-${l.subServiceId}-pick`} checked={c.selected} onChange={(e) => setLine(l.subServiceId, { selected: e.target.checked })} />
              <span className="line-name">{l.subServiceName}</span>
            </label>
            {/* The line's facts, each a sum as every other (the comment as processing wrote it). */}
            <div className="line-info muted" data-testid={`line-${l.subServiceId}-info`}>
              {[
                l.debt && l.debt !== '0.00' ? `${t('invoice.debt')}: ${money(l.debt, lang)}` : l.debtInfo && !l.debt ? `${t('invoice.debt')}: ${l.debtInfo}` : null,
                l.minSum ? `${t('invoice.minShort')} ${money(l.minSum, lang)}` : null,
                l.maxSum ? `${t('invoice.maxShort')} ${money(l.maxSum, lang)}` : null,
                l.comment,
              ].filter(Boolean).join(' · ')}
            </div>
            {/* After the check, focus lands on the bill's first line (a cash desk's keyboard); in the DOM before the meter, so Tab goes amount, then reading, as the eye reads the line. */}
            <input className="line-amount" aria-label={t('invoice.amount', { name: l.subServiceName })} data-testid={`line-${l.subServiceId}-amount`} inputMode="decimal" value={c.amount} disabled={!c.selected} autoFocus={focusFirst && l === invoice.lines[0]} onChange={(e) => setLine(l.subServiceId, { amount: e.target.value })} {...edit(l.subServiceId, 'amount')} />
            {l.isMeter && (
              <div className="meter">
                <span className="muted">
                  {t('invoice.prev')}: {l.prevCount ? decimalText(l.prevCount, lang) : '—'} {l.si ?? ''}
                </span>
                <input aria-label={t('invoice.last', { name: l.subServiceName })} data-testid={`line-${l.subServiceId}-meter`} inputMode="decimal" placeholder={t('invoice.lastShort')} value={c.lastCount} disabled={!c.selected} onChange={(e) => setLine(l.subServiceId, { lastCount: e.target.value })} {...edit(l.subServiceId, 'lastCount')} />
              </div>
            )}
            <div className={problem ? 'note problem' : 'note'} role={problem ? 'alert' : undefined}>
              {problem ?? '\u00a0'}
            </div>
          </div>
        );
      })}
      {kiosk && editing && (
        <OnScreenKeyboard
          key={`${editing.id}-${editing.field}`}
          numeric="decimal"
          onKey={(ch) => setLine(editing.id, { [editing.field]: editingValue + ch })}
          onBackspace={() => setLine(editing.id, { [editing.field]: editingValue.slice(0, -1) })}
          onEnter={() => setEditing(null)}
        />
      )}
    </section>
  );
}

/** Processing writes dates as 20200215000000 (YYYYMMDDhhmmss); shown as a local date. */
export function formatProcessingDate(text: string, lang: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(text);
  if (!m) return text;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : `${lang}-KZ`, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}
