/**
 * Configuration: `config.json` in the data directory, overridden by environment variables.
 * Bad configuration is refused with the field that is wrong; it never half-works.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { zAmountText } from '../../shared/money/amount-schema.js';
import { assertTerminalId } from '../base/agent-transaction-id.js';
import type { OfflinePolicy } from '../payments/offline-policy.js';
import { validateSchedule, type RetrySchedule } from '../base/retry-schedule.js';
import { parsePercent, type CommissionRule } from '../../shared/money/commission.js';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../base/zone.js';
import type { AmountLimit, LimitRules } from '../../shared/money/limits.js';

export interface TolemConfig {
  dataDir: string;
  journalFile: string;
  terminalId: number;
  /**
   * The built-in emulator of processing and payouts serves this terminal: chosen (--sandbox,
   * TOLEM_SANDBOX=1, "sandbox": true), or a data directory never configured (no config.json).
   * Every screen and every receipt then says it is a test.
   */
  sandbox: boolean;
  /** Why the sandbox runs: chosen explicitly, or the data directory was never configured. */
  sandboxBecause: 'chosen' | 'unconfigured' | null;
  /** The agent's time zone: agentTransactionDate, receipts, "today", shifts (default Asia/Almaty). */
  timeZone: string;
  /** Online backups of the journal (SQLite's backup API) and the id high-water mark. */
  backup: { dir: string; everyMinutes: number; keep: number };
  /**
   * The bank's payouts module: scheme and host (the client appends /payouts/api/v2/<method>) and the
   * partner's credentials (never logged, never in the journal's readable columns, never sent to the
   * screens). Null url: payouts are not available (the sandbox's emulator serves them on the sandbox).
   */
  payouts: {
    url: string | null;
    userName: string | null;
    password: string | null;
    /** The password as the Electron host keeps it (encrypted by the OS keychain); only that host can read it. */
    passwordEncrypted: string | null;
    /** Payouts to a card number typed at the terminal (performPayout.do): off by default. */
    direct: boolean;
    returnUrl: string | null;
    failUrl: string | null;
    sessionTimeoutSecs: number;
    timeoutMs: number;
    /** How long the bank's "order not found" after a register or perform is not yet an answer (see the payout engine). */
    notFoundGraceMs: number;
    /** The agent's payout commission (default: the payments' rule). */
    commission: CommissionRule;
    /** Warn on the service menu when the payouts balance is at or below this, tiyn. */
    balanceWarning: number | null;
  };
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
  /** cashier: a person at a desk; kiosk: self-service (refuses payments when it cannot print). */
  mode: 'cashier' | 'kiosk';
  receipts: {
    lang: 'ru' | 'kk';
    /** Printer used for receipts (a name from `printers`); null: receipts are not printed. */
    printer: string | null;
    timeoutMs: number;
    header: { agentName: string; agentBin: string; address: string; supportPhone: string; footer: string[] };
  };
  printers: PrinterProfile[];
  /** The agent's commission on top of the amount credited, shown before the customer pays. */
  commission: CommissionRule;
  /** How much a service may credit in one payment: per service, per group, a default (the catalog carries none). */
  limits: LimitRules;
  screens: {
    /** A kiosk screen left alone this long goes back to Home (a cashier's screen never does). */
    idleTimeoutMs: number;
    /** The PIN that takes a kiosk out of kiosk mode (digits); null: no way out from the screen. */
    adminPin: string | null;
    /** Electron: full screen kiosk window. */
    kioskWindow: boolean;
  };
  /** A kiosk's cash device: the simulated note acceptor of the demo ("insert 1000 ₸" buttons), or none. */
  cashAcceptor: 'simulated' | 'none';
}

export interface PrinterProfile {
  name: string;
  /** tcp://host:9100, a device path (/dev/usb/lp0, COM3), or printer:NAME (the OS spooler). */
  interface: string;
  paper: 58 | 80;
  /** text: ESC/POS text in the code pages below; raster: the receipt as an image (prints Kazakh and ₸ anywhere). */
  mode: 'text' | 'raster';
  codePages: ('cp866' | 'kz1048')[];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const money = zAmountText;

/**
 * The bounds of every duration in the configuration: a timer past 2^31 ms fires at once in Node, and
 * a value no terminal could mean (a 24-day request timeout) is refused with the setting's name.
 */
export const LIMITS = {
  requestTimeoutMs: 10 * 60_000,
  retryMs: 24 * 3_600_000,
  printTimeoutMs: 2 * 60_000,
  offlineAgeHours: 30 * 24,
} as const;
const positiveInt = z.number().int().positive();

const zLimit = z.object({ min: money.optional(), max: money.optional() }).strict();

const zConfigFile = z
  .object({
    terminalId: z.number().int().optional(),
    sandbox: z.boolean().optional(),
    timeZone: z.string().min(1).optional(),
    backup: z.object({ dir: z.string().min(1).optional(), everyMinutes: positiveInt.max(24 * 60).optional(), keep: positiveInt.max(1000).optional() }).strict().optional(),
    payouts: z
      .object({
        url: z.string().regex(/^https?:\/\/[^\s/]+\/?$/, 'scheme and host, e.g. https://3dsec.berekebank.kz').nullable().optional(),
        userName: z.string().max(30).optional(),
        password: z.string().max(30).optional(),
        /** Set by the Electron host: the password encrypted by the OS keychain (safeStorage), base64. */
        passwordEncrypted: z.string().regex(/^[A-Za-z0-9+/=]+$/).optional(),
        direct: z.boolean().optional(),
        returnUrl: z.string().url().optional(),
        failUrl: z.string().url().optional(),
        sessionTimeoutSecs: positiveInt.max(86_400).optional(),
        timeoutMs: positiveInt.min(100).max(LIMITS.requestTimeoutMs).optional(),
        notFoundGraceSeconds: positiveInt.max(7 * 86_400).optional(),
        commission: z.object({ percent: z.string().optional(), minimum: money.optional() }).strict().optional(),
        balanceWarning: money.optional(),
      })
      .strict()
      .optional(),
    processing: z
      .object({
        url: z.string().url().nullable().optional(),
        token: z.string().nullable().optional(),
        tokenHeader: z.string().min(1).optional(),
        requestTimeoutMs: positiveInt.min(100).max(LIMITS.requestTimeoutMs).optional(),
      })
      .strict()
      .optional(),
    retry: z.object({ initialMs: positiveInt.max(LIMITS.retryMs).optional(), maxMs: positiveInt.max(LIMITS.retryMs).optional() }).strict().optional(),
    worker: z.object({ concurrency: positiveInt.max(256).optional() }).strict().optional(),
    offline: z
      .object({ maxPaymentAmount: money.optional(), maxPendingTotal: money.optional(), maxPendingAgeHours: z.number().positive().max(LIMITS.offlineAgeHours).optional() })
      .strict()
      .optional(),
    mode: z.enum(['cashier', 'kiosk']).optional(),
    receipts: z
      .object({
        lang: z.enum(['ru', 'kk']).optional(),
        printer: z.string().nullable().optional(),
        timeoutMs: positiveInt.min(100).max(LIMITS.printTimeoutMs).optional(),
        header: z
          .object({ agentName: z.string().optional(), agentBin: z.string().regex(/^\d{12}$/, 'a BIN has 12 digits').or(z.literal('')).optional(), address: z.string().optional(), supportPhone: z.string().optional(), footer: z.array(z.string()).optional() })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    cashAcceptor: z.enum(['simulated', 'none']).optional(),
    commission: z
      .object({ percent: z.string().optional(), minimum: money.optional() })
      .strict()
      .optional(),
    limits: z
      .object({
        min: money.optional(),
        max: money.optional(),
        groups: z.record(z.string().min(1), zLimit).optional(),
        services: z.record(z.string().min(1), zLimit).optional(),
      })
      .strict()
      .optional(),
    screens: z
      .object({ idleTimeoutSeconds: positiveInt.max(3600).optional(), adminPin: z.string().regex(/^\d{4,12}$/, '4 to 12 digits').nullable().optional(), kioskWindow: z.boolean().optional() })
      .strict()
      .optional(),
    printers: z
      .array(
        z
          .object({
            name: z.string().min(1),
            interface: z.string().regex(/^(tcp:\/\/[^\s/:]+(:\d+)?|printer:.+|\/.+|[A-Za-z]:\\.+|COM\d+)$/, 'tcp://host:9100, a device path, COMn or printer:NAME'),
            paper: z.union([z.literal(58), z.literal(80)]).optional(),
            mode: z.enum(['text', 'raster']).optional(),
            codePages: z.array(z.enum(['cp866', 'kz1048'])).min(1).optional(),
          })
          .strict(),
      )
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

/** A whole number from the environment within [min, max], else a ConfigError naming the variable. */
function envIn(env: NodeJS.ProcessEnv, name: string, min: number, max: number): number | undefined {
  const v = envInt(env, name);
  if (v !== undefined && (v < min || v > max)) throw new ConfigError(`${name} must be ${min}..${max}, got ${v}`);
  return v;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): TolemConfig {
  const dataDir = defaultDataDir(env);
  const file = path.join(dataDir, 'config.json');
  let fromFile: z.output<typeof zConfigFile> = {};
  const configured = fs.existsSync(file);
  if (configured) {
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
  if (env.TOLEM_SANDBOX !== undefined && !['', '0', '1'].includes(env.TOLEM_SANDBOX)) throw new ConfigError(`TOLEM_SANDBOX must be 1 or 0, got "${env.TOLEM_SANDBOX}"`);
  const sandboxChosen = env.TOLEM_SANDBOX === '1' || (env.TOLEM_SANDBOX !== '0' && fromFile.sandbox === true);
  if (sandboxChosen && url !== null) throw new ConfigError(`the sandbox was chosen (TOLEM_SANDBOX or "sandbox" in ${file}) and a processing URL is set (${url}): choose one`);
  // Never a silent default for a terminal someone configured: a lost URL must not take real cash against an emulator.
  if (url === null && !sandboxChosen && configured) {
    throw new ConfigError(`no processing URL is set: ${file} exists, so this terminal is configured; set "processing.url" there or TOLEM_PROCESSING_URL (or choose the demo sandbox explicitly: --sandbox, TOLEM_SANDBOX=1 or "sandbox": true)`);
  }
  const sandboxBecause = url !== null ? null : sandboxChosen ? 'chosen' : 'unconfigured';
  const timeZone = env.TOLEM_TIME_ZONE || fromFile.timeZone || DEFAULT_TIME_ZONE;
  if (!isTimeZone(timeZone)) throw new ConfigError(`time zone "${timeZone}" is not an IANA zone such as Asia/Almaty (TOLEM_TIME_ZONE or "timeZone")`);
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
  if (requestTimeoutMs < 100 || requestTimeoutMs > LIMITS.requestTimeoutMs) throw new ConfigError(`the request timeout (TOLEM_REQUEST_TIMEOUT_MS or processing.requestTimeoutMs) must be 100..${LIMITS.requestTimeoutMs} ms, got ${requestTimeoutMs}`);
  if (retry.initialMs > LIMITS.retryMs || retry.maxMs > LIMITS.retryMs) throw new ConfigError(`the retry intervals (TOLEM_RETRY_INITIAL_MS, TOLEM_RETRY_MAX_MS or retry.*) must be at most ${LIMITS.retryMs} ms (a day), got ${retry.initialMs} and ${retry.maxMs}`);
  const concurrency = envInt(env, 'TOLEM_WORKER_CONCURRENCY') ?? fromFile.worker?.concurrency ?? DEFAULTS.concurrency;
  if (concurrency < 1 || concurrency > 256) throw new ConfigError(`worker concurrency must be 1..256, got ${concurrency}`);

  if (env.TOLEM_TERMINAL_MODE && !['cashier', 'kiosk'].includes(env.TOLEM_TERMINAL_MODE)) throw new ConfigError(`TOLEM_TERMINAL_MODE must be cashier or kiosk, got "${env.TOLEM_TERMINAL_MODE}"`);
  if (env.TOLEM_RECEIPT_LANG && !['ru', 'kk'].includes(env.TOLEM_RECEIPT_LANG)) throw new ConfigError(`TOLEM_RECEIPT_LANG must be ru or kk, got "${env.TOLEM_RECEIPT_LANG}"`);
  const printers: PrinterProfile[] = (fromFile.printers ?? []).map((p) => ({
    name: p.name, interface: p.interface, paper: p.paper ?? 80, mode: p.mode ?? 'raster', codePages: p.codePages ?? ['cp866'],
  }));
  if (env.TOLEM_PRINTER) {
    printers.unshift({ name: 'env', interface: env.TOLEM_PRINTER, paper: env.TOLEM_PRINTER_PAPER === '58' ? 58 : 80, mode: env.TOLEM_PRINTER_MODE === 'text' ? 'text' : 'raster', codePages: ['cp866', 'kz1048'] });
  }
  const names = new Set<string>();
  for (const p of printers) {
    if (names.has(p.name)) throw new ConfigError(`two printers are named "${p.name}"`);
    names.add(p.name);
  }
  // The sandbox demo prints to the built-in virtual printer unless told otherwise.
  let printerName: string | null = env.TOLEM_PRINTER ? 'env' : fromFile.receipts?.printer !== undefined ? fromFile.receipts.printer : (printers[0]?.name ?? (url === null ? VIRTUAL_PRINTER : null));
  if (printerName !== null && printerName !== VIRTUAL_PRINTER && !names.has(printerName)) throw new ConfigError(`receipts.printer "${printerName}" is not one of the printers`);
  if (printerName === '') printerName = null;
  return {
    dataDir,
    journalFile: path.join(dataDir, 'journal.sqlite'),
    terminalId,
    sandbox: sandboxBecause !== null,
    sandboxBecause,
    timeZone,
    payouts: payoutsConfig(env, fromFile.payouts, commissionRule(fromFile.commission, url === null)),
    backup: {
      dir: path.resolve(dataDir, env.TOLEM_BACKUP_DIR || fromFile.backup?.dir || 'backups'),
      everyMinutes: envIn(env, 'TOLEM_BACKUP_EVERY_MINUTES', 1, 24 * 60) ?? fromFile.backup?.everyMinutes ?? 60,
      keep: fromFile.backup?.keep ?? 48,
    },
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
    mode: (env.TOLEM_TERMINAL_MODE as 'cashier' | 'kiosk' | undefined) ?? fromFile.mode ?? 'cashier',
    receipts: {
      lang: (env.TOLEM_RECEIPT_LANG as 'ru' | 'kk' | undefined) ?? fromFile.receipts?.lang ?? 'ru',
      printer: printerName,
      timeoutMs: fromFile.receipts?.timeoutMs ?? 5_000,
      header: {
        agentName: fromFile.receipts?.header?.agentName ?? (url === null ? 'Tolem (песочница)' : ''),
        agentBin: fromFile.receipts?.header?.agentBin ?? '',
        address: fromFile.receipts?.header?.address ?? '',
        supportPhone: fromFile.receipts?.header?.supportPhone ?? '',
        footer: fromFile.receipts?.header?.footer ?? [],
      },
    },
    printers,
    commission: commissionRule(fromFile.commission, url === null),
    limits: limitRules(fromFile.limits),
    cashAcceptor: cashAcceptor(env.TOLEM_CASH_ACCEPTOR) ?? fromFile.cashAcceptor ?? (url === null ? 'simulated' : 'none'),
    screens: {
      idleTimeoutMs: (envIn(env, 'TOLEM_IDLE_TIMEOUT_SECONDS', 1, 3600) ?? fromFile.screens?.idleTimeoutSeconds ?? 90) * 1000,
      adminPin: env.TOLEM_ADMIN_PIN ?? (fromFile.screens?.adminPin !== undefined ? fromFile.screens.adminPin : url === null ? SANDBOX_ADMIN_PIN : null),
      kioskWindow: fromFile.screens?.kioskWindow ?? ((env.TOLEM_TERMINAL_MODE ?? fromFile.mode) === 'kiosk'),
    },
  };
}

function payoutsConfig(env: NodeJS.ProcessEnv, f: z.output<typeof zConfigFile>['payouts'], paymentsCommission: CommissionRule): TolemConfig['payouts'] {
  const url = env.TOLEM_PAYOUTS_URL !== undefined ? env.TOLEM_PAYOUTS_URL.trim() || null : (f?.url ?? null);
  if (url !== null && !/^https?:\/\/[^\s/]+\/?$/.test(url)) throw new ConfigError(`TOLEM_PAYOUTS_URL must be a scheme and host such as https://3dsec.berekebank.kz, got "${url}"`);
  const userName = env.TOLEM_PAYOUTS_USER ?? f?.userName ?? null;
  const password = env.TOLEM_PAYOUTS_PASSWORD ?? f?.password ?? null;
  if ((userName?.length ?? 0) > 30 || (password?.length ?? 0) > 30) throw new ConfigError('the payouts user name and password are at most 30 characters (the document\'s limit)');
  if (url !== null && (!userName || (!password && !f?.passwordEncrypted))) throw new ConfigError('a payouts URL needs TOLEM_PAYOUTS_USER and TOLEM_PAYOUTS_PASSWORD (or payouts.userName / payouts.password in config.json)');
  if (env.TOLEM_PAYOUTS_DIRECT !== undefined && !['', '0', '1'].includes(env.TOLEM_PAYOUTS_DIRECT)) throw new ConfigError(`TOLEM_PAYOUTS_DIRECT must be 1 or 0, got "${env.TOLEM_PAYOUTS_DIRECT}"`);
  return {
    url: url?.replace(/\/+$/, '') ?? null,
    userName,
    password,
    passwordEncrypted: f?.passwordEncrypted ?? null,
    direct: env.TOLEM_PAYOUTS_DIRECT === '1' || (env.TOLEM_PAYOUTS_DIRECT !== '0' && f?.direct === true),
    returnUrl: f?.returnUrl ?? null,
    failUrl: f?.failUrl ?? null,
    sessionTimeoutSecs: envIn(env, 'TOLEM_PAYOUTS_SESSION_SECONDS', 1, 86_400) ?? f?.sessionTimeoutSecs ?? 1200,
    timeoutMs: f?.timeoutMs ?? 30_000,
    notFoundGraceMs: (envIn(env, 'TOLEM_PAYOUTS_NOT_FOUND_GRACE_SECONDS', 1, 7 * 86_400) ?? f?.notFoundGraceSeconds ?? 900) * 1000,
    commission: f?.commission ? commissionRule(f.commission, false) : paymentsCommission,
    balanceWarning: f?.balanceWarning ?? null,
  };
}

function cashAcceptor(raw: string | undefined): 'simulated' | 'none' | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw !== 'simulated' && raw !== 'none') throw new ConfigError(`TOLEM_CASH_ACCEPTOR must be simulated or none, got "${raw}"`);
  return raw;
}

function limitRules(f: z.output<typeof zConfigFile>['limits']): LimitRules {
  const one = (l: { min?: number | undefined; max?: number | undefined } | undefined, where: string): AmountLimit => {
    const limit = { min: l?.min ?? null, max: l?.max ?? null };
    if (limit.min !== null && limit.max !== null && limit.min > limit.max) throw new ConfigError(`${where}: min is above max`);
    return limit;
  };
  const map = (m: Record<string, { min?: number | undefined; max?: number | undefined }> | undefined, where: string) =>
    Object.fromEntries(Object.entries(m ?? {}).map(([k, v]) => [k, one(v, `${where}.${k}`)]));
  return { default: one(f, 'limits'), groups: map(f?.groups, 'limits.groups'), services: map(f?.services, 'limits.services') };
}

/** The sandbox demo's admin PIN (a real terminal sets its own in config.json). */
export const SANDBOX_ADMIN_PIN = '0000';

/** The sandbox shows a commission (1 %, at least 20 ₸) so the demo has one; real terminals set theirs. */
function commissionRule(c: { percent?: string | undefined; minimum?: number | undefined } | undefined, sandbox: boolean): CommissionRule {
  if (!c) return sandbox ? { basisPoints: 100, minimum: 20_00 } : { basisPoints: 0, minimum: 0 };
  let basisPoints = 0;
  try {
    basisPoints = parsePercent(c.percent ?? '0');
  } catch (err) {
    throw new ConfigError(`commission.percent: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { basisPoints, minimum: c.minimum ?? 0 };
}

/** The built-in virtual printer the sandbox demo prints to (see main/receipts/virtual-printer.ts). */
export const VIRTUAL_PRINTER = 'virtual';
