import { describe, expect, it, vi } from 'vitest';
import { checkField, checkInputs, compilePattern, setPatternWarning } from '../../shared/rules/input-validation.js';
import type { CatalogService } from '../../main/processing/schemas.js';

const service = (regexp: string, extra: CatalogService['inputs'] = []): CatalogService => ({
  serviceId: 'S1', type: 0, name: 's', group: '', fixedPayment: false, country: '',
  inputs: [{ name: 'account', required: true, title: 'Номер телефона', regexp }, ...extra], displays: [],
});

describe('input validation by catalog regexps', () => {
  it('accepts a matching value and names the field and pattern when one does not match', () => {
    expect(checkField({ name: 'account', required: true, title: 'Номер телефона', regexp: '^\\d{10}$' }, '7771234567')).toBeNull();
    const p = checkField({ name: 'account', required: true, title: 'Номер телефона', regexp: '^\\d{10}$' }, '777123');
    expect(p?.problem).toBe('pattern');
    expect(p?.message).toMatch(/Номер телефона.*\^\\d\{10\}\$/);
  });

  it('an evil pattern ^(a+)+$ on a long hostile input answers at once instead of hanging', () => {
    const evil = `${'a'.repeat(100_000)}!`;
    const field = { name: 'account', required: true, title: 'a', regexp: '^(a+)+$' };
    expect(checkField(field, evil)?.problem).toBe('too-long');
    // The engine itself is linear: the whole 100k string is decided (RE2), no backtracking.
    const compiled = compilePattern('^(a+)+$');
    expect(compiled.kind).toBe('re2');
    if (compiled.kind === 're2') {
      expect(compiled.re.matcher(evil).find()).toBe(false);
      expect(compiled.re.matcher('a'.repeat(100_000)).find()).toBe(true);
    }
    expect(checkField(field, `${'a'.repeat(150)}!`)?.problem).toBe('pattern');
  });

  it('Cyrillic and Kazakh letters work in patterns', () => {
    const field = { name: 'fio', required: true, title: 'ФИО', regexp: '^[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі\\s-]+$' };
    expect(checkField(field, 'Әбілқайыр Нұрлан')).toBeNull();
    expect(checkField(field, 'John')?.problem).toBe('pattern');
  });

  it('a pattern RE2 cannot compile is logged once with a decision and does not crash', () => {
    const warn = vi.fn();
    setPatternWarning(warn);
    const pattern = '^(?!0)\\d{6}$-unique-1';
    const s = service(pattern);
    const r1 = checkInputs(s, { account: '123456' });
    checkInputs(s, { account: '000000' });
    expect(r1.problems).toEqual([]);
    expect(r1.unverifiable).toEqual(['account']);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toBe(pattern);
  });

  it('required fields, unknown fields and over-long values are named', () => {
    const s = service('^\\d+$', [{ name: 'ev_account1', required: true, title: 'Номер заказа', regexp: '^\\d{10}$' }]);
    const r = checkInputs(s, { account: '1', nope: 'x' });
    expect(r.problems.map((p) => [p.field, p.problem])).toEqual([
      ['ev_account1', 'required'],
      ['nope', 'unknown-field'],
    ]);
    expect(checkInputs(s, { account: '1'.repeat(201), ev_account1: '1234567890' }).problems[0]?.problem).toBe('too-long');
  });

  it('an optional empty field is fine; a field without regexp accepts anything', () => {
    const s = service('', [{ name: 'email', required: false, title: 'E-mail', regexp: null }]);
    expect(checkInputs(s, { account: 'anything at all' }).problems).toEqual([]);
  });
});

describe('phone numbers as people write them (issue 9)', () => {
  const phone = { name: 'account', required: true, title: 'Номер телефона', regexp: '^\\d{10}$' };
  const account = { name: 'account', required: true, title: 'Лицевой счёт', regexp: '^\\d{10}$' };
  it.each(['+7 701 123 45 67', '8 (701) 123-45-67', '87011234567', '7011234567', '+77011234567'])('%s is 7011234567', async (typed) => {
    const { normalizeInput } = await import('../../shared/rules/input-validation.js');
    expect(normalizeInput(phone, typed)).toBe('7011234567');
  });

  it('a 10-digit account that is not a phone keeps its digits (a leading 8 is not dropped)', async () => {
    const { normalizeInput } = await import('../../shared/rules/input-validation.js');
    expect(normalizeInput(account, '81234567890')).toBe('81234567890');
  });

  it('the kiosk mask fills as the keypad types', async () => {
    const { phoneMask } = await import('../../shared/rules/input-validation.js');
    expect(phoneMask('70112')).toBe('+7 (701) 12_-__-__');
    expect(phoneMask('7011234567')).toBe('+7 (701) 123-45-67');
  });
});
