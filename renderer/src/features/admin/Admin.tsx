import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenHeader } from '../../components/ScreenHeader';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';
import { call } from '../../ipc/bridge';
import { errorKey, sayError } from '../../format/error';
import { useCatalog } from '../../state/catalog';
import { useNav } from '../../state/nav';
import { useStatus } from '../../state/status';
import { useSettings } from '../../state/settings';
import { dateTime, money } from '../../format/money';
import type { Results } from '../../../../shared/ipc/contract';
import { TillPanel } from './TillPanel';
import { AttendantAlerts } from '../../components/AttendantAlerts';

/** What this terminal is and how it stands: id, version, processing, printer, queue, balance. */
function TerminalInfo() {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.lang);
  const [info, setInfo] = useState<Results['admin.info'] | null>(null);
  useEffect(() => {
    void call('admin.info', {}).then(setInfo, () => setInfo(null));
  }, []);
  if (!info) return null;
  return (
    <dl className="sums admin-info" data-testid="admin-info">
      <dt>{t('admin.info.terminal')}</dt>
      <dd>{info.terminalId} · {t(`admin.info.mode.${info.mode}`)}</dd>
      <dt>{t('admin.info.version')}</dt>
      <dd>{info.version}</dd>
      <dt>{t('admin.info.processing')}</dt>
      <dd data-testid="admin-info-processing">{info.sandbox ? t('admin.info.sandbox') : info.processingHost}</dd>
      <dt>{t('admin.info.secrets')}</dt>
      <dd data-testid="admin-info-secrets">{t(`admin.info.secretsIn.${info.secrets}`)}</dd>
      <dt>{t('admin.info.zone')}</dt>
      <dd>{info.timeZone}</dd>
      <dt>{t('admin.info.printer')}</dt>
      <dd data-testid="admin-info-printer">{info.printer.name ? `${info.printer.name} · ${t(`admin.info.paper.${info.printer.paper ?? 'unknown'}`)}` : t('admin.info.noPrinter')}</dd>
      <dt>{t('admin.info.queue')}</dt>
      <dd data-testid="admin-info-queue">{t('admin.info.queueValue', { count: info.queue.pending, total: money(info.queue.total, lang), review: info.queue.review })}</dd>
      <dt>{t('admin.info.balance')}</dt>
      <dd data-testid="admin-info-balance">
        {info.balance ? money(info.balance.balance, lang) : '—'}
        {info.balance && info.balanceStale && info.balanceAsOf && ` · ${t('admin.info.balanceStale', { time: dateTime(info.balanceAsOf, lang, info.timeZone) })}`}
      </dd>
    </dl>
  );
}

/** The service menu's payouts: the module's health and balance, the payout journal, "check status now". */
function PayoutsPanel() {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.lang);
  const [health, setHealth] = useState<Results['payouts.health'] | null>(null);
  const [list, setList] = useState<Results['payout.list']>([]);
  const zone = useStatus((s) => s.status?.timeZone);
  const load = () => {
    void call('payouts.health', {}).then(setHealth, () => setHealth({ online: false, echo: null, balance: null, low: false }));
    void call('payout.list', {}).then(setList, () => setList([]));
  };
  useEffect(load, []);
  return (
    <section className="payouts-panel" data-testid="admin-payouts">
      <h2>{t('admin.payouts')}</h2>
      {health && (
        <p data-testid="payouts-health" className={health.online ? '' : 'note problem'}>
          {health.online ? t('admin.payoutsOnline') : t('admin.payoutsOffline')}
          {health.balance !== null && ` · ${t('admin.payoutsBalance', { balance: money(health.balance, lang) })}`}
          {health.low && <strong className="balance balance-low"> {t('admin.payoutsLow')}</strong>}
        </p>
      )}
      {list.map((p) => (
        <div key={p.orderNumber} className="cash-row" data-testid={`payout-${p.orderNumber}`}>
          <span>
            {dateTime(p.createdAt, lang, zone)} · <strong>{money(p.amount, lang)}</strong> · {p.maskedPan ?? '—'} · {t(`payout.state.${p.state}`)}
          </span>
          {(p.state === 'new' || p.state === 'registered' || p.state === 'pending') && (
            <button type="button" data-testid={`payout-check-${p.orderNumber}`} onClick={() => void call('payout.check', { orderNumber: p.orderNumber }).then(load, load)}>
              {t('admin.payoutCheck')}
            </button>
          )}
        </div>
      ))}
    </section>
  );
}

export function Admin() {
  const { t } = useTranslation();
  const go = useNav((s) => s.go);
  const status = useStatus((s) => s.status);
  const load = useCatalog((s) => s.load);
  const kiosk = status?.mode === 'kiosk';
  const [pin, setPin] = useState('');
  const trying = useRef(false);
  const [unlocked, setUnlocked] = useState(false);
  // The PIN that unlocked a kiosk's menu: closing an encashment asks it again of the terminal.
  const [unlockedPin, setUnlockedPin] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [cash, setCash] = useState<Results['cash.unpaid']>([]);
  const [notes, setNotes] = useState<Record<string, string>>({});
  // A kiosk has no keyboard: the attendant's notes are typed on the on-screen one.
  const [editingNote, setEditingNote] = useState<string | null>(null);
  const lang = useSettings((s) => s.lang);
  const open = !kiosk || unlocked;
  const loadCash = () => void call('cash.unpaid', {}).then(setCash, () => setCash([]));
  useEffect(() => {
    if (open) loadCash();
  }, [open]);
  const run = async (what: () => Promise<string>) => {
    try {
      setMessage(await what());
    } catch (err) {
      setMessage(sayError(t, errorKey(err)));
    }
  };
  return (
    <main className="admin" data-testid="admin">
      <ScreenHeader title={t('admin.title')} onBack={() => go('home')} escape={!kiosk} />
      {kiosk && unlocked && (
        <div className="admin-alerts" data-testid="admin-alerts">
          <AttendantAlerts />
        </div>
      )}
      {(!kiosk || unlocked) && <div className="admin-actions">
        <button type="button" data-testid="refresh-catalog" onClick={() => void run(async () => {
          await load(true);
          // Processing did not answer: the saved copy is still in use, and the screen says so.
          return useCatalog.getState().source === 'cache' ? t('admin.catalogNotRefreshed') : t('admin.catalogRefreshed');
        })}>
          {t('admin.refreshCatalog')}
        </button>
        <button
          type="button"
          data-testid="test-print"
          onClick={() => void run(async () => {
            const r = await call('printer.test', {});
            return r.printed ? t('admin.testPrinted', { printer: r.printer }) : t('admin.testNotPrinted', { error: t(`printer.${r.error ?? 'render'}`) });
          })}
        >
          {t('admin.testPrint')}
        </button>
      </div>}
      {open && cash.length > 0 && (
        <section className="cash-unpaid" data-testid="cash-unpaid">
          <h2>{t('admin.cashTitle')}</h2>
          <p className="muted">{t('admin.cashHelp')}</p>
          {cash.map((c) => (
            <div key={c.session} className="cash-row" data-testid={`cash-${c.session}`}>
              <span>
                {dateTime(c.openedAt, lang, status?.timeZone)} · <strong>{money(c.total, lang)}</strong> · {t('admin.cashNotes', { count: c.notes })}
                <br />
                <span data-testid={`cash-why-${c.session}`}>{t(`admin.cashWhy.${c.why}`)}</span>
                {c.serviceName && <> · {c.serviceName} · {c.account}</>}
                {c.agentTransactionId && <> · {t('final.number')} <strong>{c.agentTransactionId}</strong></>}
              </span>
              <input aria-label={t('admin.cashNote')} placeholder={t('admin.cashNote')} data-testid={`cash-note-${c.session}`} value={notes[c.session] ?? ''} onChange={(e) => setNotes({ ...notes, [c.session]: e.target.value })} readOnly={kiosk} onFocus={() => kiosk && setEditingNote(c.session)} />
              <button
                type="button"
                disabled={!notes[c.session]?.trim()}
                onClick={() => void run(async () => {
                  await call('cash.settle', { session: c.session, note: notes[c.session] ?? '' });
                  loadCash();
                  return t('admin.cashSettled');
                })}
              >
                {t('admin.cashSettle')}
              </button>
            </div>
          ))}
        </section>
      )}
      {open && kiosk && editingNote && (
        <OnScreenKeyboard
          numeric={false}
          onKey={(ch) => setNotes((n) => ({ ...n, [editingNote]: ((n[editingNote] ?? '') + ch).slice(0, 200) }))}
          onBackspace={() => setNotes((n) => ({ ...n, [editingNote]: (n[editingNote] ?? '').slice(0, -1) }))}
          onEnter={() => setEditingNote(null)}
        />
      )}
      {open && <TerminalInfo />}
      {open && <TillPanel kiosk={kiosk} pin={unlockedPin} device={status?.cashAcceptor === 'ccnet' || status?.cashAcceptor === 'id003'} />}
      {open && status?.payouts.available && <PayoutsPanel />}
      {kiosk && !unlocked && (
        <section className="pin">
          <label htmlFor="pin">{t('admin.pin')}</label>
          <input id="pin" type="password" inputMode="numeric" readOnly value={pin} data-testid="pin" />
          <OnScreenKeyboard
            numeric
            onKey={(c) => setPin((p) => (p + c).slice(0, 12))}
            onBackspace={() => setPin((p) => p.slice(0, -1))}
            onEnter={() => {
              // Every try starts from an empty field: the digits of a wrong try never count towards the next.
              const tried = pin;
              setPin('');
              if (!tried || trying.current) return;
              trying.current = true;
              void run(async () => {
                const r = await call('admin.exit', { pin: tried });
                setUnlocked(true);
                setUnlockedPin(tried);
                return r.exited ? t('admin.exited') : t('admin.noKioskToExit');
              }).finally(() => {
                trying.current = false;
              });
            }}
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
