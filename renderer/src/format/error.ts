/**
 * Errors in the person's language: every refusal from the terminal carries a reason code, and this
 * is the one place that turns it into words. The terminal's own message (English, engine terms) is
 * never shown to a person.
 */
import type { TFunction } from 'i18next';
import { CallError } from '../ipc/bridge';

export interface ErrorWords {
  key: string;
  params: Record<string, string | number>;
}

/** The dictionary key and values for an error (kept in stores: words are made at render, in the language of the moment). */
export function errorKey(err: unknown): ErrorWords {
  if (err instanceof CallError) {
    const reason = err.reason ?? (err.code === 'unavailable' || err.code === 'internal' ? err.code : 'generic');
    const params = { ...err.params };
    if (typeof params.triesLeft === 'number') params.count = params.triesLeft;
    return { key: `errors.${reason}`, params };
  }
  return { key: 'errors.generic', params: {} };
}

export function sayError(t: TFunction, e: ErrorWords): string {
  const said = t(e.key, e.params);
  return said === e.key ? t('errors.generic') : said;
}
