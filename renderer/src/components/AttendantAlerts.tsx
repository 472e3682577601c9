/**
 * What needs the attendant: cash no payment accounts for, payments for a person to look at, receipts
 * not printed, payments waiting to be sent. A cashier is the attendant and sees them in the status
 * bar; a kiosk's customers never do (they concern somebody else's money): the attendant sees them in
 * the kiosk's service menu.
 */
import { useTranslation } from 'react-i18next';
import { useStatus } from '../state/status';

export function AttendantAlerts() {
  const { t } = useTranslation();
  const status = useStatus((s) => s.status);
  if (!status) return null;
  return (
    <>
      {status.pending > 0 && (
        <span className="pending" data-testid="pending-count" data-count={status.pending}>
          {t('status.pending', { count: status.pending })}
        </span>
      )}
      {status.review > 0 && <span className="review">{t('status.review', { count: status.review })}</span>}
      {status.cashWithoutPayment > 0 && (
        <span className="balance balance-critical" data-testid="cash-without-payment">
          {t(status.mode === 'kiosk' ? 'status.cashWithoutPaymentHere' : 'status.cashWithoutPayment', { count: status.cashWithoutPayment })}
        </span>
      )}
      {status.receiptsNotPrintedToday > 0 && <span className="review">{t('status.unprinted', { count: status.receiptsNotPrintedToday })}</span>}
    </>
  );
}
