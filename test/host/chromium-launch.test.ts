/**
 * The screens' Chromium gets its session without any secret on a command line: the single-use start
 * link travels over Chromium's private DevTools pipe. Another local user reading every process's
 * command line and environment (`ps`, /proc) finds no token, and the link is spent by the real page.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../main/host/browser/server.js';
import { findChromium, openAppWindow } from '../../main/host/launch.js';
import { createHandlers } from '../../main/ipc/handlers.js';
import { startHarness, tempDir, type Harness } from '../helpers/harness.js';

const chromium = findChromium();
let h: Harness;
let host: BrowserHost;
beforeAll(async () => {
  h = await startHarness();
  const staticDir = tempDir();
  // A page that does what the renderer's bridge does first: spend the start token for the session.
  fs.writeFileSync(
    path.join(staticDir, 'index.html'),
    `<!doctype html><title>Tolem</title><script type="module" src="/boot.js"></script>`,
  );
  fs.writeFileSync(path.join(staticDir, 'boot.js'), `const t = new URLSearchParams(location.hash.slice(1)).get('start'); fetch('/session', { method: 'POST', headers: { 'x-tolem-start': t } });`);
  host = await startBrowserHost({ handlers: createHandlers(h.terminal), events: h.terminal.events, staticDir });
});
afterAll(async () => {
  await host.close();
  await h.close();
});

function exchange(token: string): Promise<number> {
  const u = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname: u.hostname, port: u.port, method: 'POST', path: '/session', headers: { origin: host.origin, 'x-tolem-start': token } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Every process's command line and environment, as any local user may read them on Linux. */
function everyCommandLineAndEnvironment(): string {
  let all = '';
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    for (const f of ['cmdline', 'environ']) {
      try {
        all += fs.readFileSync(`/proc/${pid}/${f}`, 'latin1');
      } catch {
        // gone, or not ours to read
      }
    }
  }
  return all;
}

describe.skipIf(!chromium || process.platform !== 'linux')('Chromium started for the screens', () => {
  it('loads the start link from the private pipe: no token on any command line or in any environment, and the link is spent by the page', async () => {
    const profile = tempDir('tolem-chromium-');
    const browser = openAppWindow(chromium!, host.url, profile, false, ['--headless=new', '--disable-gpu']);
    try {
      await browser.opened;
      await host.spent;
      // The page spent it: a stranger who learnt it now is refused.
      expect(await exchange(host.startToken)).toBe(401);
      expect(everyCommandLineAndEnvironment()).not.toContain(host.startToken);
      expect(everyCommandLineAndEnvironment()).toContain('--remote-debugging-pipe');
    } finally {
      const gone = new Promise((r) => browser.once('exit', r));
      browser.kill();
      await gone;
      // Chromium's helpers may still be writing their last files: the temporary profile is left if so.
      await fs.promises.rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }).catch(() => undefined);
    }
  });
});
