/**
 * The fleet page: an operator signs in and sees every terminal with its state and alerts, the alerts
 * cleared in the last day, each terminal's timeline and commands, and the day's totals in the agent's
 * zone. It asks the server every 5 s; when the server does not answer it says so and keeps the last figures.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { formatMoney } from '../../../shared/money/amount';
import type { FleetAlertView, FleetTerminalView, FleetTimelineEntry, FleetView } from '../../../shared/fleet/views';
import { useFleet } from './fleet-state';
import { fill, LANG_LABEL, LANGS, word, WORDS, type Lang } from './words';

const REFRESH_MS = 5_000;

function useWords() {
  const lang = useFleet((s) => s.lang);
  return { lang, w: WORDS[lang] };
}

/** A moment in the agent's zone, as receipts write it: 03.12.2026, 17:50:50. */
function when(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('ru-RU', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(new Date(iso));
}

function ago(iso: string, nowIso: string, w: (typeof WORDS)[Lang]): string {
  const min = Math.max(0, Math.floor((Date.parse(nowIso) - Date.parse(iso)) / 60_000));
  if (min < 1) return w.ago.now;
  if (min < 120) return fill(w.ago.minutes, { n: min });
  if (min < 48 * 60) return fill(w.ago.hours, { n: Math.floor(min / 60) });
  return fill(w.ago.days, { n: Math.floor(min / 1440) });
}

function isOffline(t: FleetTerminalView, f: FleetView): boolean {
  return t.lastSeen === null || Date.parse(f.now) - Date.parse(t.lastSeen) >= f.rules.offlineMinutes * 60_000 || t.alerts.some((a) => a.kind === 'offline');
}

function Langs() {
  const { lang } = useWords();
  const setLang = useFleet((s) => s.setLang);
  return (
    <div className="langs" role="group" aria-label="Language / Тіл / Язык">
      {LANGS.map((l) => (
        <button key={l} type="button" className={l === lang ? 'lang active' : 'lang'} aria-pressed={l === lang} onClick={() => setLang(l)} data-testid={`fleet-lang-${l}`}>
          {LANG_LABEL[l]}
        </button>
      ))}
    </div>
  );
}

function SignIn() {
  const { w } = useWords();
  const signIn = useFleet((s) => s.signIn);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<'wrong' | 'failed' | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const r = await signIn(name, password);
    setBusy(false);
    setProblem(r === 'ok' ? null : r);
  };
  return (
    <main className="sign-in">
      <form onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{w.signIn.heading}</h1>
        <label>
          {w.signIn.name}
          <input name="name" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} maxLength={64} required data-testid="fleet-name" />
        </label>
        <label>
          {w.signIn.password}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} maxLength={256} required data-testid="fleet-password" />
        </label>
        {problem && (
          <p className="banner error" role="alert" data-testid="fleet-sign-in-problem">
            {problem === 'wrong' ? w.signIn.wrong : w.signIn.failed}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy} data-testid="fleet-sign-in">
          {w.signIn.submit}
        </button>
      </form>
    </main>
  );
}

function AlertRow({ a, f, cleared }: { a: FleetAlertView; f: FleetView; cleared?: boolean }) {
  const { w } = useWords();
  const name = f.terminals.find((t) => t.id === a.terminalId)?.name ?? a.terminalId;
  return (
    <li className={cleared ? 'alert cleared' : 'alert'} data-testid={cleared ? 'fleet-cleared' : 'fleet-alert'} data-kind={a.kind} data-terminal={a.terminalId}>
      <strong>{word(w.kinds, a.kind)}</strong> · {name} <span className="muted">({a.terminalId})</span>
      <span className="muted"> · {cleared && a.clearedAt ? fill(w.alerts.clearedAt, { at: when(a.clearedAt, f.timeZone) }) : fill(w.alerts.since, { at: when(a.raisedAt, f.timeZone) })}</span>
    </li>
  );
}

function Alerts({ f }: { f: FleetView }) {
  const { w } = useWords();
  const open = f.terminals.flatMap((t) => t.alerts);
  return (
    <section className="panel" aria-labelledby="alerts-title">
      <h2 id="alerts-title">{w.alerts.heading}</h2>
      {open.length === 0 ? <p className="ok-line" data-testid="fleet-no-alerts">{w.alerts.none}</p> : <ul className="alerts">{open.map((a) => <AlertRow key={a.id} a={a} f={f} />)}</ul>}
      <h3>{w.alerts.cleared}</h3>
      {f.cleared.length === 0 ? <p className="muted">{w.alerts.clearedNone}</p> : <ul className="alerts">{f.cleared.map((a) => <AlertRow key={a.id} a={a} f={f} cleared />)}</ul>}
    </section>
  );
}

function Terminals({ f }: { f: FleetView }) {
  const { w } = useWords();
  const openTerminal = useFleet((s) => s.openTerminal);
  const open = useFleet((s) => s.open);
  return (
    <section className="panel" aria-labelledby="terminals-title">
      <h2 id="terminals-title">{w.title}</h2>
      <table className="terminals">
        <thead>
          <tr>
            <th scope="col">{w.table.terminal}</th>
            <th scope="col">{w.table.state}</th>
            <th scope="col">{w.table.seen}</th>
            <th scope="col" className="num">{w.table.queue}</th>
            <th scope="col">{w.table.paper}</th>
            <th scope="col">{w.table.alerts}</th>
          </tr>
        </thead>
        <tbody>
          {f.terminals.map((t) => {
            const offline = isOffline(t, f);
            return (
              <tr key={t.id} data-testid="fleet-terminal" data-terminal={t.id} className={open === t.id ? 'selected' : undefined}>
                <td>
                  <button type="button" className="link" onClick={() => void openTerminal(open === t.id ? null : t.id)} aria-expanded={open === t.id}>
                    {t.name}
                  </button>
                  <div className="muted small">{t.id}{t.version ? ` · ${t.version}` : ''}</div>
                </td>
                <td>
                  <span className={`state ${t.lastSeen === null ? 'never' : offline ? 'offline' : 'online'}`} data-testid="fleet-state">
                    {t.lastSeen === null ? w.state.never : offline ? w.state.offline : w.state.online}
                  </span>
                  {t.locked && <div className="locked">{w.state.locked}</div>}
                </td>
                <td>{t.lastSeen ? <span title={when(t.lastSeen, f.timeZone)}>{ago(t.lastSeen, f.now, w)}</span> : '—'}</td>
                <td className="num">{t.pending ?? '—'}</td>
                <td>{t.paper ? word(w.paper, t.paper) : '—'}</td>
                <td>
                  {t.alerts.map((a) => (
                    <span key={a.id} className="chip" data-kind={a.kind}>
                      {word(w.kinds, a.kind)}
                    </span>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function entryText(e: FleetTimelineEntry, w: (typeof WORDS)[Lang], lang: Lang): string {
  const d = (e.detail ?? {}) as Record<string, unknown>;
  if (e.what === 'event') {
    const base = word(w.events, e.kind);
    if (e.kind === 'payment' && typeof d.amount === 'string') return `${base} ${String(d.agentTransactionId ?? '')}: ${word(w.payment, String(d.state ?? ''))}, ${formatMoney(Number(d.amount), lang)}`;
    if (e.kind === 'device') return `${base}: ${String(d.kind ?? '')}`;
    return base;
  }
  if (e.what === 'alert' || e.what === 'all-clear') return word(w.kinds, e.kind);
  return word(w.commands, e.kind);
}

function TerminalPanel({ f, t }: { f: FleetView; t: FleetTerminalView }) {
  const { w, lang } = useWords();
  const { timeline, commands, send, openTerminal } = useFleet();
  const [sent, setSent] = useState<string | null>(null);
  const kinds = [t.locked ? 'unlock' : 'lock', 'drain', 'refresh-catalog', 'logs', 'screenshot'];
  const go = async (kind: string) => {
    await send(t.id, kind, kind === 'logs' ? { lines: 200 } : {});
    setSent(fill(w.commands.sent, { kind: word(w.commands, kind) }));
  };
  return (
    <section className="panel" aria-labelledby="terminal-title" data-testid="fleet-terminal-panel">
      <div className="panel-head">
        <h2 id="terminal-title">{fill(w.timeline.heading, { name: t.name })}</h2>
        <button type="button" onClick={() => void openTerminal(null)}>{w.close}</button>
      </div>
      <h3>{w.commands.heading}</h3>
      <div className="commands">
        {kinds.map((k) => (
          <button key={k} type="button" onClick={() => void go(k)} data-testid={`fleet-command-${k}`}>
            {word(w.commands, k)}
          </button>
        ))}
      </div>
      {sent && <p className="banner info" role="status">{sent}</p>}
      <ul className="command-results">
        {commands.map((c) => {
          const r = (c.result ?? {}) as { lines?: string[]; png?: string; error?: string };
          return (
            <li key={c.id} data-testid="fleet-command-result" data-kind={c.kind} data-done={c.doneAt ? 'yes' : 'no'}>
              <strong>{word(w.commands, c.kind)}</strong>: {!c.doneAt ? w.commands.waiting : c.ok ? w.commands.done : fill(w.commands.failed, { why: r.error ?? '' })}
              {r.lines && <pre className="log-lines">{r.lines.slice(-50).join('\n')}</pre>}
              {r.png && <img className="screenshot" alt={w.commands.screenshot} src={`data:image/png;base64,${r.png}`} />}
            </li>
          );
        })}
      </ul>
      <ol className="timeline" data-testid="fleet-timeline">
        {timeline.length === 0 && <li className="muted">{w.timeline.empty}</li>}
        {timeline.map((e, i) => (
          <li key={`${e.at}-${i}`} data-what={e.what} data-kind={e.kind}>
            <time className="muted">{when(e.at, f.timeZone)}</time> <span className={`what ${e.what}`}>{word(w.timeline, e.what)}</span> {entryText(e, w, lang)}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Totals() {
  const { w, lang } = useWords();
  const totals = useFleet((s) => s.totals);
  const fleet = useFleet((s) => s.fleet);
  if (!totals || !fleet) return null;
  const name = (id: string) => fleet.terminals.find((t) => t.id === id)?.name ?? id;
  return (
    <section className="panel" aria-labelledby="totals-title">
      <h2 id="totals-title">{fill(w.totals.heading, { zone: totals.timeZone })}</h2>
      {totals.agent.length === 0 ? (
        <p className="muted">{w.totals.none}</p>
      ) : (
        <table className="totals" data-testid="fleet-totals">
          <thead>
            <tr>
              <th scope="col">{w.totals.day}</th>
              <th scope="col">{w.table.terminal}</th>
              <th scope="col" className="num">{w.totals.count}</th>
              <th scope="col" className="num">{w.totals.sum}</th>
            </tr>
          </thead>
          <tbody>
            {totals.agent.map((d) => [
              <tr key={d.day} className="agent-row" data-testid="fleet-agent-day">
                <th scope="row">{d.day}</th>
                <td>{w.totals.agent}</td>
                <td className="num">{d.count}</td>
                <td className="num">{formatMoney(Number(d.total), lang)}</td>
              </tr>,
              ...totals.rows
                .filter((r) => r.day === d.day)
                .map((r) => (
                  <tr key={`${d.day}-${r.terminalId}`}>
                    <td />
                    <td>{name(r.terminalId)}</td>
                    <td className="num">{r.count}</td>
                    <td className="num">{formatMoney(Number(r.total), lang)}</td>
                  </tr>
                )),
            ])}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Dashboard() {
  const { w } = useWords();
  const { fleet, refresh, open, failing, fetchedAt } = useFleet();
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  if (!fleet) return <main aria-busy="true" />;
  const offline = fleet.terminals.filter((t) => isOffline(t, fleet)).length;
  const alerting = fleet.terminals.filter((t) => t.alerts.length > 0).length;
  const openT = fleet.terminals.find((t) => t.id === open);
  return (
    <main>
      {failing && fetchedAt && (
        <p className="banner error" role="alert" data-testid="fleet-failing">
          {fill(w.error, { at: when(new Date(fetchedAt).toISOString(), fleet.timeZone) })}
        </p>
      )}
      <p className="summary" data-testid="fleet-summary">{fill(w.summary, { count: fleet.terminals.length, alerting, offline })}</p>
      <Alerts f={fleet} />
      {openT && <TerminalPanel f={fleet} t={openT} />}
      <Terminals f={fleet} />
      <Totals />
    </main>
  );
}

export function FleetApp() {
  const { w, lang } = useWords();
  const { operator, whoAmI, signOut } = useFleet();
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `Tolem — ${w.title}`;
  }, [lang, w.title]);
  useEffect(() => {
    void whoAmI();
  }, [whoAmI]);
  return (
    <div className="fleet">
      <header className="top-bar">
        <span className="brand">Tolem · {w.title}</span>
        <span className="spacer" />
        <Langs />
        {operator && (
          <button type="button" className="bar-button" onClick={() => void signOut()} data-testid="fleet-sign-out">
            {operator} · {w.signOut}
          </button>
        )}
      </header>
      {operator === undefined ? <main aria-busy="true" /> : operator === null ? <SignIn /> : <Dashboard />}
    </div>
  );
}
