/**
 * The service catalog and its search. The search index is built once per catalog: each service's
 * name and its group's names in every screen language folded to lower case (ё→е), so a keystroke is
 * one pass of `includes` over 5,000 strings.
 */
import { create } from 'zustand';
import type { CatalogService } from '../../../shared/ipc/contract';
import { call, CallError } from '../ipc/bridge';
import { skeleton, soundsIn } from '../format/translit';
import { groupNames } from '../format/group';

export interface Indexed {
  service: CatalogService;
  text: string;
  /** The name's consonant skeleton in Latin letters: a query in the other script finds it. */
  sound: string;
}

interface CatalogState {
  services: CatalogService[];
  index: Indexed[];
  groups: string[];
  source: 'processing' | 'cache' | null;
  staleBecause: string | null;
  loading: boolean;
  error: string | null;
  load(refresh?: boolean): Promise<void>;
}

export function fold(s: string): string {
  return s.toLocaleLowerCase('ru').replace(/ё/g, 'е');
}

export const useCatalog = create<CatalogState>((set) => ({
  services: [],
  index: [],
  groups: [],
  source: null,
  staleBecause: null,
  loading: false,
  error: null,
  async load(refresh = false) {
    set({ loading: true, error: null });
    try {
      const c = await call('catalog.get', { refresh });
      // A group is found by its name in every screen language («ұялы» finds the «Сотовая связь» group, shown as «Ұялы байланыс»).
      const names = new Map<string, string>();
      const index = c.services.map((service) => {
        if (!names.has(service.group)) names.set(service.group, groupNames(service.group).join(' '));
        return { service, text: fold(`${service.name} ${names.get(service.group)} ${service.serviceId}`), sound: skeleton(service.name) };
      });
      const groups = [...new Set(c.services.map((s) => s.group).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'ru'));
      set({ services: c.services, index, groups, source: c.source, staleBecause: c.staleBecause, loading: false });
    } catch (err) {
      set({ loading: false, error: err instanceof CallError ? err.message : String(err) });
    }
  },
}));

/**
 * Services whose name, group or id contain every word of the query (or whose name sounds like it in
 * the other script: «beeline» → «Билайн»), in the group if one is chosen.
 */
export function search(index: Indexed[], query: string, group: string | null): CatalogService[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const sounds = words.map(skeleton);
  const out: CatalogService[] = [];
  for (const e of index) {
    if (group !== null && e.service.group !== group) continue;
    if (words.every((w, i) => e.text.includes(w) || soundsIn(sounds[i]!, e.sound))) out.push(e.service);
  }
  return out;
}
