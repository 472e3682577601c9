/**
 * How much a service may credit in one payment. The catalog carries no limits, so they come from the
 * agent's configuration (per service, per group, and a default) and from what processing answered
 * before: a 241 ("amount too small") for 30.00 means the minimum is above 30.00, a 242 ("too large")
 * that the maximum is below what was asked. The screens say both before the first note, keep Pay off
 * outside them and return a note that would pass the maximum; the engine refuses outside the
 * configured ones for every caller, online and offline (what processing taught is advice for a day:
 * processing still judges). Integer tiyn throughout.
 */
import { formatDecimal, upToWholeTenge, type Minor } from './amount.js';

export interface AmountLimit {
  min: Minor | null;
  max: Minor | null;
}

export interface LimitRules {
  default: AmountLimit;
  groups: Record<string, AmountLimit>;
  services: Record<string, AmountLimit>;
}

export const NO_LIMITS: LimitRules = { default: { min: null, max: null }, groups: {}, services: {} };

/** Where what processing taught is kept (the journal's meta table): survives restarts. */
export interface LearnedLimits {
  get(serviceId: string): (AmountLimit & { at?: number }) | null;
  set(serviceId: string, limit: AmountLimit & { at: number }): void;
}

/**
 * How long a limit processing taught is believed: processing may change its limits, and a refusal
 * scripted for one account must not close a service for good. Configured limits have no such end.
 */
export const LEARNED_FOR_MS = 24 * 3_600_000;

export const RESULT_TOO_SMALL = 241;
export const RESULT_TOO_LARGE = 242;

/** What processing taught, while it is still believed (null once a day has passed). */
function fresh(stored: (AmountLimit & { at?: number }) | null, now: number): (AmountLimit & { at?: number }) | null {
  return stored && (stored.at === undefined || now - stored.at < LEARNED_FOR_MS) ? stored : null;
}

function pick<K extends keyof AmountLimit>(key: K, ...sources: (AmountLimit | undefined)[]): Minor | null {
  for (const s of sources) if (s && s[key] !== null && s[key] !== undefined) return s[key];
  return null;
}

/** The limit of one service: the configured one (service, then group, then default), narrowed by what processing answered. */
export function limitFor(rules: LimitRules, learned: LearnedLimits | null, service: { serviceId: string; group: string }, now: number = Date.now()): AmountLimit {
  let min = pick('min', rules.services[service.serviceId], rules.groups[service.group], rules.default);
  let max = pick('max', rules.services[service.serviceId], rules.groups[service.group], rules.default);
  const taught = fresh(learned?.get(service.serviceId) ?? null, now);
  if (taught?.min !== null && taught?.min !== undefined) min = min === null ? taught.min : Math.max(min, taught.min);
  if (taught?.max !== null && taught?.max !== undefined) max = max === null ? taught.max : Math.min(max, taught.max);
  return { min, max };
}

/** Whether an amount to credit is outside the limit, and which side. */
export function limitProblem(limit: AmountLimit, amountTo: Minor): { code: 'min' | 'max'; limit: Minor } | null {
  if (limit.min !== null && amountTo < limit.min) return { code: 'min', limit: limit.min };
  if (limit.max !== null && amountTo > limit.max) return { code: 'max', limit: limit.max };
  return null;
}

/** The problem in words for the CLI and logs (the screens say it from the code). */
export function describeLimitProblem(p: { code: 'min' | 'max'; limit: Minor }): string {
  return p.code === 'min' ? `this service credits at least ${formatDecimal(p.limit)} KZT` : `this service credits at most ${formatDecimal(p.limit)} KZT`;
}

/**
 * What a refusal teaches: 241 for `amountTo` → the minimum is at least the next whole tenge above it;
 * 242 → the maximum is at most the whole tenge below it. Only ever narrows what was known.
 */
export function learnFromResult(learned: LearnedLimits, serviceId: string, amountTo: Minor, result: number, now: number = Date.now()): void {
  if (result !== RESULT_TOO_SMALL && result !== RESULT_TOO_LARGE) return;
  const old = fresh(learned.get(serviceId), now) ?? { min: null, max: null };
  if (result === RESULT_TOO_SMALL) {
    const min = upToWholeTenge(amountTo + 1);
    if (old.min === null || min > old.min) learned.set(serviceId, { ...old, min, at: now });
  } else {
    const max = Math.floor((amountTo - 1) / 100) * 100;
    if (max >= 0 && (old.max === null || max < old.max)) learned.set(serviceId, { ...old, max, at: now });
  }
}
