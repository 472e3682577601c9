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

/** Opens the browser host's page as an app window (a kiosk window when asked). */
export function openAppWindow(chromium: string, url: string, profileDir: string, kiosk: boolean): ChildProcess {
  const child = spawn(chromium, [...chromiumFlags(profileDir), `--app=${url}`, ...(kiosk ? ['--kiosk'] : [])], { stdio: 'ignore', detached: false });
  child.on('error', () => undefined);
  return child;
}

export function hasDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  return process.platform !== 'linux' || !!env.DISPLAY || !!env.WAYLAND_DISPLAY;
}
