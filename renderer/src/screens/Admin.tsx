/** Admin: PIN first (in a kiosk); then refresh the catalog, print a test page, leave kiosk mode. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenHeader } from '../components/ScreenHeader';
import { OnScreenKeyboard } from '../components/OnScreenKeyboard';
import { call, CallError } from '../ipc/bridge';
import { useCatalog } from '../stores/catalog';
import { useNav } from '../stores/nav';
import { useStatus } from '../stores/status';

export function Admin() {
  const { t } = useTranslation();
  const go = useNav((s) => s.go);
  const status = useStatus((s) => s.status);
  const load = useCatalog((s) => s.load);
  const kiosk = status?.mode === 'kiosk';
  const [pin, setPin] = useState('');
  const [unlocked, setUnlocked] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const run = async (what: () => Promise<string>) => {
    try {
      setMessage(await what());
    } catch (err) {
      setMessage(err instanceof CallError ? err.message : String(err));
    }
  };
  return (
    <main className="admin" data-testid="admin">
      <ScreenHeader title={t('admin.title')} onBack={() => go('home')} />
      {(!kiosk || unlocked) && <div className="admin-actions">
        <button type="button" data-testid="refresh-catalog" onClick={() => void run(async () => (await load(true), t('admin.catalogRefreshed')))}>
          {t('admin.refreshCatalog')}
        </button>
        <button
          type="button"
          data-testid="test-print"
          onClick={() => void run(async () => {
            const r = await call('printer.test', {});
            return r.printed ? t('admin.testPrinted', { printer: r.printer }) : t('admin.testNotPrinted', { error: r.error });
          })}
        >
          {t('admin.testPrint')}
        </button>
      </div>}
      {kiosk && !unlocked && (
        <section className="pin">
          <label htmlFor="pin">{t('admin.pin')}</label>
          <input id="pin" type="password" inputMode="numeric" readOnly value={pin} data-testid="pin" />
          <OnScreenKeyboard
            numeric
            onKey={(c) => setPin((p) => (p + c).slice(0, 12))}
            onBackspace={() => setPin((p) => p.slice(0, -1))}
            onEnter={() => void run(async () => {
              const r = await call('admin.exit', { pin });
              setPin('');
              setUnlocked(true);
              return r.exited ? t('admin.exited') : t('admin.noKioskToExit');
            })}
          />
        </section>
      )}
      {message && (
        <p role="status" data-testid="admin-message">
          {message}
        </p>
      )}
    </main>
  );
}
