/** Home: find a service by name or group, or take it from favourites and the most used. */
import { useDeferredValue, useMemo, useState } from 'react';
import { NothingFound } from '../../components/NothingFound';
import { useTranslation } from 'react-i18next';
import type { CatalogService } from '../../../../shared/ipc/contract';
import { ServiceList } from '../../components/ServiceList';
import { KioskHome } from './KioskHome';
import { groupName } from '../../format/group';
import { search, useCatalog } from '../../state/catalog';
import { useNav } from '../../state/nav';
import { usePayment } from '../payment/payment-store';
import { useSettings } from '../../state/settings';
import { useStatus } from '../../state/status';

export function Home() {
  const { t } = useTranslation();
  const { index, services, groups, source, staleBecause, loading, error, load } = useCatalog();
  const { favourites, uses, toggleFavourite, used } = useSettings();
  const kiosk = useStatus((s) => s.status?.mode === 'kiosk');
  const refusal = useStatus((s) => s.status?.refusal ?? null);
  const payoutsAvailable = useStatus((s) => s.status?.payouts.available === true);
  const start = usePayment((s) => s.start);
  const go = useNav((s) => s.go);
  const [query, setQuery] = useState('');
  const [group, setGroup] = useState<string | null>(null);
  const deferred = useDeferredValue(query);
  const found = useMemo(() => search(index, deferred, group), [index, deferred, group]);
  const quick = useMemo(() => {
    const byId = new Map(services.map((s) => [s.serviceId, s]));
    const fav = favourites.map((id) => byId.get(id)).filter((s): s is CatalogService => !!s);
    const popular = Object.entries(uses).sort((a, b) => b[1] - a[1]).map(([id]) => byId.get(id)).filter((s): s is CatalogService => !!s && !favourites.includes(s.serviceId)).slice(0, 6);
    return [...fav, ...popular].slice(0, 8);
  }, [services, favourites, uses]);

  const open = (s: CatalogService) => {
    if (refusal) return; // a kiosk that cannot give a receipt takes no money
    used(s.serviceId);
    start(s);
    go('payment');
  };

  // Cash out to a card: on a kiosk above its own home, at a payment point above the search.
  const payoutTile = payoutsAvailable && (
    <button type="button" className="tile payout-tile" data-testid="open-payout" disabled={refusal !== null} onClick={() => go('payout')}>
      <span className="tile-name">{t('payout.open')}</span>
      <span className="tile-group">{t('payout.subtitle')}</span>
    </button>
  );

  if (kiosk) {
    return (
      <>
        {payoutTile}
        <KioskHome onOpen={open} refusal={refusal} />
      </>
    );
  }
  return (
    <main className="home" data-testid="home" data-ready={index.length > 0 ? 'yes' : 'no'} data-catalog={source ?? ''}>
      {/* The desk's search is the first thing a cashier sees: the heading is for screen readers. */}
      <h1 className="visually-hidden" data-testid="home-title">{t('home.title')}</h1>
      {/* Only when processing was asked and did not answer: a saved copy read at start is not news. */}
      {source === 'cache' && staleBecause !== null && (
        <div className="banner warn" data-testid="catalog-cached" role="status">
          {t('home.cached')}
        </div>
      )}
      {/* Safe mode has its banner on every screen (App): not said twice. */}
      {refusal && refusal !== 'safe-mode' && (
        <div className="banner error" data-testid="kiosk-refusal" role="alert">
          {t(`home.refusal.${refusal}`)}
        </div>
      )}
      {error && (
        <div className="banner error" role="alert">
          {t('home.noCatalog')} <button type="button" onClick={() => void load(true)}>{t('common.retry')}</button>
        </div>
      )}
      {payoutTile}
      <div className="search-row">
        <input
          className="search"
          data-testid="search"
          type="search"
          placeholder={t('home.search')}
          aria-label={t('home.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            // A cashier types a name (or pastes it, or a scanner types it) and presses Enter: the first
            // service found for the text in the box now opens, never a row of a list not yet redrawn. Esc empties the box.
            if (e.key === 'Escape') setQuery('');
            if (e.key !== 'Enter') return;
            const now = search(index, e.currentTarget.value, group);
            if (now[0]) open(now[0]);
          }}
          autoFocus
        />
        {query && (
          <button type="button" className="clear" onClick={() => setQuery('')} aria-label={t('common.clear')}>
            ×
          </button>
        )}
      </div>
      <nav className="groups" aria-label={t('home.groups')}>
        <button type="button" className={group === null ? 'chip active' : 'chip'} onClick={() => setGroup(null)}>
          {t('home.all')}
        </button>
        {groups.map((g) => (
          <button type="button" key={g} className={group === g ? 'chip active' : 'chip'} data-testid={`group-${g}`} onClick={() => setGroup(group === g ? null : g)}>
            {groupName(g)}
          </button>
        ))}
      </nav>
      {quick.length > 0 && !query && group === null && (
        <section className="quick" aria-label={t('home.quick')}>
          {quick.map((s) => (
            <button type="button" key={s.serviceId} className="tile" data-testid={`quick-${s.serviceId}`} onClick={() => open(s)}>
              <span className="tile-name">{s.name}</span>
              <span className="tile-group">{groupName(s.group)}</span>
            </button>
          ))}
        </section>
      )}
      {loading && services.length === 0 ? <p className="muted">{t('common.loading')}</p> : null}
      {!loading && index.length > 0 && found.length === 0 && (
        <NothingFound
          query={query}
          onBack={() => {
            setQuery('');
            setGroup(null);
          }}
        />
      )}
      <ServiceList services={found} query={deferred} favourites={favourites} onOpen={open} onToggleFavourite={toggleFavourite} />
    </main>
  );
}
