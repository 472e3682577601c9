/**
 * The Electron host's split (issue 9), without an Electron binary: the terminal runs behind a port
 * (Electron's utility process in production, a fake port here) and the main process's link speaks to
 * it; the launcher runs Electron only with a native module built for it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { electronPlan, electronVersionOf } from '../../../main/base/native-binding.js';
import { TerminalLink } from '../../../main/host/electron/terminal-link.js';
import { serveTerminal, type FromTerminal, type ToTerminal } from '../../../main/host/electron/terminal-process.js';
import { startSandbox, type RunningSandbox } from '../../../dev/sandbox/server.js';
import { harnessEnv, tempDir } from '../../helpers/harness.js';

vi.mock('electron', () => ({}));

let sandbox: RunningSandbox | null = null;
afterEach(async () => {
  await sandbox?.close();
  sandbox = null;
});

/** A pair of in-memory ports: what utilityProcess gives the two sides. */
function ports() {
  let toTerminal: (e: { data: ToTerminal }) => void = () => undefined;
  let toMain: (m: unknown) => void = () => undefined;
  const terminalSide = {
    on: (_event: 'message', l: (e: { data: ToTerminal }) => void) => (toTerminal = l),
    postMessage: (m: FromTerminal) => setImmediate(() => toMain(m)),
  };
  const link = new TerminalLink((m) => setImmediate(() => toTerminal({ data: m })));
  toMain = (m) => link.receive(m);
  return { terminalSide, link };
}

describe('the terminal in its own process', () => {
  it('answers the IPC contract through the link, with the sender check done there; forwards events; stops on request', async () => {
    sandbox = await startSandbox({});
    const { terminalSide, link } = ports();
    const served = serveTerminal(terminalSide, harnessEnv(tempDir(), sandbox.url));
    await link.ready;
    expect(await link.invoke('terminal.status', {}, 'tolem://app/index.html')).toMatchObject({ ok: true, value: { mode: 'cashier' } });
    expect(await link.invoke('terminal.status', {}, 'https://evil.example/')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const events: unknown[] = [];
    link.onEvent = (e) => events.push(e);
    const check = await link.invoke('payment.check', { serviceId: 'P1011', account: '7771234567' }, 'tolem://app/');
    expect(check.ok).toBe(true);
    const stopping = link.stop(5_000);
    await served;
    link.closed(); // the utility process exits once its terminal is closed
    await stopping;
    expect(await link.invoke('terminal.status', {}, 'tolem://app/')).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    void events;
  });

  it('a terminal that cannot open says why, and the link fails its start with that', async () => {
    const { terminalSide, link } = ports();
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ terminalId: 5 })); // configured, no processing URL
    void serveTerminal(terminalSide, { TOLEM_DATA_DIR: dir });
    await expect(link.ready).rejects.toThrow(/no processing URL is set/);
  });

  it('a bank page opens in its window only when the terminal registered it', () => {
    const link = new TerminalLink(() => undefined);
    const pending = link.invoke('payout.start', {}, 'tolem://app/');
    link.receive({ id: 1, result: { ok: true, value: { state: 'registered', formUrl: 'https://bank.example.kz/pay?mdOrder=1' } } });
    return pending.then(() => {
      expect(link.bankPage('https://bank.example.kz/pay?mdOrder=1')).toBe('https://bank.example.kz');
      expect(link.bankPage('https://bank.example.kz/pay?mdOrder=2')).toBeNull();
    });
  });
});

describe('Electron and its native module', () => {
  function fakeElectron(version: string | null): string {
    const dist = path.join(tempDir(), 'dist');
    fs.mkdirSync(dist, { recursive: true });
    if (version) fs.writeFileSync(path.join(dist, 'version'), `${version}\n`);
    fs.writeFileSync(path.join(dist, 'electron'), '');
    return path.join(dist, 'electron');
  }

  it('runs Electron with the better-sqlite3 built for its version; without it, says why (the launcher falls back to the browser host)', () => {
    const binary = fakeElectron('45.4.1');
    expect(electronVersionOf(binary)).toBe('45.4.1');
    const resources = tempDir();
    expect(electronPlan(binary, resources, {})).toEqual({ ok: false, reason: expect.stringMatching(/Electron 45\.4\.1 is installed, but better-sqlite3 is not built for it/) });
    fs.mkdirSync(path.join(resources, 'native'));
    fs.writeFileSync(path.join(resources, 'native', 'better_sqlite3-electron-45.4.1.node'), '');
    expect(electronPlan(binary, resources, {})).toEqual({ ok: true, binding: path.join(resources, 'native', 'better_sqlite3-electron-45.4.1.node') });
  });

  it('TOLEM_SQLITE_BINDING names the module explicitly; a binary of unknown version is not run', () => {
    const binding = path.join(tempDir(), 'b.node');
    fs.writeFileSync(binding, '');
    expect(electronPlan(fakeElectron(null), null, { TOLEM_SQLITE_BINDING: binding })).toEqual({ ok: true, binding });
    expect(electronPlan(fakeElectron(null), tempDir(), {})).toMatchObject({ ok: false, reason: expect.stringMatching(/version is unknown/) });
    expect(electronPlan(fakeElectron('45.0.0'), tempDir(), { TOLEM_SQLITE_BINDING: '/nope.node' })).toMatchObject({ ok: false, reason: expect.stringMatching(/does not exist/) });
  });
});
