/** A search that found nothing: said, with the way back to every service (a desk's and a kiosk's Home). */
import { useTranslation } from 'react-i18next';

export function NothingFound({ query, onBack, large = false }: { query: string; onBack(): void; large?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="nothing-found" data-testid="nothing-found" role="status">
      <p className={large ? undefined : 'muted'}>{t('home.nothing', { query })}</p>
      <button type="button" className={large ? 'primary' : undefined} data-testid="search-back" onClick={onBack}>
        ← {t('home.allServices')}
      </button>
    </div>
  );
}
