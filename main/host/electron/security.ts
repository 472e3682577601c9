/**
 * The Electron security baseline (../shared/STYLE.md): isolated, sandboxed renderers with no Node
 * anywhere; no navigation, no new windows, no webviews; every permission denied; the renderer
 * served from tolem://app with the strict CSP and a path-traversal check.
 */
import fs from 'node:fs';
import type { Session, WebContents, WebPreferences } from 'electron';
import { contentType, CSP, resolveStaticFile } from '../static-files.js';

export const APP_SCHEME = 'tolem';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

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

/** Every web contents the app ever creates: no new windows, no navigation away, no webviews. */
export function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (e, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) e.preventDefault();
  });
  contents.on('will-redirect', (e) => e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
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
