/**
 * The Electron host's security baseline, checked without an Electron binary: the window's web
 * preferences, what every web contents refuses, the session's permission answers, and the
 * tolem://app protocol's files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN, hardenContents, hardenSession, secureWebPreferences, serveRenderer } from '../../../main/host/electron/security.js';
import { CSP } from '../../../main/host/static-files.js';
import { tempDir } from '../../helpers/harness.js';

vi.mock('electron', () => ({}));

type Listener = (e: { preventDefault(): void }, ...args: unknown[]) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  return {
    contents: {
      setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
      on: (event: string, l: Listener) => listeners.set(event, l),
    },
    emit(event: string, ...args: unknown[]): boolean {
      let prevented = false;
      listeners.get(event)?.({ preventDefault: () => (prevented = true) }, ...args);
      return prevented;
    },
    open: (url: string) => openHandler?.({ url }),
  };
}

describe('Electron security baseline', () => {
  it('renderers are isolated and sandboxed, with no Node anywhere and no webviews', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });

  it('no new windows, no navigation away from tolem://app, no redirects, no webviews', () => {
    const f = fakeContents();
    hardenContents(f.contents as never);
    expect(f.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(f.open(`${APP_ORIGIN}/index.html`)).toEqual({ action: 'deny' });
    expect(f.emit('will-navigate', 'https://evil.example/')).toBe(true);
    expect(f.emit('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(f.emit('will-navigate', 'tolem://app.evil/index.html')).toBe(true);
    expect(f.emit('will-navigate', `${APP_ORIGIN}/index.html`)).toBe(false);
    expect(f.emit('will-redirect', `${APP_ORIGIN}/x`)).toBe(true);
    expect(f.emit('will-attach-webview', {}, {})).toBe(true);
  });

  it('every permission is denied', () => {
    let request: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null;
    let check: (() => boolean) | null = null;
    let device: (() => boolean) | null = null;
    hardenSession({
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
      setDevicePermissionHandler: (h: typeof device) => (device = h),
    } as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const answer = vi.fn();
      request!(null, permission, answer);
      expect(answer).toHaveBeenCalledWith(false);
    }
    expect(check!()).toBe(false);
    expect(device!()).toBe(false);
  });

  it('tolem://app serves the renderer with the CSP, and nothing outside it', async () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Tolem</title>');
    fs.writeFileSync(path.join(path.dirname(root), 'secret.txt'), 'not for the renderer');
    const ok = serveRenderer(root, new Request(`${APP_ORIGIN}/index.html`));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(CSP);
    expect(await ok.text()).toContain('Tolem');
    for (const url of [`${APP_ORIGIN}/../secret.txt`, `${APP_ORIGIN}/%2e%2e/secret.txt`, `${APP_ORIGIN}/..%2fsecret.txt`, 'tolem://other/index.html', `${APP_ORIGIN}/missing.js`]) {
      expect(serveRenderer(root, new Request(url)).status, url).toBe(404);
    }
  });
});
