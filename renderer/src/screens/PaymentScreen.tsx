/** A payment's screens in order: form → details (check result, amount, cash) → paying → final. */
import { useTranslation } from 'react-i18next';
import { useNav } from '../stores/nav';
import { usePayment } from '../stores/payment';
import { PaymentDetails } from './PaymentDetails';
import { PaymentFinal } from './PaymentFinal';
import { PaymentForm } from './PaymentForm';

export function PaymentScreen() {
  const { t } = useTranslation();
  const { step, service, rerouted, reset } = usePayment();
  const go = useNav((s) => s.go);
  if (!service) return null;
  const back = () => {
    reset();
    go('home');
  };
  return (
    <main className="payment" data-testid="payment" data-step={step}>
      {step !== 'final' && (
        <header className="payment-head">
          <button type="button" className="back" data-testid="back" onClick={back} disabled={step === 'paying' || usePayment.getState().inserted > 0}>
            ← {t('common.back')}
          </button>
          <div>
            <h1 data-testid="service-title">{service.name}</h1>
            <span className="muted">{service.group}</span>
          </div>
        </header>
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
      {step === 'final' && <PaymentFinal />}
    </main>
  );
}
