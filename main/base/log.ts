/**
 * The terminal's log: JSON lines (pino) in `<data dir>/logs/`, rolled by size and by day, the number
 * of files capped (files of earlier runs counted too: a kiosk restarted daily does not pile them
 * up), written synchronously so a kill -9 loses nothing already logged. Read by support when
 * something went wrong in the field; the journal stays the record of money.
 *
 * Secrets are never passed to it (card numbers are masked before they get here); keys that name a
 * secret are redacted anyway, wherever they are nested. A person at the console gets one readable
 * line per event on stderr, not JSON.
 */
import path from 'node:path';
import pino, { type Logger as Pino } from 'pino';
import roll from 'pino-roll';

export type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

/** Keys whose values never reach a log file, at any of the first three levels of nesting. */
const SECRET_KEYS = ['password', 'token', 'pan', 'cardNumber', 'authorization', 'pin', 'adminPin', 'secret'];
const REDACT = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

/** What a data directory's log keeps: files of at most `size` (pino-roll's units: "10m"), a new one each day, `keep` old ones. */
export interface LogFileOptions {
  dir: string;
  level?: Level;
  size?: string;
  keep?: number;
  /** Also a readable line per event on stderr (the CLI's person at the console). */
  stderr?: boolean;
  stderrLevel?: Level;
}

export const LOG_FILE_BASE = 'tolem';

/**
 * The log of a data directory: `<dir>/tolem.<n>.log` (n grows on each roll). A directory that cannot
 * be written (a full disk, a read-only mount) leaves the terminal running with stderr only: the log
 * must never stop a payment.
 */
export async function openLogFile(o: LogFileOptions): Promise<Logger> {
  const console = o.stderr === false ? null : stderrLines(o.stderrLevel ?? 'warn');
  try {
    const stream = await roll({ file: path.join(o.dir, LOG_FILE_BASE), extension: '.log', size: o.size ?? '10m', frequency: 'daily', mkdir: true, sync: true, limit: { count: o.keep ?? 14, removeOtherLogFiles: true } });
    // A write that fails (the disk filled up) is dropped, never thrown into a payment.
    stream.on('error', () => undefined);
    const file = pino({ level: o.level ?? 'info', redact: { paths: REDACT, censor: '[redacted]' }, timestamp: pino.stdTimeFunctions.isoTime, base: { pid: process.pid } }, stream);
    return both(file, console);
  } catch {
    return both(null, console ?? stderrLines('warn'));
  }
}

/** A logger without a file: readable lines on stderr (tests pass `stderr: false` for silence). */
export function createLogger(opts: { level?: Level; stderr?: boolean } = {}): Logger {
  return both(null, opts.stderr === false ? null : stderrLines(opts.level ?? 'info'));
}

function stderrLines(level: Level): (l: Level, msg: string, data?: Record<string, unknown>) => void {
  const min = ORDER[level];
  return (l, msg, data) => {
    if (ORDER[l] < min) return;
    try {
      process.stderr.write(`${new Date().toISOString()} ${l.toUpperCase()} ${msg}${data ? ` ${JSON.stringify(redacted(data))}` : ''}\n`);
    } catch {
      // A closed stderr (a service without a console) must not stop anything.
    }
  };
}

/** The same keys pino redacts in the file, for the console's lines. */
function redacted(data: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (SECRET_KEYS.includes(k)) out[k] = '[redacted]';
    else out[k] = depth < 2 && v && typeof v === 'object' && !Array.isArray(v) ? redacted(v as Record<string, unknown>, depth + 1) : v;
  }
  return out;
}

function both(file: Pino | null, console: ((l: Level, msg: string, data?: Record<string, unknown>) => void) | null): Logger {
  const write = (l: Level, msg: string, data?: Record<string, unknown>) => {
    if (file) {
      try {
        if (data) file[l](data, msg);
        else file[l](msg);
      } catch {
        // A full disk: the log line is lost, the payment is not.
      }
    }
    console?.(l, msg, data);
  };
  return {
    debug: (m, d) => write('debug', m, d),
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}
