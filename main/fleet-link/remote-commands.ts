/**
 * What a terminal does with each command from the fleet, and what it says back. A command is carried out
 * once (its journal row says so); a command that fails says why. None of them touches money already
 * held: lock only closes the terminal to new money, drain sends what waits sooner, never differently.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CommandKind } from '../../shared/fleet/protocol.js';

/** What the commands need of the running terminal. */
export interface CommandTarget {
  setLocked(locked: boolean): void;
  /** Sends every waiting payment now; resolves when none waits or the deadline passed. */
  drain(deadline: number): Promise<{ pending: number }>;
  refreshCatalog(): Promise<{ services: number; source: string }>;
  logDir: string;
  /** A PNG of the screens (the Electron host's); null where the host cannot take one. */
  screenshot: (() => Promise<Buffer>) | null;
}

export const MAX_LOG_LINES = 2000;
const MAX_LOG_BYTES = 1024 * 1024;

/** The last `n` lines of the terminal's log (its newest files), already free of secrets (main/base/log.ts). */
export function lastLogLines(dir: string, n: number): string[] {
  let files: string[];
  try {
    files = fs
      .readdirSync(dir)
      .filter((f) => /\.log$/.test(f))
      .map((f) => ({ f, m: fs.statSync(path.join(dir, f)).mtimeMs }))
      .sort((a, b) => b.m - a.m)
      .map((x) => x.f);
  } catch {
    return [];
  }
  const out: string[] = [];
  let bytes = 0;
  for (const f of files) {
    const lines = fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean);
    for (let i = lines.length - 1; i >= 0 && out.length < n; i--) {
      bytes += lines[i]!.length;
      if (bytes > MAX_LOG_BYTES) return out.reverse();
      out.push(lines[i]!);
    }
    if (out.length >= n) break;
  }
  return out.reverse();
}

export async function runCommand(kind: CommandKind, args: Record<string, unknown>, t: CommandTarget): Promise<{ ok: boolean; result: unknown }> {
  switch (kind) {
    case 'lock':
      t.setLocked(true);
      return { ok: true, result: { locked: true } };
    case 'unlock':
      t.setLocked(false);
      return { ok: true, result: { locked: false } };
    case 'drain': {
      const r = await t.drain(Date.now() + 60_000);
      return { ok: true, result: r };
    }
    case 'refresh-catalog':
      return { ok: true, result: await t.refreshCatalog() };
    case 'logs': {
      const n = typeof args.lines === 'number' && Number.isInteger(args.lines) && args.lines > 0 ? Math.min(args.lines, MAX_LOG_LINES) : 100;
      return { ok: true, result: { lines: lastLogLines(t.logDir, n) } };
    }
    case 'screenshot': {
      if (!t.screenshot) return { ok: false, result: { error: 'this host cannot take a screenshot of its screens (the browser host shows them in a browser it does not control; the Electron host can)' } };
      const png = await t.screenshot();
      return { ok: true, result: { png: png.toString('base64') } };
    }
  }
}
