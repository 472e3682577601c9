/**
 * Configuration: `config.json` in the data directory, overridden by environment variables.
 * Bad configuration is refused with the field that is wrong; it never half-works.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { assertTerminalId } from '../ids/agent-transaction-id.js';
import { parseAmount, type Minor } from '../money/amount.js';
import type { OfflinePolicy } from '../engine/offline-policy.js';
import { validateSchedule, type RetrySchedule } from '../engine/retry-schedule.js';

export interface TolemConfig {
  dataDir: string;
  journalFile: string;
  terminalId: number;
  processing: {
    /** Base URL before /api/v20; null = the built-in sandbox. */
    url: string | null;
    token: string | null;
    tokenHeader: string;
    requestTimeoutMs: number;
  };
  retry: RetrySchedule;
  worker: { concurrency: number };
  offline: OfflinePolicy;
  leaseMs: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const money = z.string().transform((v, ctx): Minor => {
  try {
    return parseAmount(v);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
    return z.NEVER;
  }
});
const positiveInt = z.number().int().positive();

const zConfigFile = z
  .object({
    terminalId: z.number().int().optional(),
    processing: z
      .object({
        url: z.string().url().nullable().optional(),
        token: z.string().nullable().optional(),
        tokenHeader: z.string().min(1).optional(),
        requestTimeoutMs: positiveInt.optional(),
      })
      .strict()
      .optional(),
    retry: z.object({ initialMs: positiveInt.optional(), maxMs: positiveInt.optional() }).strict().optional(),
    worker: z.object({ concurrency: positiveInt.max(256).optional() }).strict().optional(),
    offline: z
      .object({ maxPaymentAmount: money.optional(), maxPendingTotal: money.optional(), maxPendingAgeHours: z.number().positive().optional() })
      .strict()
      .optional(),
  })
  .strict();

export type ConfigFile = z.input<typeof zConfigFile>;

export const DEFAULTS = {
  requestTimeoutMs: 30_000,
  retryInitialMs: 2_000,
  retryMaxMs: 300_000,
  concurrency: 4,
  offlineMaxPayment: 100_000_00,
  offlineMaxTotal: 500_000_00,
  offlineMaxAgeHours: 24,
  sandboxTerminalId: 1,
} as const;

/** The data directory: TOLEM_DATA_DIR, else the platform's usual place for application data. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TOLEM_DATA_DIR) return path.resolve(env.TOLEM_DATA_DIR);
  if (process.platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'Tolem');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'Tolem');
  return path.join(env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), 'tolem');
}

function envInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  return Number(raw.trim());
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): TolemConfig {
  const dataDir = defaultDataDir(env);
  const file = path.join(dataDir, 'config.json');
  let fromFile: z.output<typeof zConfigFile> = {};
  if (fs.existsSync(file)) {
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new ConfigError(`${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    const parsed = zConfigFile.safeParse(json);
    if (!parsed.success) {
      throw new ConfigError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    }
    fromFile = parsed.data;
  }

  const url = env.TOLEM_PROCESSING_URL !== undefined ? env.TOLEM_PROCESSING_URL.trim() || null : (fromFile.processing?.url ?? null);
  if (url !== null && !/^https?:\/\/[^\s]+$/.test(url)) throw new ConfigError(`processing URL must be http(s)://..., got "${url}"`);
  const terminalId = envInt(env, 'TOLEM_TERMINAL_ID') ?? fromFile.terminalId ?? (url === null ? DEFAULTS.sandboxTerminalId : undefined);
  if (terminalId === undefined) {
    throw new ConfigError('a terminal id is required with a real processing center: set TOLEM_TERMINAL_ID or "terminalId" in config.json (unique among the agent\'s terminals, 1..99999)');
  }
  try {
    assertTerminalId(terminalId);
  } catch (err) {
    throw new ConfigError(err instanceof Error ? err.message : String(err));
  }
  const requestTimeoutMs = envInt(env, 'TOLEM_REQUEST_TIMEOUT_MS') ?? fromFile.processing?.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs;
  const retry: RetrySchedule = {
    initialMs: envInt(env, 'TOLEM_RETRY_INITIAL_MS') ?? fromFile.retry?.initialMs ?? DEFAULTS.retryInitialMs,
    maxMs: envInt(env, 'TOLEM_RETRY_MAX_MS') ?? fromFile.retry?.maxMs ?? DEFAULTS.retryMaxMs,
  };
  if (retry.maxMs < retry.initialMs && envInt(env, 'TOLEM_RETRY_MAX_MS') === undefined && fromFile.retry?.maxMs === undefined) retry.maxMs = retry.initialMs;
  try {
    validateSchedule(retry);
  } catch (err) {
    throw new ConfigError(err instanceof Error ? err.message : String(err));
  }
  if (requestTimeoutMs < 100) throw new ConfigError(`request timeout must be at least 100 ms, got ${requestTimeoutMs}`);
  const concurrency = envInt(env, 'TOLEM_WORKER_CONCURRENCY') ?? fromFile.worker?.concurrency ?? DEFAULTS.concurrency;
  if (concurrency < 1 || concurrency > 256) throw new ConfigError(`worker concurrency must be 1..256, got ${concurrency}`);

  return {
    dataDir,
    journalFile: path.join(dataDir, 'journal.sqlite'),
    terminalId,
    processing: {
      url,
      token: env.TOLEM_PROCESSING_TOKEN ?? fromFile.processing?.token ?? null,
      tokenHeader: env.TOLEM_PROCESSING_TOKEN_HEADER || fromFile.processing?.tokenHeader || 'Authorization',
      requestTimeoutMs,
    },
    retry,
    worker: { concurrency },
    offline: {
      maxPaymentAmount: fromFile.offline?.maxPaymentAmount ?? DEFAULTS.offlineMaxPayment,
      maxPendingTotal: fromFile.offline?.maxPendingTotal ?? DEFAULTS.offlineMaxTotal,
      maxPendingAgeMs: (fromFile.offline?.maxPendingAgeHours ?? DEFAULTS.offlineMaxAgeHours) * 3_600_000,
    },
    leaseMs: requestTimeoutMs + 15_000,
  };
}
