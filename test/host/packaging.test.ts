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

  it('flips the fuses a kiosk needs flipped, has its icon, and takes signing secrets and the update server from the environment', () => {
    const yml = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    const fuses = /^electronFuses:\n((?: {2}.+\n)+)/m.exec(yml)?.[1] ?? '';
    const fuse = (name: string) => new RegExp(`^  ${name}: (true|false)$`, 'm').exec(fuses)?.[1];
    // ELECTRON_RUN_AS_NODE, NODE_OPTIONS and --inspect would each let a local user run code as the app.
    expect(fuse('runAsNode')).toBe('false');
    expect(fuse('enableNodeOptionsEnvironmentVariable')).toBe('false');
    expect(fuse('enableNodeCliInspectArguments')).toBe('false');
    expect(fuse('onlyLoadAppFromAsar')).toBe('true');
    expect(fuse('enableEmbeddedAsarIntegrityValidation')).toBe('true');
    expect(fuse('enableCookieEncryption')).toBe('true');
    // The terminal's process is a utility process, not a fork that needs ELECTRON_RUN_AS_NODE.
    expect(fs.readFileSync(path.join(root, 'main/host/electron/main.ts'), 'utf8')).toContain('utilityProcess.fork(');
    const icon = /^icon: (\S+)$/m.exec(yml)?.[1];
    expect(icon).toBe('resources/icon.png');
    const png = fs.readFileSync(path.join(root, icon!));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    expect(yml).toMatch(/^publish:\n {2}provider: generic\n {2}url: \$\{env\.TOLEM_UPDATE_URL\}$/m);
    expect(yml).not.toMatch(/CSC_KEY_PASSWORD:|password:/i);
  });
});
