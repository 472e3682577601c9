/**
 * A small structured logger: one line per event to stderr (and a file when configured).
 * Secrets are never passed to it; card numbers are masked before they get here.
 */
import fs from 'node:fs';
import path from 'node:path';

export type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

export function createLogger(opts: { level?: Level; file?: string | null; stderr?: boolean } = {}): Logger {
  const min = ORDER[opts.level ?? 'info'];
  let fd: number | null = null;
  if (opts.file) {
    try {
      fs.mkdirSync(path.dirname(opts.file), { recursive: true });
      fd = fs.openSync(opts.file, 'a');
    } catch {
      fd = null;
    }
  }
  const write = (level: Level, msg: string, data?: Record<string, unknown>) => {
    if (ORDER[level] < min) return;
    const line = `${new Date().toISOString()} ${level.toUpperCase()} ${msg}${data ? ` ${JSON.stringify(data)}` : ''}\n`;
    if (opts.stderr !== false) process.stderr.write(line);
    if (fd !== null) {
      try {
        fs.writeSync(fd, line);
      } catch {
        // A full disk must not stop payments: the journal is the record, the log is a convenience.
      }
    }
  };
  return {
    debug: (m, d) => write('debug', m, d),
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}
