/**
 * A screen's title with the way back (disabled while leaving would abandon something under way).
 * With `escape`, Esc is the way back too, wherever the focus is (a cash desk's keyboard).
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function ScreenHeader({ title, subtitle, onBack, backDisabled = false, escape = false }: { title: ReactNode; subtitle?: ReactNode; onBack(): void; backDisabled?: boolean; escape?: boolean }) {
  const { t } = useTranslation();
  const back = useRef({ onBack, backDisabled });
  back.current = { onBack, backDisabled };
  useEffect(() => {
    if (!escape) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || back.current.backDisabled) return;
      e.preventDefault();
      back.current.onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [escape]);
  return (
    <header className="screen-head">
      <button type="button" className="back" data-testid="back" onClick={onBack} disabled={backDisabled}>
        ← {t('common.back')}
      </button>
      <div>
        <h1 data-testid="screen-title">{title}</h1>
        {subtitle && <span className="muted">{subtitle}</span>}
      </div>
    </header>
  );
}
