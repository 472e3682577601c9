/** A catalog group (named by processing, in Russian) in the person's language; an unknown one as it came. */
import { i18next, LANGS } from '../i18n';

export function groupName(group: string, lng?: string): string {
  const table = (lng ? i18next.getFixedT(lng) : i18next.t)('groups', { returnObjects: true }) as Record<string, string> | string;
  return typeof table === 'object' && Object.prototype.hasOwnProperty.call(table, group) ? (table[group] ?? group) : group;
}

/** A group's name in every screen language («Сотовая связь», «Ұялы байланыс», «Mobile»): what a search in any of them finds. */
export function groupNames(group: string): string[] {
  return [...new Set(LANGS.map((lng) => groupName(group, lng)))];
}
