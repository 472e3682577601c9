/** Amounts processing writes as text are read once, so every screen formats them as every other sum. */
import { describe, expect, it } from 'vitest';
import { checkAnswerView } from '../../main/payments/check-view.js';

const view = (displays: Record<string, string>) => checkAnswerView({ result: 0, displays } as never, null).displays;

describe('displays that are amounts', () => {
  it.each([
    ['1808.00', '1808.00', null],
    ['Сумма к оплате 15000.00 тенге', '15000.00', 'Сумма к оплате'],
    ['Долг: 1 250,50 ₸', '1250.50', 'Долг'],
    ['Заказ № 15', null, null],
    ['Иванов Иван', null, null],
  ])('%s → amount %s, words %s', (value, amount, words) => {
    expect(view({ x: value })[0]).toMatchObject({ value, amount, amountWords: words });
  });
});
