/** A long list of services, virtualized: only the rows on screen exist, so 5,000 services scroll and filter instantly. */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { groupName } from '../format/group';
import type { CatalogService } from '../../../shared/ipc/contract';

const ROW = 64;

export function ServiceList({ services, query, favourites, onOpen, onToggleFavourite }: { services: CatalogService[]; query: string; favourites: string[]; onOpen(s: CatalogService): void; onToggleFavourite?: ((id: string) => void) | undefined }) {
  const { t } = useTranslation();
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: services.length, getScrollElement: () => parent.current, estimateSize: () => ROW, overscan: 8 });
  return (
    <div ref={parent} className="service-list" data-testid="service-list" data-count={services.length} data-query={query}>
      <div style={{ height: v.getTotalSize(), position: 'relative' }}>
        {v.getVirtualItems().map((item) => {
          const s = services[item.index]!;
          const fav = favourites.includes(s.serviceId);
          return (
            <div key={s.serviceId} className="service-row" style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${item.start}px)` }}>
              <button type="button" className="service-open" data-testid={`service-${s.serviceId}`} onClick={() => onOpen(s)}>
                <span className="service-name">{s.name}</span>
                <span className="service-group">{groupName(s.group)}</span>
              </button>
              {onToggleFavourite && (
                <button type="button" className={fav ? 'fav active' : 'fav'} aria-pressed={fav} aria-label={t(fav ? 'home.unfavourite' : 'home.favourite', { name: s.name })} onClick={() => onToggleFavourite(s.serviceId)}>
                  {fav ? '★' : '☆'}
                </button>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
