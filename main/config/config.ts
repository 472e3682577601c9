/**
 * Configuration: `config.json` in the data directory, overridden by environment variables (both
 * read by the one schema of schema.ts), resolved here with the defaults and the rules that join
 * settings. Bad configuration is refused with the field that is wrong; it never half-works.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ENV_SETTINGS, envValue, zConfigFile, type ParsedConfigFile } from './schema.js';
import { assertTerminalId } from '../base/agent-transaction-id.js';
import type { OfflinePolicy } from '../payments/offline-policy.js';
import { validateSchedule, type RetrySchedule } from '../base/retry-schedule.js';
import { parsePercent, type CommissionRule } from '../../shared/money/commission.js';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../base/zone.js';
import type { AmountLimit, LimitRules } from '../../shared/money/limits.js';
import type { Minor } from '../../shared/money/amount.js';

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
  /** The loopback health endpoint a watchdog polls (`tolem start`): its port on 127.0.0.1, or null for none. */
  health: { port: number | null };
  /** The fleet server this terminal reports to (main/fleet-link): null url, none (the default). */
  fleet: { url: string | null; token: string | null; intervalMs: number; publicUrl: string | null };
  /** Notes the cassette holds: the fleet warns at 90 %. */
  cashCassetteCapacity: number;
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
    /** The token as the Electron host's keychain encrypted it (config.json); decrypted by that host only. */
    tokenEncrypted: string | null;
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
    /** A kiosk's last screen of a payment or payout (with the customer's number on it) goes back to Home this soon, without asking. */
    finalScreenMs: number;
    /** The PIN that takes a kiosk out of kiosk mode (digits); null: no way out from the screen. */
    adminPin: string | null;
    /** Electron: full screen kiosk window. */
    kioskWindow: boolean;
  };
  /**
   * A kiosk's cash device: the simulated note acceptor of the demo ("insert 1000 ₸" buttons), a bill
   * validator on a serial port (CCNET or ID003, `cashPort`), or none.
   */
  cashAcceptor: 'simulated' | 'none' | 'ccnet' | 'id003';
  /** The serial port of a real acceptor (/dev/ttyUSB0, COM3); null for simulated or none. */
  cashPort: string | null;
  /** The notes a real acceptor takes (its bill table), tiyn, largest first. */
  cashNotes: Minor[];
  /** A payment point's shifts: the name a shift the terminal opens itself carries, and the automatic Z (agent's time of day). */
  shifts: { cashier: string; autoZAt: string | null };
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

export { LIMITS, type ConfigFile } from './schema.js';

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

/** One setting's value, at its dotted path. */
function setAt(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let node = target;
  for (const k of keys.slice(0, -1)) {
    const next = node[k];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[k] = {};
    node = node[k] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
}

/**
 * config.json with the environment written over it (each variable into the setting it names), parsed
 * by the one schema. A refusal names where the value came from: the variable, or the file's field.
 */
function readSettings(env: NodeJS.ProcessEnv, file: string, json: unknown): ParsedConfigFile {
  const isObject = typeof json === 'object' && json !== null && !Array.isArray(json);
  if (json !== undefined && !isObject) throw new ConfigError(`${file} must hold one JSON object of settings`);
  const merged: Record<string, unknown> = isObject ? structuredClone(json as Record<string, unknown>) : {};
  const fromEnv = new Map<string, { name: string; raw: string }>();
  for (const v of ENV_SETTINGS) {
    const raw = env[v.name];
    if (raw === undefined) continue;
    const read = envValue(v, raw);
    if (read === null) continue;
    if ('problem' in read) throw new ConfigError(`${v.name} ${read.problem}`);
    setAt(merged, v.setting, read.value);
    fromEnv.set(v.setting, { name: v.name, raw });
  }
  const parsed = zConfigFile.safeParse(merged);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => {
    const at = i.path.join('.');
    // A list's item (TOLEM_CASH_NOTES' second note) is the list's variable's problem.
    const source = fromEnv.get(at) ?? fromEnv.get(i.path.filter((k) => typeof k !== 'number').join('.'));
    if (source) return `${source.name} ${i.message}, got ${source.raw}`;
    const got = i.path.reduce<unknown>((node, k) => (typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[k as PropertyKey] : undefined), merged);
    return `${at || '(root)'} ${i.message}${typeof got === 'number' || typeof got === 'string' ? `, got ${JSON.stringify(got)}` : ''}`;
  });
  throw new ConfigError(fromEnv.size && problems.every((p) => /^TOLEM_/.test(p)) ? problems.join('; ') : `${file}: ${problems.join('; ')}`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): TolemConfig {
  const dataDir = defaultDataDir(env);
  const file = path.join(dataDir, 'config.json');
  const configured = fs.existsSync(file);
  let json: unknown;
  if (configured) {
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new ConfigError(`${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const c = readSettings(env, file, json);

  const url = c.processing?.url ?? null;
  const sandboxChosen = c.sandbox === true;
  if (sandboxChosen && url !== null) throw new ConfigError(`the sandbox was chosen (TOLEM_SANDBOX or "sandbox" in ${file}) and a processing URL is set (${url}): choose one`);
  // Never a silent default for a terminal someone configured: a lost URL must not take real cash against an emulator.
  if (url === null && !sandboxChosen && configured) {
    throw new ConfigError(`no processing URL is set: ${file} exists, so this terminal is configured; set "processing.url" there or TOLEM_PROCESSING_URL (or choose the demo sandbox explicitly: --sandbox, TOLEM_SANDBOX=1 or "sandbox": true)`);
  }
  const sandboxBecause = url !== null ? null : sandboxChosen ? 'chosen' : 'unconfigured';
  const timeZone = c.timeZone ?? DEFAULT_TIME_ZONE;
  if (!isTimeZone(timeZone)) throw new ConfigError(`time zone "${timeZone}" is not an IANA zone such as Asia/Almaty (TOLEM_TIME_ZONE or "timeZone")`);
  const terminalId = c.terminalId ?? (url === null ? DEFAULTS.sandboxTerminalId : undefined);
  if (terminalId === undefined) {
    throw new ConfigError('a terminal id is required with a real processing center: set TOLEM_TERMINAL_ID or "terminalId" in config.json (unique among the agent\'s terminals, 1..99999)');
  }
  try {
    assertTerminalId(terminalId);
  } catch (err) {
    throw new ConfigError(err instanceof Error ? err.message : String(err));
  }
  const requestTimeoutMs = c.processing?.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs;
  const retry: RetrySchedule = { initialMs: c.retry?.initialMs ?? DEFAULTS.retryInitialMs, maxMs: c.retry?.maxMs ?? DEFAULTS.retryMaxMs };
  // Only the initial interval given, above the default maximum: the maximum follows it.
  if (retry.maxMs < retry.initialMs && c.retry?.maxMs === undefined) retry.maxMs = retry.initialMs;
  try {
    validateSchedule(retry);
  } catch (err) {
    throw new ConfigError(`${err instanceof Error ? err.message : String(err)} (TOLEM_RETRY_INITIAL_MS, TOLEM_RETRY_MAX_MS or retry.*)`);
  }

  const printers: PrinterProfile[] = (c.printers ?? []).map((p) => ({
    name: p.name, interface: p.interface, paper: p.paper ?? 80, mode: p.mode ?? 'raster', codePages: p.codePages ?? ['cp866'],
  }));
  const envPrinter = env.TOLEM_PRINTER?.trim() ?? '';
  // "virtual" is the built-in virtual printer; anything else must say where the printer is. A bare
  // word would be a file of that name in whatever directory the terminal was started from.
  if (envPrinter && envPrinter !== VIRTUAL_PRINTER && !/^(tcp:\/\/\S+|printer:\S.*|\/\S+|COM\d+|\\\\\.\\\S+)$/i.test(envPrinter)) {
    throw new ConfigError(`TOLEM_PRINTER must be tcp://HOST:PORT, printer:NAME, a device path (/dev/usb/lp0, COM3) or virtual, got "${envPrinter}"`);
  }
  if (envPrinter && envPrinter !== VIRTUAL_PRINTER) {
    printers.unshift({ name: 'env', interface: envPrinter, paper: env.TOLEM_PRINTER_PAPER === '58' ? 58 : 80, mode: env.TOLEM_PRINTER_MODE === 'text' ? 'text' : 'raster', codePages: ['cp866', 'kz1048'] });
  }
  const names = new Set<string>();
  for (const p of printers) {
    if (names.has(p.name)) throw new ConfigError(`two printers are named "${p.name}"`);
    names.add(p.name);
  }
  // The sandbox demo prints to the built-in virtual printer unless told otherwise.
  let printerName: string | null = envPrinter === VIRTUAL_PRINTER ? VIRTUAL_PRINTER : envPrinter ? 'env' : c.receipts?.printer !== undefined ? c.receipts.printer : (printers[0]?.name ?? (url === null ? VIRTUAL_PRINTER : null));
  if (printerName !== null && printerName !== VIRTUAL_PRINTER && !names.has(printerName)) throw new ConfigError(`receipts.printer "${printerName}" is not one of the printers`);
  if (printerName === '') printerName = null;
  const mode = c.mode ?? 'cashier';
  return {
    dataDir,
    journalFile: path.join(dataDir, 'journal.sqlite'),
    terminalId,
    sandbox: sandboxBecause !== null,
    sandboxBecause,
    timeZone,
    payouts: payoutsConfig(c.payouts, commissionRule(c.commission, url === null)),
    health: { port: c.health?.port ?? null },
    fleet: fleetConfig(c.fleet),
    cashCassetteCapacity: c.cashCassetteCapacity ?? 1000,
    backup: {
      dir: path.resolve(dataDir, c.backup?.dir ?? 'backups'),
      everyMinutes: c.backup?.everyMinutes ?? 60,
      keep: c.backup?.keep ?? 48,
    },
    processing: {
      url,
      token: c.processing?.token ?? null,
      tokenEncrypted: c.processing?.tokenEncrypted ?? null,
      tokenHeader: c.processing?.tokenHeader ?? 'Authorization',
      requestTimeoutMs,
    },
    retry,
    worker: { concurrency: c.worker?.concurrency ?? DEFAULTS.concurrency },
    offline: {
      maxPaymentAmount: c.offline?.maxPaymentAmount ?? DEFAULTS.offlineMaxPayment,
      maxPendingTotal: c.offline?.maxPendingTotal ?? DEFAULTS.offlineMaxTotal,
      maxPendingAgeMs: (c.offline?.maxPendingAgeHours ?? DEFAULTS.offlineMaxAgeHours) * 3_600_000,
    },
    leaseMs: requestTimeoutMs + 15_000,
    mode,
    receipts: {
      lang: c.receipts?.lang ?? 'ru',
      printer: printerName,
      timeoutMs: c.receipts?.timeoutMs ?? 5_000,
      header: {
        agentName: c.receipts?.header?.agentName ?? (url === null ? 'Tolem (песочница)' : ''),
        agentBin: c.receipts?.header?.agentBin ?? '',
        address: c.receipts?.header?.address ?? '',
        supportPhone: c.receipts?.header?.supportPhone ?? '',
        footer: c.receipts?.header?.footer ?? [],
      },
    },
    printers,
    commission: commissionRule(c.commission, url === null),
    limits: limitRules(c.limits),
    ...cashDevice(c.cashAcceptor ?? (url === null ? 'simulated' : 'none')),
    cashNotes: [...new Set(c.cashNotes ?? DEFAULT_CASH_NOTES)].sort((a, b) => b - a),
    shifts: { cashier: c.shifts?.cashier ?? 'Кассир', autoZAt: c.shifts?.autoZAt ?? null },
    screens: {
      idleTimeoutMs: (c.screens?.idleTimeoutSeconds ?? 90) * 1000,
      finalScreenMs: (c.screens?.finalScreenSeconds ?? 20) * 1000,
      adminPin: c.screens?.adminPin !== undefined ? c.screens.adminPin : url === null ? SANDBOX_ADMIN_PIN : null,
      kioskWindow: c.screens?.kioskWindow ?? mode === 'kiosk',
    },
  };
}

/** The notes of the tenge a bill validator takes by default (coins are not notes), tiyn. */
export const DEFAULT_CASH_NOTES: Minor[] = [20_000_00, 10_000_00, 5_000_00, 2_000_00, 1_000_00, 500_00, 200_00];

function cashDevice(setting: string): Pick<TolemConfig, 'cashAcceptor' | 'cashPort'> {
  const m = /^(ccnet|id003):(.+)$/.exec(setting);
  if (m) return { cashAcceptor: m[1] as 'ccnet' | 'id003', cashPort: m[2]! };
  return { cashAcceptor: setting as 'simulated' | 'none', cashPort: null };
}

function payoutsConfig(f: ParsedConfigFile['payouts'], paymentsCommission: CommissionRule): TolemConfig['payouts'] {
  const url = f?.url ?? null;
  const userName = f?.userName ?? null;
  const password = f?.password ?? null;
  if (url !== null && (!userName || (!password && !f?.passwordEncrypted))) throw new ConfigError('a payouts URL needs TOLEM_PAYOUTS_USER and TOLEM_PAYOUTS_PASSWORD (or payouts.userName / payouts.password in config.json)');
  return {
    url: url?.replace(/\/+$/, '') ?? null,
    userName,
    password,
    passwordEncrypted: f?.passwordEncrypted ?? null,
    direct: f?.direct === true,
    returnUrl: f?.returnUrl ?? null,
    failUrl: f?.failUrl ?? null,
    sessionTimeoutSecs: f?.sessionTimeoutSecs ?? 1200,
    timeoutMs: f?.timeoutMs ?? 30_000,
    notFoundGraceMs: (f?.notFoundGraceSeconds ?? 900) * 1000,
    commission: f?.commission ? commissionRule(f.commission, false) : paymentsCommission,
    balanceWarning: f?.balanceWarning ?? null,
  };
}

function limitRules(f: ParsedConfigFile['limits']): LimitRules {
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

/** The built-in virtual printer the sandbox demo prints to (see dev/virtual-printer.ts). */
export const VIRTUAL_PRINTER = 'virtual';

function fleetConfig(f: ParsedConfigFile['fleet']): TolemConfig['fleet'] {
  const url = f?.url ?? null;
  if (url !== null && !f?.token) throw new ConfigError('fleet.url is set but fleet.token is not: give the token `tolem fleet add-terminal` printed for this terminal (TOLEM_FLEET_TOKEN)');
  return { url, token: url ? (f?.token ?? null) : null, intervalMs: (f?.intervalSeconds ?? 30) * 1000, publicUrl: f?.publicUrl ?? null };
}
