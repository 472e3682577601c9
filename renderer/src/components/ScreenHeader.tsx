/** A screen's title with the way back (disabled while leaving would abandon something under way). */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function ScreenHeader({ title, subtitle, onBack, backDisabled = false }: { title: ReactNode; subtitle?: ReactNode; onBack(): void; backDisabled?: boolean }) {
  const { t } = useTranslation();
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
