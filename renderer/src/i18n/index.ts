/** Screen languages: Russian (default), Kazakh, English. Every string a person reads comes from here. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { kk } from './kk';
import { ru } from './ru';

export type Lang = 'ru' | 'kk' | 'en';
export const LANGS: Lang[] = ['ru', 'kk', 'en'];

export function isLang(v: unknown): v is Lang {
  return v === 'ru' || v === 'kk' || v === 'en';
}

void i18next.use(initReactI18next).init({
  resources: { ru: { translation: ru }, kk: { translation: kk }, en: { translation: en } },
  lng: 'ru',
  fallbackLng: 'ru',
  interpolation: { escapeValue: false }, // React escapes; nothing is ever rendered as HTML
  returnNull: false,
});

export { i18next };
