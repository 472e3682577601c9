/** Service amount limits (issue 13, item 16): configured per service, group and default, narrowed by processing's 241/242. */
import { afterEach, describe, expect, it } from 'vitest';
import { cashProgress } from '../../../shared/money/commission.js';
import { learnFromResult, limitFor, limitProblem, type AmountLimit, type LearnedLimits } from '../../../shared/money/limits.js';
import { startHarness, type Harness } from '../../helpers/harness.js';
import { createDispatcher } from '../../../main/ipc/dispatch.js';
import { createHandlers } from '../../../main/ipc/handlers.js';

function memory(): LearnedLimits & { all: Map<string, AmountLimit & { at?: number }> } {
  const all = new Map<string, AmountLimit & { at?: number }>();
  return { all, get: (id) => all.get(id) ?? null, set: (id, l) => void all.set(id, l) };
}

describe('limits', () => {
  const rules = { default: { min: 1_00, max: 500_000_00 }, groups: { 'Сотовая связь': { min: 50_00, max: null } }, services: { P1013: { min: null, max: 100_000_00 } } };

  it('a service takes its own limit first, then its group\'s, then the default', () => {
    expect(limitFor(rules, null, { serviceId: 'P1013', group: 'Сотовая связь' })).toEqual({ min: 50_00, max: 100_000_00 });
    expect(limitFor(rules, null, { serviceId: 'P2001', group: 'Телефон' })).toEqual({ min: 1_00, max: 500_000_00 });
  });

  it('what processing taught is believed for a day', () => {
    const learned = memory();
    learnFromResult(learned, 'P2001', 30_00, 241, 0);
    expect(limitFor(rules, learned, { serviceId: 'P2001', group: 'Телефон' }, 1000).min).toBe(31_00);
    expect(limitFor(rules, learned, { serviceId: 'P2001', group: 'Телефон' }, 25 * 3_600_000).min).toBe(1_00);
  });

  it('a 241 for 30.00 raises the minimum above it; a 242 lowers the maximum; they only ever narrow', () => {
    const learned = memory();
    learnFromResult(learned, 'P2001', 30_00, 241);
    expect(limitFor(rules, learned, { serviceId: 'P2001', group: 'Телефон' }).min).toBe(31_00);
    learnFromResult(learned, 'P2001', 10_00, 241);
    expect(learned.get('P2001')!.min).toBe(31_00);
    learnFromResult(learned, 'P2001', 200_000_00, 242);
    expect(limitFor(rules, learned, { serviceId: 'P2001', group: 'Телефон' }).max).toBe(199_999_00);
    learnFromResult(learned, 'P2001', 500_00, 0);
    expect(limitProblem(limitFor(rules, learned, { serviceId: 'P2001', group: 'Телефон' }), 30_00)).toEqual({ code: 'min', limit: 31_00 });
  });

  it('a kiosk\'s cash is not payable below the service\'s minimum with the commission: 50 ₸ for Kcell (min 50.00, 1 % at least 20 ₸) needs 20 ₸ more', () => {
    const rule = { basisPoints: 100, minimum: 20_00 };
    expect(cashProgress(50_00, rule, null, 50_00)).toMatchObject({ payable: false, missing: 20_00 });
    expect(cashProgress(70_00, rule, null, 50_00)).toMatchObject({ payable: true, missing: 0 });
    expect(cashProgress(50_00, rule, null, null)).toMatchObject({ payable: true });
  });
});

describe('the engine keeps the limits for every caller', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('configured limits refuse a payment online and offline with nothing sent; a 241 from processing is remembered', async () => {
    h = await startHarness({ configFile: { limits: { services: { P1011: { min: '50.00' } } } } });
    await h.terminal.catalog.refresh();
    await expect(h.terminal.engine.pay({ serviceId: 'P1011', account: '7771230001', amountTo: 30_00 }, 3000)).rejects.toThrow(/at least 50\.00/);
    await expect(h.terminal.engine.pay({ serviceId: 'P1011', account: '7771239610', amountTo: 30_00 }, 3000)).rejects.toThrow(/at least 50\.00/);
    expect(h.requests.filter((r) => r.method === 'pay')).toHaveLength(0);
    // A service the agent configured nothing for: processing's refusal teaches the minimum the screens say (for a day).
    const first = await h.terminal.engine.pay({ serviceId: 'P1014', account: '7071230001', amountTo: 30_00 }, 3000);
    expect(first).toMatchObject({ state: 'failed', result: 241 });
    expect(h.terminal.engine.limitOf(h.terminal.catalog.cachedService('P1014')!)).toMatchObject({ min: 31_00 });
    const dispatch = createDispatcher(createHandlers(h.terminal), ['tolem://app'], () => undefined);
    const check = await dispatch('payment.check', { serviceId: 'P1014', account: '7071230002' }, 'tolem://app/');
    expect(check).toMatchObject({ ok: true, value: { limits: { min: '31.00', minFrom: '31.00' } } });
  });
});
