/** The catalog's channels: services (cached or fresh), the kiosk's logos, a phone number's operator. */
import { terminalLogos } from '../../catalog/logos.js';
import type { Terminal } from '../../app/terminal.js';
import type { AreaHandlers } from './area.js';

export function catalogHandlers(t: Terminal): AreaHandlers<'catalog.get' | 'catalog.logos' | 'operator.byPhone'> {
  return {
    async 'catalog.get'(a) {
      const snap = a.refresh ? await t.catalog.refresh() : await t.catalog.get();
      return { services: snap.services, source: snap.source, fetchedAt: new Date(snap.fetchedAt).toISOString(), staleBecause: snap.staleBecause ?? null };
    },
    async 'catalog.logos'() {
      return terminalLogos(t.config.dataDir);
    },
    async 'operator.byPhone'(a) {
      const o = await t.client.operatorByPhone(a.phone.replace(/\D/g, '').slice(-10));
      t.connectivity.report(o);
      return { serviceId: o.kind === 'answer' && o.result === 0 ? (o.value.serviceId ?? null) : null };
    },
  };
}
