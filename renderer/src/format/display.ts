/** A value check showed (the customer's name, a debt): an amount is written as every other sum, words as processing wrote them. */
import type { DisplayView } from '../../../shared/ipc/views';
import type { Lang } from '../i18n';
import { money } from './money';

export function displayText(d: DisplayView, lang: Lang): string {
  return d.amount !== null ? `${d.amountWords ? `${d.amountWords} ` : ''}${money(d.amount, lang)}` : d.value;
}
