/**
 * The configuration, described once: one zod schema for `config.json`, and the table of environment
 * variables, each naming the setting of that schema it overrides. The environment's values are
 * written into the file's settings and the whole is parsed by this one schema, so a value is
 * bounded and checked the same whichever way it came, and refused with the name it was given by.
 */
import { z } from 'zod';
import { zAmountText } from '../../shared/money/amount-schema.js';

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

/** A whole number in [min, max]; its refusal says the range ("must be 100..600000 ms"). */
function wholeIn(min: number, max: number, unit = ''): z.ZodNumber {
  const error = `must be ${min}..${max}${unit}`;
  return z.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(min, { error }).max(max, { error });
}

const zLimit = z.object({ min: money.optional(), max: money.optional() }).strict();
const zCommission = z.object({ percent: z.string().optional(), minimum: money.optional() }).strict();
const httpUrl = z.string().regex(/^https?:\/\/\S+$/, 'must be an http(s):// URL');

export const zConfigFile = z
  .object({
    terminalId: z.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).optional(),
    sandbox: z.boolean().optional(),
    timeZone: z.string().min(1).optional(),
    health: z.object({ port: wholeIn(1, 65535).nullable().optional() }).strict().optional(),
    fleet: z
      .object({
        url: httpUrl.nullable().optional(),
        token: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'is the token `tolem fleet add-terminal` printed').nullable().optional(),
        intervalSeconds: wholeIn(1, 3600, ' s').optional(),
        /** Where a receipt's QR points ("where is my money"): the fleet server's public address. */
        publicUrl: httpUrl.nullable().optional(),
      })
      .strict()
      .optional(),
    /** How many notes the bill validator's cassette holds (the fleet warns when it is nearly full). */
    cashCassetteCapacity: wholeIn(10, 100_000, ' notes').optional(),
    backup: z.object({ dir: z.string().min(1).optional(), everyMinutes: wholeIn(1, 24 * 60).optional(), keep: wholeIn(1, 1000).optional() }).strict().optional(),
    payouts: z
      .object({
        url: z.string().regex(/^https?:\/\/[^\s/]+\/?$/, 'must be a scheme and host, e.g. https://3dsec.berekebank.kz').nullable().optional(),
        userName: z.string().max(30, 'is at most 30 characters (the document\'s limit)').optional(),
        password: z.string().max(30, 'is at most 30 characters (the document\'s limit)').optional(),
        /** Set by the Electron host: the password encrypted by the OS keychain (safeStorage), base64. */
        passwordEncrypted: z.string().regex(/^[A-Za-z0-9+/=]+$/).optional(),
        direct: z.boolean().optional(),
        returnUrl: z.string().url().optional(),
        failUrl: z.string().url().optional(),
        sessionTimeoutSecs: wholeIn(1, 86_400, ' s').optional(),
        timeoutMs: wholeIn(100, LIMITS.requestTimeoutMs, ' ms').optional(),
        notFoundGraceSeconds: wholeIn(1, 7 * 86_400, ' s').optional(),
        commission: zCommission.optional(),
        balanceWarning: money.optional(),
      })
      .strict()
      .optional(),
    processing: z
      .object({
        url: httpUrl.nullable().optional(),
        token: z.string().nullable().optional(),
        tokenEncrypted: z.string().regex(/^[A-Za-z0-9+/=]+$/).optional(),
        tokenHeader: z.string().min(1).optional(),
        requestTimeoutMs: wholeIn(100, LIMITS.requestTimeoutMs, ' ms').optional(),
      })
      .strict()
      .optional(),
    retry: z.object({ initialMs: wholeIn(1, LIMITS.retryMs, ' ms').optional(), maxMs: wholeIn(1, LIMITS.retryMs, ' ms').optional() }).strict().optional(),
    worker: z.object({ concurrency: wholeIn(1, 256).optional() }).strict().optional(),
    offline: z
      .object({ maxPaymentAmount: money.optional(), maxPendingTotal: money.optional(), maxPendingAgeHours: z.number().positive().max(LIMITS.offlineAgeHours, `must be at most ${LIMITS.offlineAgeHours} hours`).optional() })
      .strict()
      .optional(),
    mode: z.enum(['cashier', 'kiosk'], 'must be cashier or kiosk').optional(),
    receipts: z
      .object({
        lang: z.enum(['ru', 'kk'], 'must be ru or kk').optional(),
        printer: z.string().nullable().optional(),
        timeoutMs: wholeIn(100, LIMITS.printTimeoutMs, ' ms').optional(),
        header: z
          .object({ agentName: z.string().optional(), agentBin: z.string().regex(/^\d{12}$/, 'a BIN has 12 digits').or(z.literal('')).optional(), address: z.string().optional(), supportPhone: z.string().optional(), footer: z.array(z.string()).optional() })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    cashAcceptor: z
      .string()
      .regex(/^(simulated|none|(ccnet|id003):\S+)$/, 'must be simulated, none, ccnet:PORT or id003:PORT (ccnet:/dev/ttyUSB0, id003:COM3)')
      .optional(),
    shifts: z
      .object({
        cashier: z.string().trim().min(1).max(100).optional(),
        autoZAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:MM, like 23:55').nullable().optional(),
      })
      .strict()
      .optional(),
    /** The notes a real acceptor takes (its bill table), in tenge: "1000.00". */
    cashNotes: z.array(money).min(1, 'name at least one note').max(24).optional(),
    commission: zCommission.optional(),
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
      .object({ idleTimeoutSeconds: wholeIn(1, 3600, ' s').optional(), finalScreenSeconds: wholeIn(3, 600, ' s').optional(), adminPin: z.string().regex(/^\d{4,12}$/, 'must be 4 to 12 digits').nullable().optional(), kioskWindow: z.boolean().optional() })
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
export type ParsedConfigFile = z.output<typeof zConfigFile>;

/**
 * How a variable's text becomes a setting: a whole number; text (empty: unset); a URL (empty: none,
 * explicitly); a flag (1 or 0, empty: unset).
 */
export type EnvKind = 'int' | 'text' | 'url' | 'flag' | 'list';

export interface EnvVariable {
  name: string;
  /** The setting of config.json it overrides; null: no setting (where the file is, a host's port). */
  setting: string | null;
  kind: EnvKind;
}

/** Every environment variable of the configuration (docs/configuration.md has a row for each; a test holds them together). */
export const ENV_VARIABLES: readonly EnvVariable[] = [
  { name: 'TOLEM_DATA_DIR', setting: null, kind: 'text' },
  { name: 'TOLEM_PROCESSING_URL', setting: 'processing.url', kind: 'url' },
  { name: 'TOLEM_PROCESSING_TOKEN', setting: 'processing.token', kind: 'text' },
  { name: 'TOLEM_PROCESSING_TOKEN_HEADER', setting: 'processing.tokenHeader', kind: 'text' },
  { name: 'TOLEM_SANDBOX', setting: 'sandbox', kind: 'flag' },
  { name: 'TOLEM_TIME_ZONE', setting: 'timeZone', kind: 'text' },
  { name: 'TOLEM_TERMINAL_ID', setting: 'terminalId', kind: 'int' },
  { name: 'TOLEM_REQUEST_TIMEOUT_MS', setting: 'processing.requestTimeoutMs', kind: 'int' },
  { name: 'TOLEM_RETRY_INITIAL_MS', setting: 'retry.initialMs', kind: 'int' },
  { name: 'TOLEM_RETRY_MAX_MS', setting: 'retry.maxMs', kind: 'int' },
  { name: 'TOLEM_WORKER_CONCURRENCY', setting: 'worker.concurrency', kind: 'int' },
  { name: 'TOLEM_HEALTH_PORT', setting: 'health.port', kind: 'int' },
  { name: 'TOLEM_FLEET_URL', setting: 'fleet.url', kind: 'url' },
  { name: 'TOLEM_FLEET_TOKEN', setting: 'fleet.token', kind: 'text' },
  { name: 'TOLEM_FLEET_INTERVAL_SECONDS', setting: 'fleet.intervalSeconds', kind: 'int' },
  { name: 'TOLEM_FLEET_PUBLIC_URL', setting: 'fleet.publicUrl', kind: 'url' },
  { name: 'TOLEM_CASH_CASSETTE_CAPACITY', setting: 'cashCassetteCapacity', kind: 'int' },
  { name: 'TOLEM_BACKUP_DIR', setting: 'backup.dir', kind: 'text' },
  { name: 'TOLEM_BACKUP_EVERY_MINUTES', setting: 'backup.everyMinutes', kind: 'int' },
  { name: 'TOLEM_TERMINAL_MODE', setting: 'mode', kind: 'text' },
  { name: 'TOLEM_RECEIPT_LANG', setting: 'receipts.lang', kind: 'text' },
  { name: 'TOLEM_PRINTER', setting: 'printers', kind: 'text' },
  { name: 'TOLEM_PRINTER_PAPER', setting: 'printers', kind: 'int' },
  { name: 'TOLEM_PRINTER_MODE', setting: 'printers', kind: 'text' },
  { name: 'TOLEM_CASH_ACCEPTOR', setting: 'cashAcceptor', kind: 'text' },
  { name: 'TOLEM_CASH_NOTES', setting: 'cashNotes', kind: 'list' },
  { name: 'TOLEM_AUTO_Z_AT', setting: 'shifts.autoZAt', kind: 'text' },
  { name: 'TOLEM_IDLE_TIMEOUT_SECONDS', setting: 'screens.idleTimeoutSeconds', kind: 'int' },
  { name: 'TOLEM_FINAL_SCREEN_SECONDS', setting: 'screens.finalScreenSeconds', kind: 'int' },
  { name: 'TOLEM_ADMIN_PIN', setting: 'screens.adminPin', kind: 'text' },
  { name: 'TOLEM_PAYOUTS_URL', setting: 'payouts.url', kind: 'url' },
  { name: 'TOLEM_PAYOUTS_USER', setting: 'payouts.userName', kind: 'text' },
  { name: 'TOLEM_PAYOUTS_PASSWORD', setting: 'payouts.password', kind: 'text' },
  { name: 'TOLEM_PAYOUTS_DIRECT', setting: 'payouts.direct', kind: 'flag' },
  { name: 'TOLEM_PAYOUTS_SESSION_SECONDS', setting: 'payouts.sessionTimeoutSecs', kind: 'int' },
  { name: 'TOLEM_PAYOUTS_NOT_FOUND_GRACE_SECONDS', setting: 'payouts.notFoundGraceSeconds', kind: 'int' },
];

/** The variables that set one setting of the schema (the printer's three build one printer: config.ts). */
export const ENV_SETTINGS = ENV_VARIABLES.filter((v): v is EnvVariable & { setting: string } => v.setting !== null && v.setting !== 'printers');

/** A variable's text as the value its setting takes, or why it cannot be one. */
export function envValue(v: EnvVariable, raw: string): { value: unknown } | { problem: string } | null {
  const text = raw.trim();
  switch (v.kind) {
    case 'int':
      if (text === '') return null;
      // Digits only: "1e3", "0x10", " 12abc" are no whole numbers here (Number() would take some).
      return /^\d+$/.test(text) ? { value: Number(text) } : { problem: `must be a whole number, got "${raw}"` };
    case 'flag':
      if (text === '') return null;
      return text === '1' ? { value: true } : text === '0' ? { value: false } : { problem: `must be 1 or 0, got "${raw}"` };
    case 'url':
      return { value: text === '' ? null : text };
    case 'text':
      return text === '' ? null : { value: raw };
    case 'list':
      // Comma-separated: "200.00,500.00,1000.00"; the setting's own schema judges each item.
      return text === '' ? null : { value: text.split(',').map((x) => x.trim()) };
  }
}
