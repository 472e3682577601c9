/** A payment's screens in order: form → details (check result, amount, cash) → paying → final. */
import { useTranslation } from 'react-i18next';
import { BackHomeSoon } from '../../components/BackHomeSoon';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useNav } from '../../state/nav';
import { usePayment } from './payment-store';
import { PaymentDetails } from './PaymentDetails';
import { PaymentFinal } from './PaymentFinal';
import { PaymentForm } from './PaymentForm';
import { sayError } from '../../format/error';
import { groupName } from '../../format/group';
import { formatDecimal, money } from '../../format/money';
import { useSettings } from '../../state/settings';

/** The customer's cash went to the attendant: how much, and what to do. */
function HandedOver({ amount }: { amount: number }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.lang);
  const { reset, error, slip, check } = usePayment();
  const go = useNav((s) => s.go);
  const done = () => {
    reset();
    go('home');
  };
  return (
    <div className="final final-failed" data-testid="handed-over" role="alert">
      <div className="final-mark" aria-hidden="true">!</div>
      {error && <p className="final-why">{sayError(t, error)}</p>}
      <h1>{t('kiosk.handedOver', { amount: money(formatDecimal(amount), lang) })}</h1>
      {slip === 'printed' && <p className="take-receipt" data-testid="take-slip">{t('kiosk.takeSlip')}</p>}
      {slip === 'failed' && check && (
        <div className="no-receipt" data-testid="slip-not-printed">
          <p>{t('kiosk.slipNotPrinted')}</p>
          <p className="big-number">{check.payment.agentTransactionId}</p>
        </div>
      )}
      {/* With no slip the customer writes the number down: the screen waits for them (the idle question). */}
      {slip !== 'failed' && <BackHomeSoon onHome={done} />}
      <div className="actions">
        <button type="button" className="primary" data-testid="done" onClick={done}>
          {t('final.done')}
        </button>
      </div>
    </div>
  );
}

export function PaymentScreen() {
  const { t } = useTranslation();
  const { step, service, rerouted, reset, inserted, handedOver, handOverCash, values, confirmingCancel, askCancel, busy } = usePayment();
  const lang = useSettings((s) => s.lang);
  const go = useNav((s) => s.go);
  if (!service) return null;
  const back = () => {
    // With cash in, going back hands it to the attendant (a kiosk gives no change): asked once, then said, with a slip.
    if (inserted > 0) {
      askCancel(true);
      return;
    }
    reset();
    go('home');
  };
  return (
    <main
      className="payment"
      data-testid="payment"
      data-step={step}
      onKeyDown={(e) => {
        // Esc goes back (a cash desk's keyboard); never while a payment is being sent.
        if (e.key !== 'Escape' || step === 'paying') return;
        e.preventDefault();
        if (step === 'final') {
          reset();
          go('home');
        } else back();
      }}
    >
      {step !== 'final' && (
        // The service and the account being paid stay in sight on every later screen, while cash goes in too.
        <ScreenHeader title={service.name} subtitle={step === 'form' || !values.account ? groupName(service.group) : `${groupName(service.group)} · ${values.account}`} onBack={back} backDisabled={step === 'paying'} />
      )}
      {rerouted && step === 'details' && (
        <div className="banner info" role="status" data-testid="rerouted">
          {t('final.reroutedFrom', { from: rerouted.from, to: rerouted.to })}
        </div>
      )}
      {step === 'form' && <PaymentForm />}
      {step === 'details' && <PaymentDetails />}
      {step === 'paying' && (
        <div className="paying" data-testid="paying" role="status" aria-live="polite">
          <div className="spinner" aria-hidden="true" />
          <p>{t('paying.title')}</p>
          <p className="muted">{t('paying.note')}</p>
        </div>
      )}
      {step === 'final' && (handedOver !== null ? <HandedOver amount={handedOver} /> : <PaymentFinal />)}
      {confirmingCancel && step === 'details' && inserted > 0 && (
        <div className="still-there" role="alertdialog" aria-modal="true" aria-labelledby="cancel-ask-title" aria-describedby="cancel-ask-note" data-testid="cancel-ask">
          <div className="still-there-box">
            <h2 id="cancel-ask-title">{t('kiosk.cancelAsk')}</h2>
            <p id="cancel-ask-note" className="still-there-then">{t('kiosk.cancelAskNote', { amount: money(formatDecimal(inserted), lang) })}</p>
            <div className="actions">
              <button type="button" className="secondary" data-testid="cancel-no" autoFocus onClick={() => askCancel(false)}>{t('kiosk.cancelNo')}</button>
              <button type="button" className="primary danger" data-testid="cancel-yes" disabled={busy} onClick={() => void handOverCash('cancelled')}>{t('kiosk.cancelYes')}</button>
            </div>
          </div>
        </div>
      )}
    </main>
  );
}
