/**
 * The fleet page (out/fleet-web) in Chromium against a fleet server on a real PostgreSQL: a fleet with
 * an offline kiosk, one out of paper and a desk whose queue is stuck, each with its alert; the all clear
 * after the paper is back; a command sent from the page reaches a real terminal and is acknowledged;
 * the page in Kazakh. Screenshots in test-artifacts/screenshots/fleet-*.png.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { FleetStore } from '../../main/fleet/fleet-store.js';
import { startFleet } from '../../main/app/fleet-reporting.js';
import { startFleetServer, type RunningFleetServer } from '../../main/fleet/fleet-server.js';
import { simulatedHeartbeat } from '../../dev/fleet-sim.js';
import { FLEET_API, type Heartbeat } from '../../shared/fleet/protocol.js';
import { formatMoney } from '../../shared/money/amount.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { testCluster, type TestCluster } from '../helpers/postgres.js';
import { SHOTS_DIR, workerPage } from './fixture.js';

let cluster: TestCluster;
let store: FleetStore;
let server: RunningFleetServer;
let desk: Harness;
let page: Page;
let stopBeating = () => undefined as void;

beforeAll(async () => {
  cluster = await testCluster();
  store = await FleetStore.open(cluster.url);
  server = await startFleetServer({ store, sweepMs: 200, rules: { offlineMinutes: 0.05, queueMinutes: 30 } });
  page = await workerPage();
});

afterAll(async () => {
  stopBeating();
  await page?.context().clearCookies();
  await page?.goto('about:blank');
  await desk?.close();
  await server?.close();
  await store?.close();
  await cluster?.remove();
});

async function beat(token: string, hb: Heartbeat): Promise<void> {
  const r = await fetch(`${server.url}${FLEET_API}/heartbeat`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(hb) });
  expect(r.status).toBe(200);
}

function withItem(id: number, key: string, facts: Record<string, string | number | boolean | null>, mode: 'kiosk' | 'cashier' = 'kiosk'): Heartbeat {
  const hb = simulatedHeartbeat(id);
  hb.health.mode = mode;
  hb.health.items = hb.health.items.map((i) => (i.key === key ? { ...i, level: 'person', facts } : i));
  return { ...hb, results: [] };
}

it('shows each alert of a troubled fleet, the all clear when one recovers, and drives a real terminal from the page', async () => {
  const abay = await store.addTerminal('3001', 'Киоск Абая 12');
  const dostyk = await store.addTerminal('3002', 'Киоск Достык 5');
  const tole = await store.addTerminal('3003', 'Касса Толе би 40');
  const deskToken = await store.addTerminal('7', 'Касса Сейфуллина 1');
  const password = await store.setOperator('aigerim', 'correct-horse-battery');

  // A real terminal on the sandbox reporting every second, with one payment paid.
  desk = await startHarness({ env: { TOLEM_FLEET_URL: server.url, TOLEM_FLEET_TOKEN: deskToken, TOLEM_FLEET_INTERVAL_SECONDS: '1' } });
  desk.terminal.worker.start();
  startFleet(desk.terminal);
  await desk.terminal.engine.pay({ serviceId: 'P1011', account: '7771234567', amountTo: 1_808_00 }, 10_000);

  await beat(abay, { ...simulatedHeartbeat(3001), results: [] }); // then silent: offline after 3 s here
  // The other two keep reporting (every 0.5 s): out of paper, and a queue two hours old.
  let paper = 'out';
  const alive = async () => {
    await beat(dostyk, withItem(3002, 'printer', { printer: 'VKP80', paper }));
    await beat(tole, withItem(3003, 'queue', { pending: 4, pendingTotal: '12000.00', oldestAgeMs: 2 * 3_600_000 }, 'cashier'));
  };
  await alive();
  const beating = setInterval(() => void alive(), 500);
  stopBeating = () => clearInterval(beating);

  await page.goto(server.url);
  // A wrong password is said, in Russian, and nothing opens.
  await page.getByTestId('fleet-name').fill('aigerim');
  await page.getByTestId('fleet-password').fill('wrong');
  await page.getByTestId('fleet-sign-in').click();
  await expect.poll(() => page.getByTestId('fleet-sign-in-problem').textContent()).toBe('Неверное имя или пароль');
  await page.getByTestId('fleet-password').fill(password);
  await page.getByTestId('fleet-sign-in').click();

  const alerts = page.getByTestId('fleet-alert');
  await expect.poll(async () => (await alerts.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-terminal')}:${e.getAttribute('data-kind')}`))).sort(), { timeout: 20_000 }).toEqual(['3001:offline', '3002:paper-out', '3003:queue']);
  await expect.poll(() => page.locator('[data-terminal="3001"] [data-testid=fleet-state]').textContent()).toBe('Нет связи');
  expect(await page.locator('[data-testid=fleet-alert][data-kind=paper-out]').textContent()).toContain('Нет бумаги');
  expect(await page.locator('[data-testid=fleet-alert][data-kind=queue]').textContent()).toContain('Очередь застряла');
  expect(await page.getByTestId('fleet-summary').textContent()).toBe('Терминалов: 4 · с тревогами: 3 · без связи: 1');
  // The day's totals in the agent's zone: one payment, its sum as the customer paid it.
  const paid = desk.terminal.journal.list({})[0]!;
  await expect.poll(() => page.getByTestId('fleet-agent-day').textContent(), { timeout: 20_000 }).toContain(`1${formatMoney(paid.amountFrom!, 'ru')}`);
  await page.screenshot({ path: path.join(SHOTS_DIR, 'fleet-alerts.png'), fullPage: true });

  // The paper is back: its alert goes, with its all clear.
  paper = 'ok';
  await expect.poll(() => page.locator('[data-testid=fleet-cleared][data-kind=paper-out]').count(), { timeout: 20_000 }).toBe(1);
  expect(await page.locator('[data-testid=fleet-alert][data-kind=paper-out]').count()).toBe(0);
  expect(await page.locator('[data-testid=fleet-cleared]').first().textContent()).toMatch(/Нет бумаги · Киоск Достык 5.*отбой в \d\d\.\d\d\.\d{4}/);

  // A command from the page: the desk closes to new money and says it did.
  await page.locator('[data-terminal="7"] button.link').click();
  await page.getByTestId('fleet-command-lock').click();
  await expect.poll(() => page.locator('[data-testid=fleet-command-result][data-kind=lock]').textContent(), { timeout: 20_000 }).toBe('Закрыть приём денег: выполнена');
  expect(desk.terminal.fleetLocked).toBe(true);
  await expect.poll(() => page.locator('[data-terminal="7"] .locked').textContent(), { timeout: 20_000 }).toBe('Закрыт оператором');
  await expect.poll(() => page.locator('[data-testid=fleet-timeline] li[data-what=result][data-kind=lock]').count()).toBe(1);
  await page.screenshot({ path: path.join(SHOTS_DIR, 'fleet-terminal.png'), fullPage: true });
  await page.getByTestId('fleet-command-unlock').click();
  await expect.poll(() => page.locator('[data-testid=fleet-command-result][data-kind=unlock]').textContent(), { timeout: 20_000 }).toBe('Открыть приём денег: выполнена');
  expect(desk.terminal.fleetLocked).toBe(false);

  // In Kazakh.
  await page.getByTestId('fleet-lang-kk').click();
  expect(await page.locator('[data-testid=fleet-alert][data-kind=queue]').textContent()).toContain('Кезек тұрып қалды');
  expect(await page.getByTestId('fleet-summary').textContent()).toMatch(/^Терминалдар: 4/);
  await page.screenshot({ path: path.join(SHOTS_DIR, 'fleet-kk.png'), fullPage: true });
  await page.getByTestId('fleet-lang-ru').click();
});
