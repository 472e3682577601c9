/** A catalog group (named by processing, in Russian) in the person's language; an unknown one as it came. */
import { i18next } from '../i18n';

export function groupName(group: string): string {
  const table = i18next.t('groups', { returnObjects: true }) as Record<string, string> | string;
  return typeof table === 'object' && Object.prototype.hasOwnProperty.call(table, group) ? (table[group] ?? group) : group;
}
