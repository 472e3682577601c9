/**
 * The Electron host: the thin shell around the terminal. It opens the domain (the same terminal
 * the CLI and the browser host open), serves the renderer from tolem://app, answers the one typed
 * IPC channel through the dispatcher (sender check, zod-parsed arguments), forwards the terminal's
 * events, and lets an admin PIN take the window out of kiosk mode. Started by `tolem start` when an
 * Electron binary is present.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, protocol, safeStorage, session } from 'electron';
import { protectPayoutsPassword, revealPayoutsPassword } from './credentials.js';
import { loadConfig } from '../../config/config.js';
import { createDispatcher } from '../../ipc/dispatch.js';
import { createHandlers } from '../../ipc/handlers.js';
import { openTerminal, type Terminal } from '../../terminal/terminal.js';
import { rendererDir } from '../static-files.js';
import { APP_ORIGIN, APP_SCHEME, hardenContents, hardenSession, secureWebPreferences, serveRenderer } from './security.js';

export const INVOKE_CHANNEL = 'tolem:invoke';
export const EVENT_CHANNEL = 'tolem:event';

const here = path.dirname(fileURLToPath(import.meta.url));
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();
let terminal: Terminal | null = null;

/** A payout's bank card page the terminal registered (a cashier opens it in a locked-down window): the bank's origin. */
function bankPage(url: string): string | null {
  const payouts = terminal?.payouts;
  if (!payouts) return null;
  const known = payouts.journal.list(50).find((p) => p.state === 'registered' && p.formUrl === url);
  return known ? new URL(url).origin : null;
}
app.on('web-contents-created', (_e, contents) => hardenContents(contents, { bankPage }));

async function main(): Promise<void> {
  await app.whenReady();
  // The payouts password is kept encrypted by the OS keychain, never as plain text in config.json.
  protectPayoutsPassword(path.join(loadConfig().dataDir, 'config.json'), safeStorage);
  const config = loadConfig();
  config.payouts.password ??= revealPayoutsPassword(config.payouts.passwordEncrypted, safeStorage);
  terminal = await openTerminal(config);
  terminal.worker.start();
  terminal.startProbe();
  hardenSession(session.defaultSession);

  const renderer = rendererDir(here);
  if (!renderer) throw new Error('the renderer is not built (npm run build)');
  protocol.handle(APP_SCHEME, (request) => serveRenderer(renderer, request));

  const dispatch = createDispatcher(createHandlers(terminal), [APP_ORIGIN], (err) => terminal?.log.error('ipc', { error: err instanceof Error ? err.message : String(err) }));
  ipcMain.handle(INVOKE_CHANNEL, (event, channel: unknown, args: unknown) => dispatch(channel, args, event.senderFrame?.url));

  const kiosk = config.screens.kioskWindow;
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    kiosk,
    fullscreen: kiosk,
    autoHideMenuBar: true,
    backgroundColor: '#f4f6f8',
    title: 'Tolem',
    webPreferences: secureWebPreferences(path.join(here, '..', '..', '..', 'preload', 'preload.cjs')),
  });
  terminal.exitKiosk = () => {
    win.setKiosk(false);
    win.setFullScreen(false);
  };
  const unsubscribe = terminal.events.on((e) => {
    if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, e);
  });
  win.on('closed', unsubscribe);
  await win.loadURL(`${APP_ORIGIN}/index.html`);
}

app.on('window-all-closed', () => app.quit());
app.on('will-quit', (e) => {
  if (!terminal) return;
  e.preventDefault();
  const t = terminal;
  terminal = null;
  void t.close().finally(() => app.exit(0));
});

main().catch((err: unknown) => {
  process.stderr.write(`Tolem could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  app.exit(1);
});
