/**
 * The screens with a real bill validator driver and its simulator on a pseudo-terminal: a kiosk
 * customer's notes appear as they stack and pay; the service menu shows the device and encashes;
 * a cashier's X and Z reports. Screenshots (and the reports' paper) are saved to be looked at.
 */
import { describe, expect, it } from 'vitest';
import type { DeviceSimulator } from '../../dev/devices/device-simulator.js';
import { insertNote, validatorsOnPty } from '../helpers/validator-on-pty.js';
import { until } from '../helpers/wait.js';
import { e2eSuite, kioskCheck, openKioskAdmin, type E2E } from './fixture.js';
import { audit } from './audit.js';

const KIOSK = { width: 1080, height: 1920 };
// Before the suite's own hooks: the terminal closes before its device goes.
const validators = validatorsOnPty();
const suite = e2eSuite();

async function kioskWithValidator(lang: 'ru' | 'kk' = 'ru', payouts = false): Promise<{ e: E2E; sim: DeviceSimulator }> {
  const { sim, port } = await validators.open('ccnet');
  const e = await suite.start({ mode: 'kiosk', viewport: KIOSK, lang, payouts, env: { TOLEM_CASH_ACCEPTOR: `ccnet:${port}`, TOLEM_ADMIN_PIN: '2580', TOLEM_IDLE_TIMEOUT_SECONDS: '600' } });
  await until(() => e.terminal.acceptor?.state?.phase === 'ready', 'the validator ready');
  return { e, sim };
}

/** A note at the slot; a timeout says what the terminal thought. */
const insert = (s: DeviceSimulator, tenge: number, e: E2E) => insertNote(s, tenge, () => `terminal ${JSON.stringify(e.terminal.acceptor?.state)} waiting for ${e.terminal.acceptor?.waitingFor}`);

describe('a kiosk with a bill validator', () => {
  it('the notes appear as they stack, the device says what to do, and they pay (ru, 1080×1920)', async () => {
    const { e, sim: s } = await kioskWithValidator();
    const { page } = e;
    await kioskCheck(page, 'P1011', '7771234567');
    await page.waitForSelector('[data-testid=kiosk-cash]');
    expect(await page.textContent('[data-testid=device-prompt]')).toBe('Вставляйте купюры в купюроприёмник по одной');
    // No demo buttons: the notes come from the device.
    expect(await page.locator('[data-testid=insert-1000]').count()).toBe(0);
    await insert(s, 1000, e);
    await expect.poll(() => page.textContent('[data-testid=inserted]'), { timeout: 20_000 }).toMatch(/1\s000,00\s₸/);
    await insert(s, 500, e);
    await expect.poll(() => page.textContent('[data-testid=inserted]'), { timeout: 20_000 }).toMatch(/1\s500,00\s₸/);
    await audit(e, page, 'a11y-device-kiosk-notes-in', true);
    await page.click('[data-testid=pay]');
    await page.waitForSelector('[data-testid=final]');
    expect(await page.textContent('[data-testid=final]')).toMatch(/Оплачено|ОПЛАЧЕНО|оплачен/i);
    await e.shot('device-kiosk-paid');
    expect(s.model.cassetteTenge()).toEqual([1000, 500]);
    expect(s.model.enabled.size).toBe(0);
    const p = e.terminal.journal.list({ limit: 1 })[0]!;
    expect([p.state, p.amountFrom]).toEqual(['success', 1_500_00]);
  });

  it('a fault is said to the customer: a jammed note stops the money and asks for the attendant', async () => {
    const { e, sim: s } = await kioskWithValidator('kk');
    const { page } = e;
    await kioskCheck(page, 'P1011', '7771234567');
    await page.waitForSelector('[data-testid=kiosk-cash]');
    s.model.jamNextStack = true;
    await until(() => s.model.enabled.size > 0, 'enabled');
    s.model.insert(5000);
    await expect.poll(() => page.textContent('[data-testid=device-prompt]'), { timeout: 20_000 }).toBe('Купюра қабылдағыш ақша қабылдамайды. Операторды шақырыңыз');
    await audit(e, page, 'a11y-device-kiosk-jam-kk', true);
    expect(e.terminal.cash.session(e.terminal.acceptor!.waitingFor ?? '')?.total ?? 0).toBe(0);
  });

  it('cash to card: the notes for the total come from the device, one that would overpay is handed back and said', async () => {
    const { e, sim: s } = await kioskWithValidator('ru', true);
    const { page } = e;
    await page.click('[data-testid=open-payout]');
    await page.waitForSelector('[data-testid=payout][data-step=form]');
    for (const d of '1180') await page.click(`[data-testid=on-screen-keyboard] [data-skbtn="${d}"]`);
    await page.click('[data-testid=on-screen-keyboard] [data-skbtn="{enter}"]');
    for (const ch of 'ivan') await page.click(`[data-testid=on-screen-keyboard] [data-skbtn="${ch}"]`);
    // «Далее» to the phone, «Далее» on.
    await page.click('[data-testid=on-screen-keyboard] [data-skbtn="{enter}"]');
    await page.click('[data-testid=on-screen-keyboard] [data-skbtn="{enter}"]');
    await page.waitForSelector('[data-testid=payout-cash]');
    expect(await page.textContent('[data-testid=payout-total]')).toMatch(/1\s200,00\s₸/);
    await insert(s, 1000, e);
    await expect.poll(() => page.textContent('[data-testid=payout-inserted]'), { timeout: 20_000 }).toMatch(/1\s000,00\s₸/);
    // 200 ₸ still due: a 500 does not fit, and the device hands it back at the slot.
    await until(() => s.model.enabled.size > 0 && !s.model.enabled.has(1), 'the device enabled for what fits');
    s.model.insert(500);
    await page.waitForSelector('[data-testid=payout-cash-returned]');
    await e.shot('device-payout-returned');
    await insert(s, 200, e);
    await expect.poll(() => page.textContent('[data-testid=payout-inserted]'), { timeout: 20_000 }).toMatch(/1\s200,00\s₸/);
    await expect.poll(() => page.isDisabled('[data-testid=payout-to-flow]'), { timeout: 20_000 }).toBe(false);
    expect(s.model.cassetteTenge()).toEqual([1000, 200]);
    expect(s.model.givenBack).toEqual([1]);
  });

  it('the service menu shows the device and its cassette, and encashes with the attendant\'s PIN', async () => {
    const { e, sim: s } = await kioskWithValidator();
    const { page } = e;
    await kioskCheck(page, 'P1011', '7771234567');
    await page.waitForSelector('[data-testid=kiosk-cash]');
    await insert(s, 2000, e);
    await expect.poll(() => page.textContent('[data-testid=inserted]'), { timeout: 20_000 }).toMatch(/2\s000,00\s₸/);
    await page.click('[data-testid=pay]');
    await page.waitForSelector('[data-testid=final]');
    await page.goto(page.url());
    await page.waitForSelector('[data-testid=home][data-ready=yes]');
    await openKioskAdmin(page);
    for (const d of '2580') await page.click(`[data-testid=on-screen-keyboard] [data-skbtn="${d}"]`);
    await page.click('[data-testid=on-screen-keyboard] [data-skbtn="{enter}"]');
    await page.waitForSelector('[data-testid=admin-device]');
    expect(await page.textContent('[data-testid=device-state]')).toBe('готов');
    expect(await page.textContent('[data-testid=device-cassette]')).toMatch(/1 купюр, 2\s000,00\s₸/);
    await e.shot('device-service-menu');
    await page.click('[data-testid=encash]');
    await page.waitForSelector('[data-testid=till-report][data-closed=yes]');
    expect(await page.getAttribute('[data-testid=till-report] img', 'alt')).toMatch(/Инкассация: в кассете 2\s000,00\s₸/);
    await audit(e, page, 'a11y-device-encashed', true);
    // Kept in the history: its number, the sum, and that the cassette was not counted yet.
    await expect.poll(() => page.textContent('[data-testid=till-history-1]')).toMatch(/Инкассация №1 · .+ · 2\s000,00\s₸ · не пересчитано/);
    const [report] = e.terminal.till.encashments(1);
    expect(report).toMatchObject({ startedBy: 'menu', total: 2_000_00, paymentsTotal: 2_000_00, withoutPaymentTotal: 0 });
  });
});

describe('a cashier\'s shift', () => {
  it('the X report, then the Z with the drawer counted: the difference is said large, and the paper shown', async () => {
    const e = await suite.start({ mode: 'cashier', viewport: { width: 1280, height: 1024 } });
    const { page } = e;
    expect((await e.terminal.engine.pay({ serviceId: 'P1011', account: '7771234567', fields: {}, amountTo: 1_000_00 }, 5_000)).state).toBe('success');
    await page.click('[data-testid=open-admin]');
    await page.click('[data-testid=report-x]');
    await page.waitForSelector('[data-testid=till-report][data-kind=x]');
    expect(await page.getAttribute('[data-testid=till-report] img', 'alt')).toMatch(/X-отчёт: в кассе должно быть 1\s020,00\s₸/);
    await page.fill('[data-testid=z-counted]', '1000');
    await page.click('[data-testid=report-z]');
    await page.waitForSelector('[data-testid=till-report][data-kind=z][data-closed=yes]');
    expect(await page.textContent('[data-testid=till-difference]')).toMatch(/Расхождение: −20,00\s₸/);
    await audit(e, page, 'a11y-shift-z-report', false);
    expect(e.terminal.till.shifts(2).map((s) => s.closedAt === null)).toEqual([true, false]);
    // The history lists the Z just closed, its difference said; the X shown again, the row brings the Z's paper back.
    await expect.poll(() => page.textContent('[data-testid=till-history-1]')).toMatch(/Смена №1 · .+ · 1\s020,00\s₸ · Расхождение: −20,00\s₸/);
    await page.click('[data-testid=report-x]');
    await page.waitForSelector('[data-testid=till-report][data-kind=x]');
    await page.click('[data-testid=till-history-1]');
    await page.waitForSelector('[data-testid=till-report][data-kind=z][data-closed=yes]');
    expect(await page.textContent('[data-testid=till-difference]')).toMatch(/Расхождение: −20,00\s₸/);
    await e.shot('shift-history');
    // The journal by shift: the closed shift has the payment, the new one nothing yet.
    const paid = e.terminal.journal.list({ limit: 1 })[0]!;
    await page.click('[data-testid=back]').catch(() => undefined);
    await page.click('[data-testid=open-journal]');
    await page.waitForSelector('[data-testid=journal-shift]');
    await page.selectOption('[data-testid=journal-shift]', '1');
    await page.waitForSelector(`[data-testid=journal-row-${paid.agentTransactionId}]`);
    await page.selectOption('[data-testid=journal-shift]', '2');
    await page.waitForSelector(`[data-testid=journal-row-${paid.agentTransactionId}]`, { state: 'detached' });
    await e.shot('journal-by-shift');
  });
});
