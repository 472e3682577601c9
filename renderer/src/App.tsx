/** The terminal's screens under one status bar. A kiosk left alone goes back to Home; a cashier's screen never does. */
import { useEffect } from 'react';
import { StatusBar } from './components/StatusBar';
import { useCatalog } from './stores/catalog';
import { useNav } from './stores/nav';
import { loadValidation, usePayment } from './stores/payment';
import { startStatus, useStatus } from './stores/status';
import { Admin } from './screens/Admin';
import { Payout } from './screens/Payout';
import { Home } from './screens/Home';
import { Journal } from './screens/Journal';
import { PaymentScreen } from './screens/PaymentScreen';
import { onEvent } from './ipc/bridge';
import { DemoBanner, ScreenBoundary } from './components/ScreenBoundary';

function useIdleReturn() {
  const status = useStatus((s) => s.status);
  useEffect(() => {
    if (status?.mode !== 'kiosk') return;
    let timer: ReturnType<typeof setTimeout>;
    const idle = () => {
      const flow = usePayment.getState();
      if (flow.step === 'paying') return arm(); // never interrupt a payment being sent
      if (flow.inserted > 0 && flow.step === 'details') {
        // Cash is in: paid when it can be, otherwise handed to the attendant, and the screen says so.
        if (flow.missing === 0 && flow.quote) void flow.pay('kiosk');
        else void flow.handOverCash();
        return arm();
      }
      flow.reset();
      useNav.getState().go('home');
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(idle, status.idleTimeoutMs);
    };
    const events = ['pointerdown', 'keydown', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, arm, { passive: true });
    arm();
    return () => {
      clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, arm);
    };
  }, [status?.mode, status?.idleTimeoutMs]);
}

export function App() {
  const screen = useNav((s) => s.screen);
  const mode = useStatus((s) => s.status?.mode);
  useEffect(() => {
    startStatus();
    void useCatalog.getState().load().then(() => loadValidation());
    // Back online: the catalog may have changed while it was read from the cache.
    return onEvent((e) => {
      if (e.type === 'status' && useCatalog.getState().source === 'cache' && useStatus.getState().status?.online === 'online') void useCatalog.getState().load();
    });
  }, []);
  useIdleReturn();
  const sandbox = useStatus((s) => s.status?.sandbox === true);
  return (
    <div className={`app mode-${mode ?? 'unknown'}`}>
      <StatusBar />
      {sandbox && <DemoBanner />}
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
