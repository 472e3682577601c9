/**
 * The rest of what a person meets: the three languages, the kiosk (on-screen keyboard, notes,
 * going back to Home when left alone), the cashier's journal with "retry now", keyboard-only use.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CashBox } from '../../main/cash/cash-box.js';
import { CashLedger } from '../../main/cash/cash-ledger.js';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SANDBOX_SERVICES } from '../../dev/sandbox/catalog.js';
import { deskPay, e2eSuite, KIOSK_NEXT, openKioskAdmin, type E2E } from './fixture.js';

const suite = e2eSuite();
let e: E2E;
/** The smaller desk screen: everything reachable by keyboard there is reachable on the larger one. */
const DESK_SMALL = { width: 1280, height: 1024 };

/** Tab (Shift+Tab with `back`) until the element is focused, by the keyboard alone: the testids (or ids) passed on the way. */
async function tabTo(page: Page, testid: string, back = false, max = 30): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const id = String(await page.evaluate('document.activeElement?.dataset?.testid || document.activeElement?.id || document.activeElement?.tagName'));
    seen.push(id);
    if (id === testid) return seen;
  }
  throw new Error(`Tab never reached ${testid}: ${seen.join(', ')}`);
}

/** From Home, by keyboard: the service found for the query opens, the account typed, Enter checks. */
async function openByKeyboard(page: Page, query: string, account: string): Promise<void> {
  await page.keyboard.type(query);
  await expect.poll(() => page.getAttribute('[data-testid=service-list]', 'data-query')).toBe(query);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=input-account]:focus');
  await page.keyboard.type(account);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=payment-details]');
}

/** The focus is on the cash received: typed, and Enter pays; paid, the final screen has the focus. */
async function payByKeyboard(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid=cash-received]:focus');
  await page.waitForSelector('[data-testid=quote]');
  await page.keyboard.type('100000');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=final][data-state=success]');
  await page.waitForSelector('[data-testid=done]:focus');
}

describe('languages', () => {
  it('ru by default; kk and en switch every string, and the choice is kept', async () => {
    e = await suite.start();
    const { page } = e;
    expect(await page.getAttribute('[data-testid=search]', 'placeholder')).toBe('Поиск услуги: название или группа');
    await page.click('[data-testid=lang-kk]');
    expect(await page.getAttribute('[data-testid=search]', 'placeholder')).toBe('Қызметті іздеу: атауы немесе тобы');
    expect(await page.textContent('[data-testid=connection]')).toBe('Байланыс бар');
    expect(await page.getAttribute('html', 'lang')).toBe('kk');
    // Group names in the person's language, not processing's Russian.
    expect(await page.textContent('.groups')).toContain('Ұялы байланыс');
    await e.shot('home-kk');
    await page.click('[data-testid=service-P1011]');
    await page.fill('[data-testid=input-account]', '123');
    await page.click('[data-testid=check]');
    await expect.poll(() => page.textContent('[data-testid=input-account-note]')).toBe('«Номер телефона»: 10 сан керек');
    await e.shot('form-error-kk');
    await page.click('[data-testid=lang-en]');
    await expect.poll(() => page.textContent('[data-testid=input-account-note]')).toBe('“Номер телефона”: 10 digits needed');
    await e.shot('form-error-en');
    await page.reload();
    await page.waitForSelector('[data-testid=home][data-ready=yes]');
    expect(await page.getAttribute('[data-testid=search]', 'placeholder')).toBe('Find a service: name or group');
    await e.shot('home-en');
  });
});

describe('search', () => {
  it('a Latin query finds a Cyrillic name and back: «beeline» → «Билайн», «казахтелеком» → itself', async () => {
    e = await suite.start();
    const { page } = e;
    await page.fill('[data-testid=search]', 'beeline');
    await page.waitForSelector('[data-testid=service-P1011]');
    expect(await page.locator('[data-testid=service-P2001]').count()).toBe(0);
    await page.fill('[data-testid=search]', 'kazakhtelecom');
    await page.waitForSelector('[data-testid=service-P2001]');
  });
});

describe('kiosk', () => {
  it('Home for a customer: popular services as big tiles (a logo, or a monogram), categories as tiles, search on the on-screen keyboard', async () => {
    e = await suite.start({ mode: 'kiosk', viewport: { width: 1080, height: 1920 }, env: { TOLEM_IDLE_TIMEOUT_SECONDS: '600' } });
    const { page } = e;
    fs.mkdirSync(path.join(e.dir, 'logos'), { recursive: true });
    fs.writeFileSync(path.join(e.dir, 'logos', 'P1013.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5" fill="#f5a623"/></svg>');
    await page.reload();
    await page.waitForSelector('[data-testid=home][data-ready=yes]');
    await page.waitForSelector('[data-testid=logo-P1013]');
    expect(await page.textContent('[data-testid=service-P1011] .tile-monogram')).toBe('БК');
    expect(await page.locator('.fav').count()).toBe(0);
    await e.shot('kiosk-home');
    await page.click('[data-testid=group-ЖКХ]');
    await page.waitForSelector('[data-testid=service-P0005]');
    await page.click('[data-testid=groups-back]');
    await page.click('[data-testid=search]');
    await page.click('[data-testid=on-screen-keyboard] [data-skbtn="{en}"]');
    for (const ch of 'beeline') await page.click(`[data-testid=on-screen-keyboard] [data-skbtn="${ch}"]`);
    await page.waitForSelector('[data-testid=service-P1011]');
    expect(await page.locator('.service-tile').count()).toBe(1);

    // In Kazakh a group is found by the name the screen shows: «ұялы» finds «Ұялы байланыс» (processing's «Сотовая связь»).
    await page.click('[data-testid=lang-kk]');
    await page.click('.search-row .clear');
    await page.click('[data-testid=search]');
    // The keyboard's letters follow the screen's language.
    await page.waitForSelector('[data-testid=on-screen-keyboard][data-layout=kk]');
    for (const ch of 'ұялы') await page.click(`[data-testid=on-screen-keyboard] [data-skbtn="${ch}"]`);
    await page.waitForSelector('[data-testid=service-P1013]');
    expect(await page.locator('.service-tile').count()).toBe(SANDBOX_SERVICES.filter((s) => s.group === 'Сотовая связь').length);
    // Nothing for the query: said, with the way back to the tiles.
    for (const ch of 'щщ') await page.click(`[data-testid=on-screen-keyboard] [data-skbtn="${ch}"]`);
    await page.waitForSelector('[data-testid=nothing-found]');
    expect(await page.textContent('[data-testid=nothing-found]')).toContain('«ұялыщщ» бойынша ештеңе табылмады');
    await e.shot('kiosk-kk-nothing-found');
    await page.click('[data-testid=search-back]');
    await page.waitForSelector('[data-testid=group-ЖКХ]');
    expect(await page.inputValue('[data-testid=search]')).toBe('');
  });

  it('on-screen keyboard, notes from the simulated acceptor, the amount credited from the cash, paid; the paid screen goes Home by itself, soon', async () => {
    e = await suite.start({ mode: 'kiosk', env: { TOLEM_IDLE_TIMEOUT_SECONDS: '600', TOLEM_FINAL_SCREEN_SECONDS: '4' } });
    const { page } = e;
    await page.click('[data-testid=service-P1013]');
    await page.waitForSelector('[data-testid=on-screen-keyboard][data-layout=digits]');
    for (const d of '7011234567') await page.click(`[data-testid=on-screen-keyboard] [data-skbtn="${d}"]`);
    // The phone in its fixed mask, as the keypad filled it.
    expect(await page.inputValue('[data-testid=input-account]')).toBe('+7 (701) 123-45-67');
    await e.shot('kiosk-keyboard');
    await page.click('[data-testid=on-screen-keyboard] [data-skbtn="{enter}"]');
    await page.waitForSelector('[data-testid=kiosk-cash]');
    expect(await page.isDisabled('[data-testid=pay]')).toBe(true);
    // Before the first note: the commission rule; and the account being paid stays in sight.
    expect(await page.textContent('[data-testid=commission-rule]')).toMatch(/Комиссия 1 % от суммы зачисления, не менее 20,00\s₸/);
    expect(await page.textContent('[data-testid=payment] header')).toContain('7011234567');
    await page.click('[data-testid=insert-1000]');
    await page.click('[data-testid=insert-500]');
    await expect.poll(() => page.textContent('[data-testid=inserted]')).toMatch(/1\s500,00\s₸/);
    // 1 500 ₸ in: 1 % commission but at least 20 ₸ → 1 480 ₸ credited.
    await expect.poll(() => page.textContent('[data-testid=quote-amount-to]')).toMatch(/1\s480,00\s₸/);
    await e.shot('kiosk-cash');
    await page.click('[data-testid=pay]');
    await page.waitForSelector('[data-testid=final][data-state=success]');
    expect(e.sandbox.processing.ledger()).toEqual([expect.objectContaining({ amountTo: 1480_00, amountFrom: 1500_00 })]);
    // The next customer does not find this one's phone number: the screen says when it goes, and goes, without «Вы ещё здесь?».
    expect(await page.textContent('[data-testid=back-home-soon]')).toMatch(/^Главный экран через [1-4] с$/);
    await e.shot('kiosk-paid');
    await page.waitForSelector('[data-testid=home]', { timeout: 20_000 });
    expect(await page.locator('[data-testid=still-there]').count()).toBe(0);
  });

  it('a utility bill in a kiosk: notes up to the total, a note too many returned, the tiyn remainder said before paying', async () => {
    e = await suite.start({ mode: 'kiosk' });
    const { page } = e;
    await page.click('[data-testid=service-P0005]');
    for (const d of '1234567890') await page.click(`[data-testid=on-screen-keyboard] [data-skbtn="${d}"]`);
    await page.click(KIOSK_NEXT);
    await page.waitForSelector('[data-testid=invoice]');
    // 2 565.50 ₸ credited + 1 % = 2 591.16 ₸ due; the acceptor takes up to 2 592 ₸.
    await expect.poll(() => page.textContent('[data-testid=quote-total]')).toMatch(/2\s591,16\s₸/);
    expect(await page.textContent('[data-testid=line-36]')).toContain('Введите текущее показание счётчика');
    for (const [line, reading] of [['36', '4901'], ['37', '120.5']] as const) {
      await page.click(`[data-testid=line-${line}-meter]`);
      for (const ch of reading) await page.click(`[data-testid=invoice] [data-testid=on-screen-keyboard] [data-skbtn="${ch}"]`);
      await page.click('[data-testid=invoice] [data-testid=on-screen-keyboard] [data-skbtn="{enter}"]');
    }
    expect(await page.inputValue('[data-testid=line-37-meter]')).toBe('120.5');
    for (const n of [2000, 500, 50, 20, 20]) await page.click(`[data-testid=insert-${n}]`);
    await expect.poll(() => page.textContent('[data-testid=inserted]')).toMatch(/2\s590,00\s₸/);
    await page.click('[data-testid=insert-5]');
    await page.waitForSelector('[data-testid=cash-note][data-returned=yes]');
    expect(await page.textContent('[data-testid=inserted]')).toMatch(/2\s590,00\s₸/);
    expect(await page.isDisabled('[data-testid=pay]')).toBe(true);
    await page.click('[data-testid=insert-2]');
    await expect.poll(() => page.textContent('[data-testid=cash-remainder]')).toMatch(/0,84\s₸/);
    await e.shot('kiosk-invoice-cash');
    await page.click('[data-testid=pay]');
    await page.waitForSelector('[data-testid=final], [data-testid=flow-error]');
    expect(await page.locator('[data-testid=flow-error]').count() ? await page.textContent('[data-testid=flow-error]') : null).toBeNull();
    await page.waitForSelector('[data-testid=final][data-state=success]');
    expect(e.sandbox.processing.ledger()).toEqual([expect.objectContaining({ amountTo: 2_565_50, amountFrom: 2_592_00 })]);
    expect(e.terminal.cash.unpaid()).toEqual([]);
  });

  it('left alone, a kiosk first asks "are you still there?" with a countdown; a touch keeps the screen, silence goes back to Home', async () => {
    // 4 s alone, then the countdown (never under 4 s: long enough for a person, and for the touch to land in it on a busy machine).
    e = await suite.start({ mode: 'kiosk', env: { TOLEM_IDLE_TIMEOUT_SECONDS: '4' } });
    const { page } = e;
    await page.click('[data-testid=service-P1011]');
    await page.waitForSelector('[data-testid=still-there]', { timeout: 20_000 });
    expect(Number(await page.textContent('[data-testid=still-there-seconds]'))).toBeGreaterThan(0);
    await e.shot('kiosk-still-there');
    await page.click('[data-testid=still-here]');
    await page.waitForSelector('[data-testid=still-there]', { state: 'detached' });
    expect(await page.locator('[data-testid=payment-form]').count()).toBe(1);
    await page.waitForSelector('[data-testid=still-there]', { timeout: 20_000 });
    await page.waitForSelector('[data-testid=home]', { timeout: 20_000 });
  }, 60_000);

  it('left alone, a kiosk goes back to Home; with cash inside it pays instead of forgetting the money', async () => {
    e = await suite.start({ mode: 'kiosk', env: { TOLEM_IDLE_TIMEOUT_SECONDS: '2', TOLEM_FINAL_SCREEN_SECONDS: '3' } });
    const { page } = e;
    await page.click('[data-testid=service-P1011]');
    await page.waitForSelector('[data-testid=payment-form]');
    await page.waitForSelector('[data-testid=home]', { timeout: 10_000 });

    await page.click('[data-testid=service-P1011]');
    for (const d of '7771234567') await page.click(`[data-testid=on-screen-keyboard] [data-skbtn="${d}"]`);
    await page.click(KIOSK_NEXT);
    await page.click('[data-testid=insert-200]');
    await page.waitForSelector('[data-testid=final][data-state=success]', { timeout: 10_000 });
    expect(e.sandbox.processing.ledger()).toEqual([expect.objectContaining({ account: '7771234567', amountFrom: 200_00, amountTo: 180_00 })]);
    await page.waitForSelector('[data-testid=home]', { timeout: 10_000 });
  });

  it('cash a customer walked away from (the terminal stopped mid-way) is shown to the attendant and settled in words', async () => {
    e = await suite.start({ mode: 'kiosk', env: { TOLEM_ADMIN_PIN: '0000' } });
    const { page } = e;
    // Notes went in, then the terminal went down before any payment: only the journal knows. (A cash box
    // of its own stands for the terminal that went down: the running one never saw this session.)
    new CashBox(new CashLedger(e.terminal.journal.db), 'simulated').escrow(null, 1_000_00, null);
    await page.reload();
    await page.waitForSelector('[data-testid=home][data-ready=yes]');
    await page.waitForSelector('[data-testid=admin-corner]'); // the terminal's status is in: it is a kiosk
    // Not a customer's business: no badge on Home, and no service menu button for customers: the attendant holds the corner.
    expect(await page.locator('[data-testid=cash-without-payment]').count()).toBe(0);
    expect(await page.locator('[data-testid=open-admin]').count()).toBe(0);
    await openKioskAdmin(page);
    for (const d of '0000') await page.click(`[data-testid=on-screen-keyboard] [data-skbtn="${d}"]`);
    await page.click('[data-testid=on-screen-keyboard] [data-skbtn="{enter}"]');
    await page.waitForSelector('[data-testid=cash-unpaid]');
    await page.waitForSelector('[data-testid=admin-alerts] [data-testid=cash-without-payment]');
    await e.shot('admin-cash-without-payment');
    // A kiosk has no keyboard: the attendant writes on the on-screen one.
    await page.click('[data-testid=cash-unpaid] input');
    for (const ch of 'возвращено') await page.click(`[data-testid=on-screen-keyboard] [data-skbtn="${ch}"]`);
    expect(await page.inputValue('[data-testid=cash-unpaid] input')).toBe('возвращено');
    await page.click('[data-testid=cash-unpaid] button');
    await page.waitForSelector('[data-testid=cash-unpaid]', { state: 'detached' });
    await page.waitForSelector('[data-testid=cash-without-payment]', { state: 'detached' });
    expect(e.terminal.cash.unpaid()).toEqual([]);
  });

  it('a kiosk that cannot print takes no money, and says why', async () => {
    e = await suite.start({ mode: 'kiosk' });
    e.terminal.virtualPrinter!.paperOut = true;
    await e.page.reload();
    await e.page.waitForSelector('[data-testid=kiosk-refusal]');
    expect(await e.page.textContent('[data-testid=kiosk-refusal]')).toContain('В принтере закончилась бумага');
    await e.shot('kiosk-no-paper');
  });
});

describe('cashier journal', () => {
  it('shows today\'s payments; a waiting one is sent with "retry now"; details list every attempt; the receipt is on screen', async () => {
    e = await suite.start({ env: { TOLEM_RETRY_INITIAL_MS: '600000', TOLEM_RETRY_MAX_MS: '600000' } });
    const { page } = e;
    // Processing answers "in progress" twice: the payment waits for its next try, ten minutes away.
    await page.click('[data-testid=service-P1011]');
    await page.fill('[data-testid=input-account]', '7771239001');
    await page.click('[data-testid=check]');
    await page.fill('[data-testid=amount]', '700');
    await page.fill('[data-testid=cash-received]', '720');
    await page.click('[data-testid=pay]');
    await page.waitForSelector('[data-testid=final][data-state=pending]', { timeout: 30_000 });
    const atid = (await page.textContent('[data-testid=final-number]'))!;
    await page.click('[data-testid=done]');
    await page.click('[data-testid=open-journal]');
    await page.waitForSelector(`[data-testid=journal-row-${atid}][data-state=pending]`);
    await page.fill('[data-testid=journal-search]', '9001');
    await page.click(`[data-testid=journal-row-${atid}]`);
    await page.waitForSelector('[data-testid=retry-now]');
    await e.shot('journal-pending');
    await page.click('[data-testid=retry-now]');
    await page.click('[data-testid=retry-now]').catch(() => undefined);
    await page.waitForSelector(`[data-testid=journal-row-${atid}][data-state=success]`, { timeout: 15_000 });
    await page.click(`[data-testid=journal-row-${atid}]`);
    await page.waitForSelector('[data-testid=receipt-preview]');
    expect(await page.locator('[data-testid=attempts] li').count()).toBeGreaterThanOrEqual(3);
    await e.shot('journal-paid-receipt');
  });

  it('drafts are hidden unless asked for; a state filter; the day\'s totals (count, taken, credited, commission)', async () => {
    e = await suite.start();
    const { page } = e;
    // One paid payment, and one only checked (a draft: no money).
    await deskPay(page, 'P1011', '7771234567', '1000', '1020');
    await page.waitForSelector('[data-testid=final][data-state=success]');
    await page.click('[data-testid=done]');
    await page.click('[data-testid=service-P1011]');
    await page.fill('[data-testid=input-account]', '7771234568');
    await page.click('[data-testid=check]');
    await page.waitForSelector('[data-testid=payment-details]');
    await page.click('[data-testid=back]');
    await page.click('[data-testid=open-journal]');
    await page.waitForSelector('[data-testid=journal-totals]');
    expect(await page.textContent('[data-testid=journal-totals]')).toMatch(/1 платёж \(оплачено 1\).*1\s020,00\s₸.*1\s000,00\s₸.*20,00\s₸/);
    await expect.poll(() => page.locator('[data-testid^=journal-row-]').count()).toBe(1);
    await page.click('[data-testid=journal-filter-draft]');
    await expect.poll(() => page.locator('[data-testid^=journal-row-][data-state=draft]').count()).toBe(1);
    await page.click('[data-testid=journal-filter-pending]');
    await expect.poll(() => page.locator('[data-testid^=journal-row-]').count()).toBe(0);
    await page.click('[data-testid=journal-filter-all]');
    await e.shot('journal-totals');
  });

  it('keyboard alone, with a choice: focus lands on the contract, Enter in the cash field pays, Enter on the final screen starts the next payment, Esc goes back', async () => {
    e = await suite.start({ viewport: DESK_SMALL });
    const { page } = e;
    await page.keyboard.type('банк');
    await expect.poll(() => page.getAttribute('[data-testid=service-list]', 'data-query')).toBe('банк');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=input-account]:focus');
    await page.keyboard.press('Escape'); // back to Home
    await page.waitForSelector('[data-testid=home]');
    await page.waitForSelector('[data-testid=search]:focus');
    await page.keyboard.type('банк');
    await expect.poll(() => page.getAttribute('[data-testid=service-list]', 'data-query')).toBe('банк');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=input-account]:focus');
    await page.keyboard.type('870412300123');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=contracts] input[type=radio]:focus');
    expect(await page.textContent('[data-testid=pay-why]')).toBe('Выберите договор');
    await page.keyboard.press('Space'); // the contract under focus is chosen, its sum prefilled
    await page.keyboard.press('Tab');
    await page.waitForSelector('[data-testid=amount]:focus');
    await page.keyboard.press('Enter'); // Enter moves on from the amount
    await page.waitForSelector('[data-testid=cash-received]:focus');
    await page.waitForSelector('[data-testid=quote]');
    await page.keyboard.type('100000');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=final][data-state=success]');
    await page.waitForSelector('[data-testid=done]:focus');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=home]');
  });

  it('keyboard alone, an invoice: focus on the bill\'s first line, then Tab through every field in reading order (each line’s amount, then its reading), Enter in the cash field pays', async () => {
    e = await suite.start({ viewport: DESK_SMALL });
    const { page } = e;
    await openByKeyboard(page, 'алсеко', '1234567890');
    await page.waitForSelector('[data-testid=line-36-amount]:focus');
    await page.keyboard.press('Tab');
    await page.waitForSelector('[data-testid=line-36-meter]:focus'); // the first meter field is never skipped
    await page.keyboard.type('4901');
    expect(await tabTo(page, 'line-37-meter')).toEqual(['line-13-pick', 'line-13-amount', 'line-2-pick', 'line-2-amount', 'line-37-pick', 'line-37-amount', 'line-37-meter']);
    await page.keyboard.type('120');
    expect(await tabTo(page, 'cash-received')).toEqual(['cash-received']);
    await payByKeyboard(page);
    expect(e.sandbox.processing.ledger().map((l) => l.serviceId)).toEqual(['P0005']);
  });

  it('keyboard alone, an international provider: the amount, Enter, the cash, Enter pays', async () => {
    e = await suite.start({ viewport: DESK_SMALL });
    const { page } = e;
    await openByKeyboard(page, 'steam', 'gamer_01');
    await page.waitForSelector('[data-testid=amount]:focus');
    await page.keyboard.type('4800');
    await page.keyboard.press('Enter');
    await payByKeyboard(page);
    expect(e.sandbox.processing.ledger().map((l) => l.serviceId)).toEqual(['P3001']);
  });

  it('keyboard alone, a fixed amount with two fields: Tab to the second, Enter checks, the focus is on the cash, Enter pays', async () => {
    e = await suite.start({ viewport: DESK_SMALL });
    const { page } = e;
    await page.keyboard.type('herbalife');
    await expect.poll(() => page.getAttribute('[data-testid=service-list]', 'data-query')).toBe('herbalife');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=input-account]:focus');
    await page.keyboard.type('1234567890');
    await page.keyboard.press('Tab');
    await page.waitForSelector('[data-testid=input-ev_account1]:focus');
    await page.keyboard.type('5555555555');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=quote]');
    await payByKeyboard(page);
    expect(e.sandbox.processing.ledger().map((l) => l.serviceId)).toEqual(['P1012']);
  });

  it('keyboard alone, cash to a card: Enter through amount, name and phone, the cash, the card; the final screen takes the focus; Esc leaves the journal and the service menu', async () => {
    e = await suite.start({ viewport: DESK_SMALL, payouts: true, env: { TOLEM_PAYOUTS_DIRECT: '1' } });
    const { page } = e;
    await page.waitForSelector('[data-testid=search]:focus');
    await tabTo(page, 'open-payout', true);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=payout-amount]:focus');
    await page.keyboard.type('500');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=payout-name]:focus');
    await page.keyboard.type('aigerim');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=payout-phone]:focus');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=payout-cash-received]:focus');
    await page.keyboard.type('1000');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=payout-page]:focus');
    await tabTo(page, 'payout-direct');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=payout-pan]:focus');
    await page.keyboard.type('4111111111111111');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=payout-final][data-state=paid]');
    await page.waitForSelector('[data-testid=payout-done]:focus');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=home]');
    // The journal and the service menu: Esc goes back to Home.
    await page.waitForSelector('[data-testid=search]:focus');
    await tabTo(page, 'open-journal', true);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=journal-payouts]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=home]');
    await page.waitForSelector('[data-testid=search]:focus');
    await tabTo(page, 'open-admin', true);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=admin-info]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=home]');
  });

  it('a cashier can take a payment with the keyboard alone', async () => {
    e = await suite.start({ viewport: DESK_SMALL });
    const { page } = e;
    await page.keyboard.type('kcell');
    await expect.poll(() => page.getAttribute('[data-testid=service-list]', 'data-query')).toBe('kcell');
    await page.keyboard.press('Enter'); // the first service found opens
    await page.waitForSelector('[data-testid=input-account]:focus'); // as a person would: typing once the form is up
    await page.keyboard.type('7011234567');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=amount]:focus');
    await page.keyboard.type('300');
    await page.keyboard.press('Tab');
    await page.keyboard.type('400');
    // As a person would: the Pay button lights up once the total is shown, then Tab reaches it.
    await page.waitForSelector('[data-testid=pay]:not([disabled])');
    await page.keyboard.press('Tab');
    await page.waitForSelector('[data-testid=pay]:focus');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=final][data-state=success]');
  });
});
