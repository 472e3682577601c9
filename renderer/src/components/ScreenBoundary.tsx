/**
 * What keeps a screen recoverable: a render error (anything from processing the screen did not
 * expect) shows a plain page with a way back to the start, never a blank kiosk. Money is safe in the
 * journal whatever a screen does. And the demo banner: while the built-in sandbox serves, every
 * screen says no real payment is made.
 */
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNav } from '../state/nav';
import { usePayment } from '../features/payment/payment-store';

function Crashed({ onHome }: { onHome: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="crashed" data-testid="screen-error" role="alert">
      <h1>{t('crash.title')}</h1>
      <p>{t('crash.note')}</p>
      <button type="button" className="primary" data-testid="crash-home" onClick={onHome}>
        {t('crash.home')}
      </button>
    </main>
  );
}

export class ScreenBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  private readonly home = (): void => {
    const flow = usePayment.getState();
    // Cash already in goes to the attendant's list (the terminal keeps it journaled either way).
    if (flow.inserted > 0) void flow.handOverCash();
    else flow.reset();
    useNav.getState().go(flow.inserted > 0 ? 'payment' : 'home');
    this.setState({ failed: false });
  };

  override render(): ReactNode {
    return this.state.failed ? <Crashed onHome={this.home} /> : this.props.children;
  }
}

export function DemoBanner() {
  const { t } = useTranslation();
  return (
    <div className="banner demo" role="status" data-testid="demo-banner">
      {t('demo.banner')}
    </div>
  );
}
