/**
 * A kiosk's Home, for a customer at arm's length: popular services first as big tiles (the service's
 * logo, or a monogram), then the categories as tiles, and search with the on-screen keyboard. No
 * favourites and no service menu button for customers.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogService } from '../../../../shared/ipc/contract';
import { NothingFound } from '../../components/NothingFound';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';
import { groupName } from '../../format/group';
import { call } from '../../ipc/bridge';
import { search, useCatalog } from '../../state/catalog';
import { useSettings } from '../../state/settings';

const POPULAR = 12;

/** Two letters and a colour of its own for a service without a logo. */
export function monogram(s: CatalogService): { letters: string; hue: number } {
  const words = s.name.replace(/[«»"']/g, '').split(/\s+/).filter(Boolean);
  const letters = (words.length > 1 ? `${words[0]![0]}${words[1]![0]}` : (words[0] ?? '?').slice(0, 2)).toLocaleUpperCase('ru');
  let h = 0;
  for (const ch of s.serviceId) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return { letters, hue: h };
}

function Tiles({ services, logos, onOpen }: { services: CatalogService[]; logos: Record<string, string>; onOpen(s: CatalogService): void }) {
  return (
    <div className="service-tiles">
      {services.map((s) => {
        const m = monogram(s);
        return (
          <button type="button" key={s.serviceId} className="service-tile" data-testid={`service-${s.serviceId}`} onClick={() => onOpen(s)}>
            {logos[s.serviceId] ? (
              <img className="tile-logo" src={logos[s.serviceId]} alt="" data-testid={`logo-${s.serviceId}`} />
            ) : (
              <span className="tile-monogram" aria-hidden="true" style={{ background: `hsl(${m.hue} 60% 30%)` }}>
                {m.letters}
              </span>
            )}
            <span className="tile-name">{s.name}</span>
          </button>
        );
      })}
    </div>
  );
}

export function KioskHome({ onOpen, refusal }: { onOpen(s: CatalogService): void; refusal: string | null }) {
  const { t } = useTranslation();
  const { index, services, groups } = useCatalog();
  const uses = useSettings((s) => s.uses);
  const [group, setGroup] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [typing, setTyping] = useState(false);
  const [logos, setLogos] = useState<Record<string, string>>({});
  useEffect(() => {
    void call('catalog.logos', {}).then(setLogos, () => setLogos({}));
  }, []);
  const popular = useMemo(() => {
    const rank = (s: CatalogService) => uses[s.serviceId] ?? 0;
    return [...services].sort((a, b) => rank(b) - rank(a)).slice(0, POPULAR);
  }, [services, uses]);
  const found = useMemo(() => (query ? search(index, query, null).slice(0, 60) : group ? services.filter((s) => s.group === group) : []), [index, services, query, group]);
  return (
    <main className="home kiosk-home" data-testid="home" data-ready={index.length > 0 ? 'yes' : 'no'}>
      <h1 className="home-title" data-testid="home-title">{t('home.title')}</h1>
      {refusal && refusal !== 'safe-mode' && (
        <div className="banner error" data-testid="kiosk-refusal" role="alert">
          {t(`home.refusal.${refusal}`)}
        </div>
      )}
      <div className="search-row">
        <input className="search" data-testid="search" type="search" placeholder={t('home.search')} aria-label={t('home.search')} value={query} readOnly onFocus={() => setTyping(true)} onChange={() => undefined} />
        {query && (
          <button type="button" className="clear" onClick={() => setQuery('')} aria-label={t('common.clear')}>
            ×
          </button>
        )}
      </div>
      {query && found.length === 0 ? (
        <NothingFound
          query={query}
          large
          onBack={() => {
            setQuery('');
            setTyping(false);
          }}
        />
      ) : query ? (
        <Tiles services={found} logos={logos} onOpen={onOpen} />
      ) : group ? (
        <>
          <div className="tiles-head">
            <button type="button" data-testid="groups-back" onClick={() => setGroup(null)}>
              ← {t('home.allGroups')}
            </button>
            <h2>{groupName(group)}</h2>
          </div>
          <Tiles services={found} logos={logos} onOpen={onOpen} />
        </>
      ) : (
        <>
          <h2>{t('home.popular')}</h2>
          <Tiles services={popular} logos={logos} onOpen={onOpen} />
          <h2>{t('home.groups')}</h2>
          <div className="group-tiles">
            {groups.map((g) => (
              <button type="button" key={g} className="group-tile" data-testid={`group-${g}`} onClick={() => setGroup(g)}>
                {groupName(g)}
              </button>
            ))}
          </div>
        </>
      )}
      {typing && (
        <OnScreenKeyboard numeric={false} onKey={(c) => setQuery((q) => q + c)} onBackspace={() => setQuery((q) => q.slice(0, -1))} onEnter={() => setTyping(false)} />
      )}
    </main>
  );
}
