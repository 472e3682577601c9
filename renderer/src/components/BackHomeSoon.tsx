/**
 * A kiosk's last screen of a payment or payout goes back to Home by itself, soon (the terminal's
 * `screens.finalScreenSeconds`), without asking: the next person at the kiosk should not find the
 * last one's phone number and sums. The screen says when; a touch starts the count again.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStatus } from '../state/status';

export function BackHomeSoon({ onHome }: { onHome(): void }) {
  const { t } = useTranslation();
  const ms = useStatus((s) => (s.status?.mode === 'kiosk' ? s.status.finalScreenMs : null));
  const [until, setUntil] = useState<number | null>(null);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (ms === null) return;
    const arm = () => {
      const at = Date.now();
      setNow(at);
      setUntil(at + ms);
    };
    arm();
    const events = ['pointerdown', 'keydown'] as const;
    for (const e of events) window.addEventListener(e, arm, { passive: true });
    const tick = setInterval(() => setNow(Date.now()), 500);
    return () => {
      clearInterval(tick);
      for (const e of events) window.removeEventListener(e, arm);
    };
  }, [ms]);
  const left = until === null ? null : Math.max(0, Math.ceil((until - now) / 1000));
  const gone = useRef(false);
  useEffect(() => {
    if (left !== 0 || gone.current) return;
    gone.current = true;
    onHome();
  }, [left, onHome]);
  if (left === null) return null;
  return (
    <p className="back-home-soon" data-testid="back-home-soon">
      {t('kiosk.backHomeIn', { seconds: left })}
    </p>
  );
}
