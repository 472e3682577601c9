/** The terminal's screens under one status bar. A kiosk left alone goes back to Home; a cashier's screen never does. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePayout } from './features/payout/payout-store';
import { StatusBar } from './components/StatusBar';
import { useCatalog } from './state/catalog';
import { useNav } from './state/nav';
import { api } from './ipc/bridge';
import { loadValidation, usePayment } from './features/payment/payment-store';
import { startStatus, useStatus } from './state/status';
import { Admin } from './features/admin/Admin';
import { Payout } from './features/payout/Payout';
import { Home } from './features/home/Home';
import { Journal } from './features/journal/Journal';
import { PaymentScreen } from './features/payment/PaymentScreen';
import { DemoBanner, ScreenBoundary } from './components/ScreenBoundary';
import { useSettings } from './state/settings';
import { formatDecimal, money } from './format/money';

/**
 * A kiosk left alone: first "are you still there?" with a countdown, then back to Home (or, with
 * cash in, paid when it can be, else handed to the attendant). A touch answers the question.
 */
function useIdleReturn(): number | null {
  const status = useStatus((s) => s.status);
  const [askingUntil, setAskingUntil] = useState<number | null>(null);
  useEffect(() => {
    if (status?.mode !== 'kiosk') return;
    let timer: ReturnType<typeof setTimeout>;
    // A person needs a few seconds to read «Вы ещё здесь?» and touch: never under 4 s, whatever the idle time.
    const countdownMs = Math.min(15_000, Math.max(4_000, Math.round(status.idleTimeoutMs / 4)));
    const act = () => {
      setAskingUntil(null);
      const flow = usePayment.getState();
      if (flow.step === 'paying') return arm(); // never interrupt a payment being sent
      if (flow.inserted > 0 && flow.step === 'details') {
        // Cash is in: paid when it can be, otherwise handed to the attendant, and the screen says so.
        if (flow.missing === 0 && flow.quote) void flow.pay('kiosk');
        else void flow.handOverCash('walked-away');
        return arm();
      }
      const payout = usePayout.getState();
      if (payout.step === 'waiting') return arm(); // the recipient is entering the card on their phone
      if (payout.inserted > 0 && payout.step !== 'final') {
        void payout.handOver();
        return arm();
      }
      flow.reset();
      payout.reset();
      useNav.getState().go('home');
    };
    const ask = () => {
      const flow = usePayment.getState();
      if (flow.step === 'paying') return arm();
      // Nothing to lose on Home: no question, just stay. A final screen goes Home by itself, sooner (BackHomeSoon).
      const screen = useNav.getState().screen;
      if (screen === 'home' || (screen === 'payment' && flow.step === 'final') || (screen === 'payout' && usePayout.getState().step === 'final')) return arm();
      setAskingUntil(Date.now() + countdownMs);
      timer = setTimeout(act, countdownMs);
    };
    const arm = () => {
      clearTimeout(timer);
      setAskingUntil(null);
      timer = setTimeout(ask, status.idleTimeoutMs);
    };
    const events = ['pointerdown', 'keydown', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, arm, { passive: true });
    arm();
    return () => {
      clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, arm);
    };
  }, [status?.mode, status?.idleTimeoutMs]);
  return askingUntil;
}

/**
 * The catalog read from the saved copy (at start, or while processing was down) is asked of
 * processing again as soon as the terminal is online, so what Home says of it is true now; at most
 * every 5 s while processing answers the probe but not the catalog.
 */
function useFreshCatalog(): void {
  const online = useStatus((s) => s.status?.online === 'online');
  const cached = useCatalog((s) => s.source === 'cache' && !s.loading);
  const last = useRef(0);
  useEffect(() => {
    if (!online || !cached) return;
    const ask = () => {
      last.current = Date.now();
      void useCatalog.getState().load(true);
    };
    const timer = setTimeout(ask, Math.max(0, last.current + 5_000 - Date.now()));
    return () => clearTimeout(timer);
  }, [online, cached]);
}

/** A page that may not drive the terminal says why, and how to open the screens (not «Терминал не отвечает»). */
function NoSession({ why }: { why: 'link-used' | 'no-session' }) {
  const { t } = useTranslation();
  return (
    <main className="no-session" data-testid="no-session" data-why={why}>
      <h1>{t(`session.${why}.title`)}</h1>
      <p>{t(`session.${why}.what`)}</p>
      <p>{t('session.howAgain')}</p>
    </main>
  );
}

function StillThere({ until }: { until: number }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  // What happens when it runs out, said before it does: cash in is paid, or handed to the attendant with a slip.
  const flow = usePayment.getState();
  const lang = useSettings((s) => s.lang);
  const cashIn = flow.inserted > 0 && flow.step === 'details';
  const willPay = cashIn && flow.missing === 0 && flow.quote !== null;
  const then = willPay ? t('kiosk.stillThereWillPay', { amount: money(formatDecimal(flow.inserted), lang) }) : cashIn ? t('kiosk.stillThereWillHandOver', { amount: money(formatDecimal(flow.inserted), lang) }) : t('kiosk.stillThereWillHome');
  return (
    <div className="still-there" role="alertdialog" aria-modal="true" aria-labelledby="still-there-title" aria-describedby="still-there-then" data-testid="still-there">
      <div className="still-there-box">
        <h2 id="still-there-title">{t('kiosk.stillThere')}</h2>
        <p id="still-there-then" className="still-there-then" data-testid="still-there-then">{then}</p>
        <p className="big-number" data-testid="still-there-seconds">{Math.max(0, Math.ceil((until - now) / 1000))}</p>
        <button type="button" className="primary" data-testid="still-here">{t('kiosk.stillHere')}</button>
      </div>
    </div>
  );
}

export function App() {
  const screen = useNav((s) => s.screen);
  const mode = useStatus((s) => s.status?.mode);
  useEffect(() => {
    startStatus();
    void useCatalog.getState().load().then(() => loadValidation());
  }, []);
  useFreshCatalog();
  // The terminal hears which screen is up: the fleet's "stuck on one screen" alert.
  useEffect(() => {
    void api['terminal.screen']({ name: screen }).catch(() => undefined);
  }, [screen]);
  const askingUntil = useIdleReturn();
  const sandbox = useStatus((s) => s.status?.sandbox === true);
  const noSession = useStatus((s) => s.noSession);
  const safeMode = useStatus((s) => s.status?.safeMode === true);
  const { t } = useTranslation();
  if (noSession) return <NoSession why={noSession} />;
  return (
    <div className={`app mode-${mode ?? 'unknown'}`}>
      <StatusBar />
      {sandbox && <DemoBanner />}
      {/* Safe mode: said on every screen, so no customer puts money in. */}
      {safeMode && (
        <div className="banner error safe-mode" role="alert" data-testid="safe-mode">
          {t('safeMode.banner')}
        </div>
      )}
      {askingUntil !== null && <StillThere until={askingUntil} />}
      <ScreenBoundary key={screen}>
        {screen === 'home' && <Home />}
        {screen === 'payment' && <PaymentScreen />}
        {screen === 'journal' && <Journal />}
        {screen === 'admin' && <Admin />}
        {screen === 'payout' && <Payout />}
      </ScreenBoundary>
    </div>
  );
}
