/** The strip at the top: connection, a cashier's alerts and balance warning, language, journal. */
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGS, type Lang } from '../i18n';
import { AttendantAlerts } from './AttendantAlerts';
import { money } from '../format/money';
import { useNav } from '../state/nav';
import { useSettings } from '../state/settings';
import { useStatus } from '../state/status';

/** A press held for `ms` (the attendant's hidden way into a kiosk's service menu). */
function useLongPress(action: () => void, ms: number) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cancel = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  return {
    onPointerDown: () => {
      cancel();
      timer.current = setTimeout(action, ms);
    },
    onPointerUp: cancel,
    onPointerLeave: cancel,
    onPointerCancel: cancel,
  };
}

export function StatusBar() {
  const { t } = useTranslation();
  const { status, unreachable } = useStatus();
  const { lang, setLang } = useSettings();
  const go = useNav((s) => s.go);
  const online = unreachable ? 'offline' : (status?.online ?? 'unknown');
  const corner = useLongPress(() => go('admin'), 2000);
  return (
    <header className="status-bar" data-testid="status-bar">
      {status?.mode === 'kiosk' && <span className="admin-corner" data-testid="admin-corner" aria-hidden="true" {...corner} />}
      <span className={`conn conn-${online}`} data-testid="connection" data-state={online}>
        <span className="dot" aria-hidden="true" />
        {unreachable ? t('status.terminalDown') : t(`status.${online}`)}
      </span>
      {status?.authRefused && (
        <span className="balance balance-critical" data-testid="auth-refused">
          {t('status.authRefused')}
        </span>
      )}
      {/* A kiosk's customers see only what concerns their own payment: the attendant's alerts are in its service menu. */}
      {status?.mode === 'cashier' && <AttendantAlerts />}
      {status?.balance && status.balance.level !== 'ok' && status.mode === 'cashier' && (
        <span className={`balance balance-${status.balance.level}`} data-testid="balance-warning">
          {t(`status.balance.${status.balance.level}`, { balance: money(status.balance.balance, lang) })}
        </span>
      )}
      <span className="spacer" />
      {status?.mode === 'cashier' && (
        <button type="button" className="bar-button" data-testid="open-journal" onClick={() => go('journal')}>
          {t('journal.title')}
        </button>
      )}
      {/* No service menu for a kiosk's customers: the attendant holds the bar's left corner (then the PIN). */}
      {status?.mode !== 'kiosk' && (
        <button type="button" className="bar-button" data-testid="open-admin" onClick={() => go('admin')}>
          {t('admin.title')}
        </button>
      )}
      <span className="langs" role="group" aria-label={t('status.language')}>
        {LANGS.map((l: Lang) => (
          <button type="button" key={l} className={l === lang ? 'lang active' : 'lang'} aria-pressed={l === lang} data-testid={`lang-${l}`} onClick={() => setLang(l)}>
            {t(`lang.${l}`)}
          </button>
        ))}
      </span>
    </header>
  );
}
