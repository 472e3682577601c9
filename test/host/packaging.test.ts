/**
 * What the packaged app is made of, checked from the build output: the Electron entry that
 * package.json names, the CommonJS preload it loads, and the renderer it serves. (electron-builder
 * itself runs on a connected build machine; see docs/architecture.md, "Electron and packaging".)
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { preloadFile } from '../../main/host/electron/origin.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };

describe('the packaged app', () => {
  it('package.json names the Electron host as the entry, and the build made it', () => {
    expect(pkg.main).toBe('out/main/host/electron/main.js');
    expect(fs.existsSync(path.join(root, pkg.main))).toBe(true);
  });

  it('the preload the host loads is CommonJS (a sandboxed preload cannot be an ES module)', () => {
    const preload = fs.readFileSync(path.join(root, 'out', 'preload', 'preload.cjs'), 'utf8');
    expect(preload).toMatch(/require\("electron"\)/);
    expect(preload).not.toMatch(/^import /m);
    // The host resolves it relative to its own build: that file is the one the build made.
    expect(path.resolve(preloadFile(path.join(root, 'out', 'main', 'host', 'electron')))).toBe(path.join(root, 'out', 'preload', 'preload.cjs'));
    expect(fs.existsSync(preloadFile(path.join(root, 'out', 'main', 'host', 'electron')))).toBe(true);
  });

  it('the renderer is built with no inline script (the CSP forbids them)', () => {
    const html = fs.readFileSync(path.join(root, 'out', 'renderer', 'index.html'), 'utf8');
    expect(html).toMatch(/<script type="module" crossorigin src="\.\/assets\/index-[\w-]+\.js"><\/script>/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('electron-builder packs the build and unpacks the native journal driver', () => {
    const yml = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    expect(yml).toMatch(/files:\n(?:#.*\n)*\s+- out\/\*\*\/\*/);
    expect(yml).toContain('"**/node_modules/better-sqlite3/**"');
  });
});
