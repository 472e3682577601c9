/**
 * The service menu's till: the bill validator (state, cassette, bill table, a test), a kiosk's
 * encashment and a payment point's X and Z reports, each shown as its paper reads.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../ipc/bridge';
import { errorKey, sayError } from '../../format/error';
import { dateTime, money, typedAmount, formatDecimal } from '../../format/money';
import { useSettings } from '../../state/settings';
import { useStatus } from '../../state/status';
import type { Results } from '../../../../shared/ipc/contract';

function DevicePanel() {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.lang);
  const [device, setDevice] = useState<Results['device.status']>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);
  const load = () => void call('device.status', {}).then(setDevice, () => setDevice(null));
  useEffect(load, []);
  if (!device) return null;
  const state = device.alarm ? t('till.device.alarm', { why: device.alarm }) : device.fault ? t(`till.device.fault.${device.fault}`) : t(`till.device.phase.${device.phase}`);
  return (
    <section className="till-device" data-testid="admin-device">
      <h2>{t('till.device.title')}</h2>
      <dl className="sums">
        <dt>{t('till.device.state')}</dt>
        <dd data-testid="device-state" className={device.fault || device.alarm ? 'problem' : ''}>{state}</dd>
        <dt>{t('till.device.model')}</dt>
        <dd>{device.protocol.toUpperCase()} · {device.model ?? '—'}{device.serial ? ` · ${device.serial}` : ''}</dd>
        <dt>{t('till.device.cassette')}</dt>
        <dd data-testid="device-cassette">{t('till.device.cassetteValue', { count: device.cassette.notes, total: money(device.cassette.total, lang) })}</dd>
        <dt>{t('till.device.bills')}</dt>
        <dd data-testid="device-bills">{device.bills.filter((b) => b.taken).map((b) => money(b.amount, lang)).join(', ') || '—'}</dd>
      </dl>
      <button type="button" data-testid="device-test" disabled={testing} onClick={() => {
        setTesting(true);
        setMessage(t('till.device.testing'));
        void call('device.test', {})
          .then((r) => setMessage(r.returned ? t('till.device.tested', { amount: money(r.returned, lang) }) : t('till.device.noNote')), (err: unknown) => setMessage(sayError(t, errorKey(err))))
          .finally(() => {
            setTesting(false);
            load();
          });
      }}>
        {t('till.device.test')}
      </button>
      {message && <p role="status" data-testid="device-message">{message}</p>}
    </section>
  );
}

/** What was closed, newest first: each row its number, when, the sum and whether the count agreed; a row opens its paper. */
function History({ rows, onOpen, busy }: { rows: Results['till.history']; onOpen: (row: Results['till.history'][number]) => void; busy: boolean }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.lang);
  const zone = useStatus((s) => s.status?.timeZone);
  return (
    <section className="till-history" data-testid="till-history">
      <h3>{t('till.history.title')}</h3>
      {rows.length === 0 ? (
        <p className="muted">{t('till.history.none')}</p>
      ) : (
        <ul>
          {rows.map((r) => {
            const name = t(`till.history.${r.kind}`, { id: r.id });
            const off = r.difference !== null && r.difference !== '0.00';
            const counted = r.difference === null ? t('till.history.notCounted') : off ? t('till.difference', { amount: money(r.difference, lang) }) : t('till.history.agrees');
            return (
              <li key={`${r.kind}-${r.id}`}>
                <button type="button" data-testid={`till-history-${r.id}`} disabled={busy} aria-label={t('till.history.open', { name })} onClick={() => onOpen(r)}>
                  <strong>{name}</strong> · {dateTime(r.at, lang, zone)} · {money(r.total, lang)} · <span className={off ? 'problem' : ''}>{counted}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export function TillPanel({ kiosk, pin, device }: { kiosk: boolean; pin: string; device: boolean }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.lang);
  const receiptLang = lang === 'kk' ? 'kk' : 'ru';
  const [report, setReport] = useState<Results['till.report'] | null>(null);
  const [closed, setClosed] = useState(false);
  const [counted, setCounted] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [history, setHistory] = useState<Results['till.history']>([]);
  const loadHistory = () => void call('till.history', {}).then(setHistory, () => undefined);
  useEffect(loadHistory, []);
  const run = async (what: () => Promise<void>) => {
    setBusy(true);
    try {
      await what();
    } catch (err) {
      setMessage(sayError(t, errorKey(err)));
    } finally {
      setBusy(false);
    }
  };
  const look = (kind: 'x' | 'encashment') => run(async () => {
    setReport(await call('till.report', { kind, lang: receiptLang }));
    setClosed(false);
    setMessage(null);
  });
  const close = (kind: 'z' | 'encashment') => run(async () => {
    const sum = typedAmount(counted);
    const r = await call('till.close', { kind, pin: kiosk ? pin : undefined, lang: receiptLang, counted: kind === 'z' && sum !== null ? formatDecimal(sum) : undefined });
    setReport(r);
    setClosed(true);
    setCounted('');
    setMessage(r.printed === false ? t('till.notPrinted') : r.printed ? t('till.printed') : null);
    loadHistory();
  });
  const open = (row: Results['till.history'][number]) => run(async () => {
    setReport(await call('till.closed', { kind: row.kind, id: row.id, lang: receiptLang }));
    setClosed(true);
    setMessage(null);
  });
  return (
    <>
      {device && <DevicePanel />}
      <section className="till" data-testid="admin-till">
        <h2>{kiosk ? t('till.encashment') : t('till.shift')}</h2>
        <div className="admin-actions">
          {kiosk ? (
            <>
              <button type="button" data-testid="encash-preview" disabled={busy} onClick={() => void look('encashment')}>{t('till.encashPreview')}</button>
              <button type="button" data-testid="encash" disabled={busy} onClick={() => void close('encashment')}>{t('till.encash')}</button>
            </>
          ) : (
            <>
              <button type="button" data-testid="report-x" disabled={busy} onClick={() => void look('x')}>{t('till.x')}</button>
              <label className="counted">
                {t('till.counted')}
                <input data-testid="z-counted" inputMode="decimal" value={counted} onChange={(e) => setCounted(e.target.value)} />
              </label>
              <button type="button" data-testid="report-z" disabled={busy} onClick={() => void close('z')}>{t('till.z')}</button>
            </>
          )}
        </div>
        <History rows={history} onOpen={(row) => void open(row)} busy={busy} />
        {report && (
          <figure className="report-paper" data-testid="till-report" data-kind={report.kind} data-closed={closed ? 'yes' : 'no'}>
            {report.difference !== null && report.difference !== '0.00' && (
              <p className="note problem big" role="alert" data-testid="till-difference">{t('till.difference', { amount: money(report.difference, lang) })}</p>
            )}
            <img src={report.png} alt={t(`till.alt.${report.kind}`, { total: money(report.total, lang) })} />
            <figcaption className="muted">{closed ? t('till.closed') : t('till.preview')}</figcaption>
          </figure>
        )}
        {message && <p role="status" data-testid="till-message">{message}</p>}
      </section>
    </>
  );
}
