/**
 * How `tolem start` finds its shell: the Electron binary when the electron package has one (it is
 * downloaded on first use, which this machine's network forbids), else a Chromium to open the
 * browser host in app mode. Nothing here downloads anything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The Electron executable, or null with the reason it is not there. */
export function findElectron(env: NodeJS.ProcessEnv = process.env): { binary: string } | { binary: null; reason: string } {
  let pkgDir: string;
  try {
    pkgDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { binary: null, reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(pkgDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const binary = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron');
    return fs.existsSync(binary) ? { binary } : { binary: null, reason: `no Electron binary at ${binary}` };
  }
  if (!relative) return { binary: null, reason: 'its binary has not been downloaded; npx install-electron fetches it on a connected machine' };
  const binary = path.join(pkgDir, 'dist', relative);
  return fs.existsSync(binary) ? { binary } : { binary: null, reason: `the Electron binary is missing (${binary})` };
}

const CHROMIUMS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.TOLEM_CHROMIUM) return fs.existsSync(env.TOLEM_CHROMIUM) ? env.TOLEM_CHROMIUM : null;
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    for (const name of CHROMIUMS) {
      const candidate = path.join(dir, name);
      if (fs.existsSync(candidate)) return candidate;
    }
  }
  return null;
}

/** Flags for a Chromium this terminal starts: its own profile, nothing that calls home. */
export function chromiumFlags(profileDir: string): string[] {
  const flags = [`--user-data-dir=${profileDir}`, '--no-first-run', '--no-default-browser-check', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-features=Translate'];
  if (process.getuid?.() === 0) flags.push('--no-sandbox');
  return flags;
}

/**
 * Opens the browser host's page as an app window (a kiosk window when asked). The start link (with
 * its single-use token) is never on Chromium's command line, which every local user can read in
 * `ps`: Chromium starts on a blank page with its DevTools protocol on a private pipe (file
 * descriptors 3 and 4, held by this process alone), and the link is handed over that pipe
 * (`Page.navigate`). `opened` settles once the page was told to load it.
 */
export function openAppWindow(chromium: string, url: string, profileDir: string, kiosk: boolean, extraFlags: string[] = []): ChildProcess & { opened: Promise<void> } {
  const child = spawn(chromium, [...chromiumFlags(profileDir), ...extraFlags, '--remote-debugging-pipe', '--app=about:blank', ...(kiosk ? ['--kiosk'] : [])], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'], detached: false });
  child.on('error', () => undefined);
  const opened = navigatePrivately(child, url);
  opened.catch(() => undefined);
  return Object.assign(child, { opened });
}

/** The DevTools protocol over Chromium's pipe: messages are JSON, each ended by a NUL byte. */
function navigatePrivately(child: ChildProcess, url: string): Promise<void> {
  const toChromium = child.stdio[3] as NodeJS.WritableStream | null;
  const fromChromium = child.stdio[4] as NodeJS.ReadableStream | null;
  if (!toChromium || !fromChromium) return Promise.reject(new Error('no DevTools pipe to Chromium'));
  return new Promise<void>((resolve, reject) => {
    let buffered = '';
    let nextId = 0;
    const waiting = new Map<number, (msg: { result?: Record<string, unknown>; error?: { message?: string } }) => void>();
    let navigated = false;
    const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string) =>
      new Promise<Record<string, unknown>>((ok, fail) => {
        nextId += 1;
        waiting.set(nextId, (m) => (m.error ? fail(new Error(m.error.message ?? method)) : ok(m.result ?? {})));
        toChromium.write(`${JSON.stringify({ id: nextId, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
      });
    const fail = (err: Error) => {
      if (!navigated) reject(err);
    };
    let attaching = false;
    const attach = async (targetId: string) => {
      if (attaching) return;
      attaching = true;
      const { sessionId } = (await send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
      await send('Page.navigate', { url }, sessionId);
      navigated = true;
      await send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      resolve();
    };
    fromChromium.setEncoding?.('utf8');
    fromChromium.on('data', (chunk: string | Buffer) => {
      buffered += chunk.toString();
      let end: number;
      while ((end = buffered.indexOf('\0')) >= 0) {
        const raw = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        let msg: { id?: number; method?: string; params?: { targetInfo?: { type?: string; targetId?: string } }; result?: Record<string, unknown>; error?: { message?: string } };
        try {
          msg = JSON.parse(raw) as typeof msg;
        } catch {
          continue;
        }
        if (msg.id !== undefined) {
          waiting.get(msg.id)?.(msg);
          waiting.delete(msg.id);
        } else if (msg.method === 'Target.targetCreated' && msg.params?.targetInfo?.type === 'page' && msg.params.targetInfo.targetId) {
          attach(msg.params.targetInfo.targetId).catch((err: unknown) => fail(err instanceof Error ? err : new Error(String(err))));
        }
      }
    });
    fromChromium.on('error', (err: Error) => fail(err));
    child.once('exit', () => fail(new Error('Chromium exited before the screens were opened')));
    // The blank app page may exist already or appear a moment later: either way it is found.
    send('Target.setDiscoverTargets', { discover: true }).catch((err: unknown) => fail(err instanceof Error ? err : new Error(String(err))));
  });
}

export function hasDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  return process.platform !== 'linux' || !!env.DISPLAY || !!env.WAYLAND_DISPLAY;
}
