/** A payment's screens in order: form → details (check result, amount, cash) → paying → final. */
import { useTranslation } from 'react-i18next';
import { ScreenHeader } from '../components/ScreenHeader';
import { useNav } from '../stores/nav';
import { usePayment } from '../stores/payment';
import { PaymentDetails } from './PaymentDetails';
import { PaymentFinal } from './PaymentFinal';
import { PaymentForm } from './PaymentForm';

export function PaymentScreen() {
  const { t } = useTranslation();
  const { step, service, rerouted, reset, inserted } = usePayment();
  const go = useNav((s) => s.go);
  if (!service) return null;
  const back = () => {
    reset();
    go('home');
  };
  return (
    <main className="payment" data-testid="payment" data-step={step}>
      {step !== 'final' && (
        <ScreenHeader title={service.name} subtitle={service.group} onBack={back} backDisabled={step === 'paying' || inserted > 0} />
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
