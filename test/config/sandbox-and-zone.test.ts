/**
 * The terminal never lies about where it is (items 10, 11): the sandbox only when chosen or on a
 * data directory never configured, and always said; Kazakhstan time whatever the OS's zone.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../main/config/config.js';
import { formatAgentDate } from '../../main/processing/requests.js';
import { paymentReceipt } from '../../main/receipts/receipt.js';
import { formatLocalDateTime, startOfLocalDay } from '../../main/base/zone.js';
import { openTerminal } from '../../main/app/terminal.js';
import { createLogger } from '../../main/base/log.js';
import { startSandbox } from '../../dev/sandbox/server.js';
import { BIN } from '../helpers/cli.js';
import { harnessEnv, tempDir } from '../helpers/harness.js';
import { header, payment } from '../receipts/fixtures.js';

describe('the sandbox is never a silent production default (item 10)', () => {
  it('a fresh data directory (no config.json) runs the sandbox, and says why', () => {
    expect(loadConfig({ TOLEM_DATA_DIR: tempDir() })).toMatchObject({ sandbox: true, sandboxBecause: 'unconfigured', processing: { url: null } });
  });

  it('a configured terminal whose processing URL was lost refuses to start or pay, naming the setting', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ terminalId: 12, receipts: { lang: 'kk' } }));
    expect(() => loadConfig({ TOLEM_DATA_DIR: dir })).toThrow(ConfigError);
    expect(() => loadConfig({ TOLEM_DATA_DIR: dir })).toThrow(/no processing URL is set.*processing\.url.*TOLEM_PROCESSING_URL/);
  });

  it('the sandbox runs when chosen (TOLEM_SANDBOX=1 or "sandbox": true), and never together with a processing URL', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ sandbox: true }));
    expect(loadConfig({ TOLEM_DATA_DIR: dir })).toMatchObject({ sandbox: true, sandboxBecause: 'chosen' });
    const other = tempDir();
    fs.writeFileSync(path.join(other, 'config.json'), JSON.stringify({ terminalId: 3 }));
    expect(loadConfig({ TOLEM_DATA_DIR: other, TOLEM_SANDBOX: '1' })).toMatchObject({ sandbox: true, sandboxBecause: 'chosen' });
    expect(() => loadConfig({ TOLEM_DATA_DIR: other, TOLEM_SANDBOX: '1', TOLEM_PROCESSING_URL: 'https://p.example.kz' })).toThrow(/choose one/);
  });

  it('a journal that paid through real processing is not driven by the sandbox by default', async () => {
    const real = await startSandbox({});
    const dir = tempDir();
    const log = createLogger({ level: 'error', stderr: false });
    try {
      const t = await openTerminal(loadConfig(harnessEnv(dir, real.url)), { log });
      await t.close();
      // config.json lost (say, a disk image restored over it) and no URL: the data directory looks fresh.
      await expect(openTerminal(loadConfig({ TOLEM_DATA_DIR: dir }), { log })).rejects.toThrow(/holds payments made through a real processing center/);
      const chosen = await openTerminal(loadConfig({ TOLEM_DATA_DIR: dir, TOLEM_SANDBOX: '1' }), { log });
      await chosen.close();
    } finally {
      await real.close();
    }
  });

  it('every receipt printed by the sandbox says, in its language, that it is a test and no payment was made', () => {
    const p = payment();
    const text = (lang: 'ru' | 'kk', test: boolean) => paymentReceipt(p, { header, terminalId: 1, lang, service: null, printedAt: new Date(0), test }).lines.map((l) => ('text' in l ? l.text : '')).join('\n');
    expect(text('ru', true)).toMatch(/ТЕСТОВЫЙ ЧЕК[\s\S]*платёж не проведён/);
    expect(text('kk', true)).toMatch(/СЫНАҚ ЧЕГІ[\s\S]*төлем жүргізілмеді/);
    expect(text('ru', false)).not.toMatch(/ТЕСТ/);
  });
});

describe('Kazakhstan time, whatever the OS says (item 11)', () => {
  it('agentTransactionDate and receipts are Almaty time (UTC+5); "today" starts at Almaty midnight', () => {
    const at = Date.UTC(2026, 10, 25, 20, 30, 5); // 01:30:05 on the 26th in Almaty
    expect(formatAgentDate(at, 'Asia/Almaty')).toBe('2026-11-26T01:30:05');
    expect(formatLocalDateTime(at, 'UTC')).toBe('2026-11-25T20:30:05');
    expect(startOfLocalDay(at, 'Asia/Almaty')).toBe(Date.UTC(2026, 10, 25, 19));
    expect(startOfLocalDay(at, 'America/New_York')).toBe(Date.UTC(2026, 10, 25, 5));
    const p = payment({ createdAt: at, acceptedAt: at });
    const lines = paymentReceipt(p, { header, terminalId: 1, lang: 'ru', service: null, printedAt: new Date(at) }).lines;
    expect(lines).toContainEqual({ kind: 'pair', left: 'Дата', right: '26.11.2026 01:30:05' });
  });

  it.each(['UTC', 'America/New_York'])('tolem pay under TZ=%s sends agentTransactionDate in Almaty time', async (tz) => {
    const requests: { method: string; body: string }[] = [];
    const sandbox = await startSandbox({ onRequest: (method, body) => requests.push({ method, body }) });
    try {
      const env = { ...process.env, ...harnessEnv(tempDir(), sandbox.url), TZ: tz };
      const before = Date.now();
      const code = await new Promise<number | null>((resolve) => spawn(process.execPath, [BIN, 'pay', '--service', 'P1011', '--account', '7771234567', '--amount', '100.00'], { env, stdio: 'ignore' }).on('exit', resolve));
      expect(code).toBe(0);
      const sent = /"agentTransactionDate":"([^"]+)"/.exec(requests.find((r) => r.method === 'pay')!.body)![1]!;
      const almaty = [formatLocalDateTime(before, 'Asia/Almaty'), formatLocalDateTime(Date.now(), 'Asia/Almaty')];
      expect(sent >= almaty[0]! && sent <= almaty[1]!).toBe(true);
    } finally {
      await sandbox.close();
    }
  });

  it('a zone that does not exist is refused with the setting named', () => {
    expect(() => loadConfig({ TOLEM_DATA_DIR: tempDir(), TOLEM_TIME_ZONE: 'Mars/Olympus' })).toThrow(/Mars\/Olympus.*TOLEM_TIME_ZONE/);
  });
});
