/**
 * better-sqlite3 is a native module: the build that loads under Node does not load under Electron (a
 * different ABI). A packaged app carries the Electron build (electron-builder rebuilds it); a developer's
 * `npm start` with an Electron binary needs one made for that Electron, placed at
 * resources/native/better_sqlite3-electron-<version>.node (see docs/architecture.md, "Electron and packaging").
 * Without it the launcher says so in one line and starts the browser host instead.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The Electron version of an installed binary (its dist/version file), or null. */
export function electronVersionOf(binary: string): string | null {
  for (const dir of [path.dirname(binary), path.join(path.dirname(binary), '..', '..', '..')]) {
    try {
      const v = fs.readFileSync(path.join(dir, 'version'), 'utf8').trim().replace(/^v/, '');
      if (/^\d+\.\d+\.\d+/.test(v)) return v;
    } catch {
      // not here
    }
  }
  return null;
}

export function electronBindingPath(resources: string, electronVersion: string): string {
  return path.join(resources, 'native', `better_sqlite3-electron-${electronVersion}.node`);
}

/**
 * Whether an Electron binary can run the terminal: the native module built for it (an explicit
 * TOLEM_SQLITE_BINDING wins), or why not.
 */
export function electronPlan(binary: string, resources: string | null, env: NodeJS.ProcessEnv = process.env): { ok: true; binding: string } | { ok: false; reason: string } {
  if (env.TOLEM_SQLITE_BINDING) {
    return fs.existsSync(env.TOLEM_SQLITE_BINDING) ? { ok: true, binding: env.TOLEM_SQLITE_BINDING } : { ok: false, reason: `TOLEM_SQLITE_BINDING names ${env.TOLEM_SQLITE_BINDING}, which does not exist` };
  }
  const version = electronVersionOf(binary);
  if (!version) return { ok: false, reason: `the Electron binary's version is unknown (no dist/version beside ${binary})` };
  if (!resources) return { ok: false, reason: 'resources/ was not found' };
  const binding = electronBindingPath(resources, version);
  if (!fs.existsSync(binding)) {
    return { ok: false, reason: `Electron ${version} is installed, but better-sqlite3 is not built for it (${binding} is missing; see docs/architecture.md, "Electron and packaging")` };
  }
  return { ok: true, binding };
}

/** The native module the journal loads in this process: TOLEM_SQLITE_BINDING when set (the Electron host sets it), else the default. */
export function journalBinding(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.TOLEM_SQLITE_BINDING || undefined;
}
