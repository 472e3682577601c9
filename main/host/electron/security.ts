/**
 * The Electron security baseline (../shared/STYLE.md): isolated, sandboxed renderers with no Node
 * anywhere; no navigation, no new windows, no webviews; every permission denied; the renderer
 * served from tolem://app with the strict CSP and a path-traversal check.
 */
import fs from 'node:fs';
import type { Session, WebContents, WebPreferences } from 'electron';
import { contentType, CSP, resolveStaticFile } from '../static-files.js';

import { APP_ORIGIN, APP_SCHEME } from './origin.js';

export { APP_ORIGIN, APP_SCHEME };

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: process.env.TOLEM_DEVTOOLS === '1',
  };
}

/** The bank card page window's session: not persisted, not the main window's. */
export const BANK_PARTITION = 'tolem-bank-page';

/** The origin a web contents may navigate within: the app's, or (a bank's card page window) the bank's. */
const allowedOrigin = new WeakMap<object, string>();

/**
 * Every web contents the app ever creates: no new windows, no navigation away, no webviews. One
 * exception, for a cashier: a payout's bank card page (`bankPage(url)` gives the bank's origin for a
 * page the terminal registered) opens in its own window, sandboxed, with no preload, that can navigate
 * only within the bank's origin.
 */
export function hardenContents(contents: WebContents, opts: { bankPage?: (url: string) => string | null } = {}): void {
  contents.setWindowOpenHandler(({ url }) => {
    const bank = opts.bankPage?.(url) ?? null;
    if (!bank) return { action: 'deny' };
    // A session of its own (in memory only): the bank's page shares no cookie or storage with the terminal's screens.
    return { action: 'allow', overrideBrowserWindowOptions: { width: 900, height: 900, autoHideMenuBar: true, title: 'Bank', webPreferences: { ...secureWebPreferences(''), preload: undefined, partition: BANK_PARTITION } } };
  });
  contents.on('did-create-window', (child, details) => {
    const bank = opts.bankPage?.(details.url) ?? null;
    if (bank) allowedOrigin.set(child.webContents, bank);
  });
  contents.on('will-navigate', (e, url) => {
    if (!navigationAllowed(contents, url)) e.preventDefault();
  });
  contents.on('will-redirect', (e, url) => {
    if (!allowedOrigin.has(contents) || !navigationAllowed(contents, url)) e.preventDefault();
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
}

/** Whether `contents` may go to `url`: the app's pages, or, for a bank window, the bank's own origin. */
export function navigationAllowed(contents: object, url: string): boolean {
  const bank = allowedOrigin.get(contents);
  if (!bank) return url.startsWith(`${APP_ORIGIN}/`);
  try {
    return new URL(url).origin === bank;
  } catch {
    return false;
  }
}

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** tolem://app/<path> → a file of the built renderer, with the CSP; anything else is 404. */
export function serveRenderer(rendererDir: string, request: Request): Response {
  const url = new URL(request.url);
  const file = url.host === 'app' ? resolveStaticFile(rendererDir, url.pathname) : null;
  if (!file) return new Response('not found', { status: 404, headers: { 'content-type': 'text/plain' } });
  return new Response(fs.readFileSync(file), { status: 200, headers: { 'content-type': contentType(file), 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' } });
}
