/** The person's choices that outlive a payment: language, favourite services, what is used most. */
import { create } from 'zustand';
import { i18next, isLang, type Lang } from '../i18n/index';

const KEY = 'tolem.settings';

interface Saved {
  lang: Lang;
  favourites: string[];
  uses: Record<string, number>;
}

function load(): Saved {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Saved>;
    return { lang: isLang(v.lang) ? v.lang : 'ru', favourites: Array.isArray(v.favourites) ? v.favourites.filter((x) => typeof x === 'string') : [], uses: typeof v.uses === 'object' && v.uses ? v.uses : {} };
  } catch {
    return { lang: 'ru', favourites: [], uses: {} };
  }
}

interface SettingsState extends Saved {
  setLang(lang: Lang): void;
  toggleFavourite(serviceId: string): void;
  used(serviceId: string): void;
}

export const useSettings = create<SettingsState>((set, get) => {
  const initial = load();
  void i18next.changeLanguage(initial.lang);
  document.documentElement.lang = initial.lang;
  const save = () => {
    const { lang, favourites, uses } = get();
    localStorage.setItem(KEY, JSON.stringify({ lang, favourites, uses }));
  };
  return {
    ...initial,
    setLang(lang) {
      void i18next.changeLanguage(lang);
      document.documentElement.lang = lang;
      set({ lang });
      save();
    },
    toggleFavourite(id) {
      const f = get().favourites;
      set({ favourites: f.includes(id) ? f.filter((x) => x !== id) : [...f, id] });
      save();
    },
    used(id) {
      set({ uses: { ...get().uses, [id]: (get().uses[id] ?? 0) + 1 } });
      save();
    },
  };
});
