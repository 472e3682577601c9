/**
 * The Electron host: the thin shell around the terminal. The terminal itself (journal, engine,
 * worker) runs in Electron's utility process (terminal-process.ts), never in this one: a journal fsync
 * never blocks the window, and the native module it loads is the one built for Electron. This process
 * serves the renderer from tolem://app, passes the one typed IPC channel to the terminal (the sender
 * frame's URL goes along: the dispatcher checks it there), forwards the terminal's events, lets an
 * admin PIN take the window out of kiosk mode, and keeps the payouts password encrypted by the OS
 * keychain. Started by `tolem start` when an Electron binary and a native module built for it are
 * present.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, protocol, safeStorage, session, utilityProcess, type UtilityProcess } from 'electron';
import { loadConfig } from '../../config/config.js';
import { rendererDir } from '../static-files.js';
import { protectSecrets, revealSecret, secretStore } from './credentials.js';
import { APP_ORIGIN, APP_SCHEME, hardenContents, hardenSession, secureWebPreferences, serveRenderer } from './security.js';
import { TerminalLink } from './terminal-link.js';
import { preloadFile } from './origin.js';
import { closeAllowed, kioskBlocksKey } from './kiosk-shell.js';
import { nextRespawnDelay } from './respawn.js';

export const INVOKE_CHANNEL = 'tolem:invoke';
export const EVENT_CHANNEL = 'tolem:event';

const here = path.dirname(fileURLToPath(import.meta.url));
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

let link: TerminalLink | null = null;
let quitting = false;
// One terminal per data directory, and one Electron host: a second start focuses the first window.
if (!app.requestSingleInstanceLock()) app.exit(0);
app.on('second-instance', () => {
  const w = BrowserWindow.getAllWindows()[0];
  if (w) {
    if (w.isMinimized()) w.restore();
    w.focus();
  }
});
app.on('web-contents-created', (_e, contents) => hardenContents(contents, { bankPage: (url) => link?.bankPage(url) ?? null }));

async function main(): Promise<void> {
  await app.whenReady();
  // No application menu: none of its shortcuts (reload, close, zoom, developer tools) exist.
  Menu.setApplicationMenu(null);
  // The payouts password and the processing token are kept encrypted by the OS keychain, never as plain text in config.json
  // (with no secret store, safeStorage's basic_text is no encryption: they stay in config.json, owner-only, and the service menu says so).
  protectSecrets(path.join(loadConfig().dataDir, 'config.json'), safeStorage);
  const config = loadConfig();
  const store = secretStore(safeStorage);
  const password = config.payouts.password ?? revealSecret(config.payouts.passwordEncrypted, safeStorage);
  const token = config.processing.token ?? revealSecret(config.processing.tokenEncrypted, safeStorage);
  hardenSession(session.defaultSession);

  const renderer = rendererDir(here);
  if (!renderer) throw new Error('the renderer is not built (npm run build)');
  protocol.handle(APP_SCHEME, (request) => serveRenderer(renderer, request));

  let win: BrowserWindow | null = null;
  let delay: number | null = null;
  // The terminal's process; when it dies (not because the app quits) it is started again and the screens reloaded.
  const startTerminal = (): TerminalLink => {
    const born = Date.now();
    const child: UtilityProcess = utilityProcess.fork(path.join(here, 'terminal-process.js'), [], {
      serviceName: 'Tolem terminal',
      // The decrypted secrets reach the terminal's process only, in its environment, never on disk.
      env: { ...process.env, TOLEM_SECRET_STORE: store, ...(password ? { TOLEM_PAYOUTS_PASSWORD: password } : {}), ...(token ? { TOLEM_PROCESSING_TOKEN: token } : {}) },
    });
    const l = new TerminalLink((m) => child.postMessage(m));
    child.on('message', (m: unknown) => l.receive(m));
    child.on('exit', () => {
      l.closed();
      if (quitting || link !== l) return;
      delay = nextRespawnDelay(delay, Date.now() - born);
      setTimeout(() => {
        if (quitting) return;
        link = startTerminal();
        wire(link);
        void link.ready.then(() => win?.webContents.reload(), () => undefined);
      }, delay);
    });
    return l;
  };
  link = startTerminal();
  await link.ready;

  ipcMain.handle(INVOKE_CHANNEL, (event, channel: unknown, args: unknown) => link!.invoke(channel, args, event.senderFrame?.url));

  const kiosk = config.screens.kioskWindow;
  win = new BrowserWindow({
    width: 1280,
    height: 800,
    kiosk,
    fullscreen: kiosk,
    autoHideMenuBar: true,
    backgroundColor: '#f4f6f8',
    title: 'Tolem',
    webPreferences: secureWebPreferences(path.normalize(preloadFile(here))),
  });
  let unlocked = false;
  // A kiosk's keys that drive the window or the browser never reach it; its window does not close (Alt+F4) unless the attendant unlocked it.
  if (kiosk)
    win.webContents.on('before-input-event', (e, input) => {
      if (!unlocked && kioskBlocksKey(input)) e.preventDefault();
    });
  win.on('close', (e) => {
    if (!closeAllowed({ kiosk, unlocked, quitting })) e.preventDefault();
  });
  const w = win;
  const wire = (l: TerminalLink) => {
    l.onExitKiosk = () => {
      unlocked = true;
      w.setKiosk(false);
      w.setFullScreen(false);
    };
    l.onScreenshot = async () => (await w.webContents.capturePage()).toPNG().toString('base64');
    l.onEvent = (e) => {
      if (!w.isDestroyed()) w.webContents.send(EVENT_CHANNEL, e);
    };
  };
  wire(link);
  // A crashed renderer leaves no dead window: it is loaded again (the journal holds every payment).
  let rendererDelay: number | null = null;
  let rendererBorn = Date.now();
  w.webContents.on('render-process-gone', () => {
    if (quitting) return;
    rendererDelay = nextRespawnDelay(rendererDelay, Date.now() - rendererBorn);
    setTimeout(() => {
      if (quitting || w.isDestroyed()) return;
      rendererBorn = Date.now();
      w.webContents.reload();
    }, rendererDelay);
  });
  await w.loadURL(`${APP_ORIGIN}/index.html`);
}

app.on('window-all-closed', () => app.quit());
app.on('before-quit', () => {
  quitting = true;
});
app.on('will-quit', (e) => {
  const l = link;
  if (!l) return;
  e.preventDefault();
  link = null;
  // The terminal stops within moments (requests in flight are cut off and journaled); then the app exits.
  void l.stop(5_000).finally(() => app.exit(0));
});

main().catch((err: unknown) => {
  process.stderr.write(`Tolem could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  app.exit(1);
});
