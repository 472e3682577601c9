/**
 * Cash to card. The amount and the recipient's name → the commission and the total → cash in →
 * the bank's card page (a QR to scan with the recipient's phone in a kiosk, a link at a desk) or a
 * card number typed here where allowed → the bank's answer, said plainly, with the order number large.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BackHomeSoon } from '../../components/BackHomeSoon';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';
import { ScreenHeader } from '../../components/ScreenHeader';
import { TextField } from '../../components/TextField';
import { sayError } from '../../format/error';
import { formatDecimal, money, tiyn, typedAmount } from '../../format/money';
import { useNav } from '../../state/nav';
import { usePayout } from './payout-store';
import { useSettings } from '../../state/settings';
import { useStatus } from '../../state/status';
import { isPayoutName, maskPan, readPan } from '../../../../shared/rules/card-number';

type Field = 'amount' | 'name' | 'phone' | 'pan';

export function Payout() {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.lang);
  const status = useStatus((s) => s.status);
  const kiosk = status?.mode === 'kiosk';
  const flow = usePayout();
  const go = useNav((s) => s.go);
  const [editing, setEditing] = useState<Field | null>(kiosk ? 'amount' : null);
  const [now, setNow] = useState(Date.now());
  const waiting = flow.step === 'waiting';
  const device = kiosk && (status?.cashAcceptor === 'ccnet' || status?.cashAcceptor === 'id003');
  // The bill validator waits for this payout's notes while the cash step shows, for the total due.
  const acceptKey = flow.step === 'cash' && flow.quote && flow.handedOver === null ? flow.quote.amountFrom : null;
  useEffect(() => {
    if (!device || acceptKey === null) return;
    void usePayout.getState().acceptNotes();
    return () => void usePayout.getState().stopNotes();
  }, [device, acceptKey]);
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => {
      setNow(Date.now());
      void usePayout.getState().poll();
    }, 2000);
    return () => clearInterval(timer);
  }, [waiting]);

  const back = () => {
    if (flow.inserted > 0 && flow.step !== 'final') {
      void flow.handOver();
      return;
    }
    flow.reset();
    go('home');
  };
  const kb = (field: Field) => (kiosk ? { readOnly: true, onFocus: () => setEditing(field) } : {});
  // A desk's Enter: the next field, or on once the step is complete (what the step's button does).
  const enter = (then: () => void) => ({
    onKeyDown: (e: { key: string; preventDefault(): void }) => {
      if (kiosk || e.key !== 'Enter') return;
      e.preventDefault();
      then();
    },
  });
  const focusField = (id: string) => () => document.getElementById(id)?.focus();
  const amount = typedAmount(flow.amount);
  const nameOk = isPayoutName(flow.name);
  const formOk = amount !== null && amount > 0 && nameOk;
  const due = flow.quote ? tiyn(flow.quote.amountFrom) : null;
  const received = typedAmount(flow.cashReceived);
  const change = !kiosk && due !== null && received !== null ? received - due : null;
  const cashOk = kiosk ? flow.inserted > 0 && flow.missing === 0 : change !== null && change >= 0;
  const pan = readPan(flow.pan);
  const p = flow.payout;
  const left = p?.expiresAt ? Math.max(0, Math.floor((Date.parse(p.expiresAt) - now) / 1000)) : null;

  return (
    <main className="payout" data-testid="payout" data-step={flow.step}>
      {flow.step !== 'final' && <ScreenHeader title={t('payout.title')} subtitle={t('payout.subtitle')} onBack={back} backDisabled={flow.busy || waiting} escape={!kiosk} />}
      {flow.error && (
        <div className="banner error" role="alert" data-testid="payout-error">
          {sayError(t, flow.error)}
        </div>
      )}

      {flow.step === 'form' && (
        <section className="payout-form">
          <TextField id="payout-amount" data-testid="payout-amount" label={t('payout.amount')} inputMode="decimal" value={flow.amount} hint={t('amount.hint')} problem={flow.amount && (amount === null || amount <= 0) ? t('amount.invalid') : null} onChange={(v) => flow.set({ amount: v })} autoFocus={!kiosk} {...kb('amount')} {...enter(focusField('payout-name'))} />
          <TextField id="payout-name" data-testid="payout-name" label={t('payout.name')} value={flow.name} hint={t('payout.nameHint')} problem={flow.name && !nameOk ? t('payout.nameHint') : null} onChange={(v) => flow.set({ name: v })} {...kb('name')} {...enter(focusField('payout-phone'))} />
          <TextField id="payout-phone" data-testid="payout-phone" label={t('payout.phone')} inputMode="tel" value={flow.phone} onChange={(v) => flow.set({ phone: v })} {...kb('phone')} {...enter(() => formOk && void flow.toCash())} />
          {/* A kiosk's keyboard has the one «Далее» while it is open. */}
          {!(kiosk && editing) && (
            <div className="actions">
              <button type="button" className="primary" data-testid="payout-next" disabled={!formOk} onClick={() => void flow.toCash()}>
                {t('form.next')}
              </button>
            </div>
          )}
        </section>
      )}

      {flow.quote && flow.step !== 'form' && flow.step !== 'final' && (
        <dl className="sums" data-testid="payout-quote">
          <dt>{t('payout.toCard')}</dt>
          <dd>{money(flow.quote.amount, lang)}</dd>
          <dt>{t('amount.commission')}</dt>
          <dd>{money(flow.quote.commission, lang)}</dd>
          <dt className="total">{t('amount.total')}</dt>
          <dd className="total" data-testid="payout-total">{money(flow.quote.amountFrom, lang)}</dd>
        </dl>
      )}

      {flow.step === 'cash' && (
        <section className="cash-box" data-testid="payout-cash">
          {kiosk ? (
            <>
              <p className="inserted">
                {t('cash.inserted')}: <strong data-testid="payout-inserted">{money(formatDecimal(flow.inserted), lang)}</strong>
              </p>
              {flow.missing > 0 && <p className="note problem insert-more" data-testid="payout-insert-more">{t('kiosk.insertMore', { amount: money(formatDecimal(flow.missing), lang) })}</p>}
              {flow.returned && <p className="note returned big" role="alert" data-testid="payout-cash-returned">{t('cash.returned')}</p>}
              {device && (status?.cashDevice?.fault || status?.cashDevice?.phase === 'alarm' ? (
                <p className="note problem big device-prompt" data-testid="payout-device-prompt" role="alert">{t('cash.deviceFault')}</p>
              ) : (
                <p className="device-prompt big" data-testid="payout-device-prompt" role="status">{t('cash.insertNotes')}</p>
              ))}
              {status?.cashAcceptor === 'simulated' && (
                <div className="demo-notes" aria-label={t('cash.demo')}>
                  {status.cashNotes.map((note) => (
                    <button type="button" key={note} className="note-button" data-testid={`payout-insert-${note.replace(/\.00$/, '')}`} onClick={() => void flow.insertCash(tiyn(note))}>
                      {t('cash.insert', { amount: money(note, lang) })}
                    </button>
                  ))}
                </div>
              )}
            </>
          ) : (
            <>
              <TextField id="payout-cash" data-testid="payout-cash-received" label={t('cash.received')} inputMode="decimal" value={flow.cashReceived} onChange={(v) => flow.set({ cashReceived: v })} autoFocus {...enter(() => cashOk && flow.toFlow())} problem={change !== null && change < 0 ? t('cash.notEnough') : null} />
              <div className="change">
                {t('cash.change')}: <strong>{change !== null && change >= 0 ? money(formatDecimal(change), lang) : '—'}</strong>
              </div>
            </>
          )}
          <div className="actions">
            <button type="button" className="primary" data-testid="payout-to-flow" disabled={!cashOk} onClick={flow.toFlow}>
              {t('form.next')}
            </button>
          </div>
        </section>
      )}

      {flow.step === 'flow' && (
        <section className="payout-flow">
          <button type="button" className="primary" data-testid="payout-page" disabled={flow.busy} onClick={() => void flow.startPage(kiosk)} autoFocus={!kiosk}>
            {kiosk ? t('payout.pageKiosk') : t('payout.pageCashier')}
          </button>
          {status?.payouts.direct && (
            <button type="button" className="secondary" data-testid="payout-direct" disabled={flow.busy} onClick={flow.toCard}>
              {t('payout.direct')}
            </button>
          )}
        </section>
      )}

      {flow.step === 'card' && (
        <section className="payout-card">
          <TextField id="payout-pan" data-testid="payout-pan" label={t('payout.card')} inputMode="numeric" value={flow.pan} hint={pan ? maskPan(pan) : t('payout.cardHint')} problem={flow.pan.replace(/\D/g, '').length >= 16 && !pan ? t('payout.cardInvalid') : null} onChange={(v) => flow.set({ pan: v })} autoFocus={!kiosk} {...kb('pan')} {...enter(() => pan && !flow.busy && void flow.startDirect(kiosk))} />
          <div className="actions">
            <button type="button" className="primary" data-testid="payout-send" disabled={!pan || flow.busy} onClick={() => void flow.startDirect(kiosk)}>
              {t('payout.send', { amount: money(flow.quote?.amount, lang) })}
            </button>
          </div>
        </section>
      )}

      {flow.step === 'waiting' && p && (
        <section className="payout-waiting" data-testid="payout-waiting" data-form-url={p.formUrl ?? ''} role="status" aria-live="polite">
          {p.state === 'registered' && p.qr && kiosk && (
            <>
              <p className="big">{t('payout.scan')}</p>
              <img className="payout-qr" data-testid="payout-qr" src={p.qr} alt={t('payout.qrAlt')} />
            </>
          )}
          {p.state === 'registered' && p.formUrl && !kiosk && (
            <a className="button primary" data-testid="payout-open-page" href={p.formUrl} target="_blank" rel="noopener noreferrer">
              {t('payout.openPage')}
            </a>
          )}
          <p data-testid="payout-state">{t(`payout.state.${p.state}`)}</p>
          {left !== null && p.state === 'registered' && <p className="muted" data-testid="payout-countdown">{t('payout.left', { minutes: Math.floor(left / 60), seconds: String(left % 60).padStart(2, '0') })}</p>}
          <p className="muted">{t('payout.number')}: {p.orderNumber}</p>
        </section>
      )}

      {flow.step === 'final' && (
        <PayoutFinal
          onDone={() => {
            flow.reset();
            go('home');
          }}
        />
      )}

      {kiosk && editing && (flow.step === 'form' || flow.step === 'card') && (
        <OnScreenKeyboard
          key={editing}
          numeric={editing === 'name' ? false : editing === 'amount' ? 'decimal' : true}
          // The name as the card has it: Latin letters.
          letters={editing === 'name' ? 'en' : undefined}
          onKey={(ch) => flow.set({ [editing]: (usePayout.getState()[editing] + ch).slice(0, editing === 'name' ? 24 : 23) } as Partial<Record<Field, string>>)}
          onBackspace={() => flow.set({ [editing]: usePayout.getState()[editing].slice(0, -1) } as Partial<Record<Field, string>>)}
          onEnter={() => {
            // The next field, then on (the card's step has its own send button).
            if (editing === 'amount') setEditing('name');
            else if (editing === 'name') setEditing('phone');
            else if (editing === 'phone' && formOk) void flow.toCash();
            else setEditing(null);
          }}
        />
      )}
    </main>
  );
}

function PayoutFinal({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.lang);
  const kiosk = useStatus((s) => s.status?.mode === 'kiosk');
  const { payout: p, handedOver } = usePayout();
  const state = handedOver !== null && !p ? 'handed' : (p?.state ?? 'declined');
  const notPaid = state === 'declined' || state === 'expired';
  return (
    <div className={`final final-${state === 'paid' ? 'success' : notPaid || state === 'handed' ? 'failed' : 'pending'}`} data-testid="payout-final" data-state={state}>
      <div className="final-mark" aria-hidden="true">{state === 'paid' ? '✓' : notPaid || state === 'handed' ? '✕' : '…'}</div>
      <h1>{state === 'handed' ? t('kiosk.handedOver', { amount: money(formatDecimal(handedOver ?? 0), lang) }) : t(`payout.final.${state}`)}</h1>
      {p && notPaid && kiosk && <p>{t('payout.cashToAttendant')}</p>}
      {p && notPaid && !kiosk && (
        <p className="give-back" data-testid="payout-give-back" role="alert">{t('final.failedCashier', { amount: money(p.giveBack ?? p.amountFrom, lang) })}</p>
      )}
      {p && kiosk && p.receipt === 'printed' && <p className="take-receipt" data-testid="payout-take-receipt">{t('kiosk.takeReceipt')}</p>}
      {p && (
        <dl className="sums">
          <dt>{t('payout.toCard')}</dt>
          <dd>{money(p.amount, lang)}</dd>
          <dt>{t('amount.commission')}</dt>
          <dd>{money(p.commission, lang)}</dd>
          <dt className="total">{t(notPaid ? 'amount.total' : 'final.taken')}</dt>
          <dd className="total" data-testid="payout-taken">{money(p.amountFrom, lang)}</dd>
          {p.cashReceived !== null && !notPaid && (
            <>
              <dt>{t('final.cashReceived')}</dt>
              <dd data-testid="payout-received">{money(p.cashReceived, lang)}</dd>
            </>
          )}
          {p.change !== null && p.change !== '0.00' && !notPaid && (
            <>
              <dt>{t('cash.change')}</dt>
              <dd data-testid="payout-change">{money(p.change, lang)}</dd>
            </>
          )}
          {p.maskedPan && (
            <>
              <dt>{t('payout.card')}</dt>
              <dd data-testid="payout-masked-pan">{p.maskedPan}</dd>
            </>
          )}
          <dt>{t('payout.number')}</dt>
          <dd className="big-number" data-testid="payout-number">{p.orderNumber}</dd>
        </dl>
      )}
      {kiosk && (!p || notPaid || p.receipt === 'printed') && <BackHomeSoon onHome={onDone} />}
      <div className="actions">
        {/* Enter starts the next payout at the desk. */}
        <button type="button" className="primary" data-testid="payout-done" onClick={onDone} autoFocus={!kiosk}>
          {t('final.done')}
        </button>
      </div>
    </div>
  );
}
