/**
 * Validation of inputs by the catalog's regexps with RE2 (linear time): a pattern such as
 * ^(a+)+$ from the catalog can never hang the terminal.
 *
 * A pattern RE2 cannot compile (lookahead, back-references, broken syntax) gets this decision,
 * logged once per pattern: the input cannot be checked here, so it is checked for presence and
 * length only, the service stays usable online (processing checks it at `check`, before any money
 * moves), and offline acceptance is refused for that service because nothing could check it.
 */
import { RE2JS } from 're2js';
import type { CatalogField, CatalogService } from './catalog-service.js';

export const MAX_INPUT_LENGTH = 200;

export type CompiledPattern =
  | { kind: 'none' }
  | { kind: 're2'; source: string; re: RE2JS }
  | { kind: 'unverifiable'; source: string; reason: string };

const cache = new Map<string, CompiledPattern>();
const MAX_CACHE = 20_000;

export type PatternWarning = (pattern: string, reason: string) => void;
// This module also runs in the renderer (the same rules on screen as in the engine): no Node there.
let warn: PatternWarning = (pattern, reason) => {
  if (typeof process !== 'undefined') process.emitWarning(`catalog regexp ${JSON.stringify(pattern)} cannot be checked locally (${reason}); processing will check it`, 'TolemCatalogWarning');
};

/** Where uncompilable-pattern decisions are logged. */
export function setPatternWarning(handler: PatternWarning): void {
  warn = handler;
}

export function compilePattern(source: string | null): CompiledPattern {
  if (source === null || source === '') return { kind: 'none' };
  const hit = cache.get(source);
  if (hit) return hit;
  let compiled: CompiledPattern;
  try {
    compiled = { kind: 're2', source, re: RE2JS.compile(source) };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    compiled = { kind: 'unverifiable', source, reason };
    warn(source, reason);
  }
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(source, compiled);
  return compiled;
}

export interface FieldProblem {
  field: string;
  title: string;
  problem: 'required' | 'too-long' | 'pattern' | 'unknown-field';
  message: string;
}

/** Checks one value against its field; null when it is acceptable. */
export function checkField(field: CatalogField, value: string | undefined): FieldProblem | null {
  const label = field.title || field.name;
  if (value === undefined || value === '') {
    if (field.required) return { field: field.name, title: label, problem: 'required', message: `${field.name} (${label}) is required` };
    return null;
  }
  if (value.length > MAX_INPUT_LENGTH) {
    return { field: field.name, title: label, problem: 'too-long', message: `${field.name} (${label}) is longer than ${MAX_INPUT_LENGTH} characters` };
  }
  const pattern = compilePattern(field.regexp);
  if (pattern.kind === 're2' && !pattern.re.matcher(value).find()) {
    return { field: field.name, title: label, problem: 'pattern', message: `${field.name} (${label}) "${value}" does not match ${pattern.source}` };
  }
  return null;
}

export interface InputCheck {
  problems: FieldProblem[];
  /** Fields whose pattern could not be compiled: checked by processing only. */
  unverifiable: string[];
}

/**
 * A mobile operator's service: its account is a phone number, so number portability applies (the
 * number may have moved to another operator; `operatorByPhone` says which one owns it now).
 */
export function isMobileService(service: Pick<CatalogService, 'group' | 'inputs'>): boolean {
  return /сотов|мобил|mobile|ұялы/i.test(service.group) && service.inputs.some((f) => f.name === 'account' && /^\^?\\d\{10\}\$?$/.test(f.regexp ?? ''));
}

/** A phone number input: exactly ten digits, titled as a phone (a 10-digit account that is not a phone is left alone). */
export function isPhoneField(field: CatalogField): boolean {
  return /^\^?(\\d|\[0-9\])\{10\}\$?$/.test(field.regexp ?? '') && /телефон|phone|ұялы|нөмір/i.test(`${field.title} ${field.name}`);
}

/**
 * What a person typed, as the service takes it: a phone number written +7 701 123 45 67, 8 (701)
 * 123-45-67 or 7011234567 is the same ten digits. Anything else is only trimmed.
 */
export function normalizeInput(field: CatalogField, value: string): string {
  const trimmed = value.trim();
  if (!isPhoneField(field) || !/^[+\d\s()-]+$/.test(trimmed)) return trimmed;
  const digits = trimmed.replace(/\D/g, '');
  return digits.length === 11 && /^[78]/.test(digits) ? digits.slice(1) : digits;
}

/** Every input of a service as the service takes it (see normalizeInput); names not in the catalog are kept as they are. */
export function normalizeInputs(service: CatalogService, values: Record<string, string>): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(values)) {
    const field = service.inputs.find((f) => f.name === name);
    out[name] = field ? normalizeInput(field, value) : value;
  }
  return out;
}

/** "70112345" → "+7 (701) 123-45-__": a phone number as the kiosk's mask shows it while it is typed. */
export function phoneMask(digits: string): string {
  const d = digits.replace(/\D/g, '').slice(0, 10).padEnd(10, '_');
  return `+7 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8, 10)}`;
}

/** A value by its catalog name: only the record's own entries (a name such as "constructor" is data, never inherited). */
export function valueOf(values: Record<string, string>, name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
}

/** Validates every input of a service: `account` plus the extra fields. */
export function checkInputs(service: CatalogService, values: Record<string, string>): InputCheck {
  const problems: FieldProblem[] = [];
  const unverifiable: string[] = [];
  const known = new Set(service.inputs.map((f) => f.name));
  for (const field of service.inputs) {
    const problem = checkField(field, valueOf(values, field.name));
    if (problem) problems.push(problem);
    if (compilePattern(field.regexp).kind === 'unverifiable') unverifiable.push(field.name);
  }
  if (!known.has('account')) {
    // A service without an explicit account input still sends one: it must be present and short.
    const account = valueOf(values, 'account') ?? '';
    if (!account) problems.push({ field: 'account', title: 'account', problem: 'required', message: 'account is required' });
    else if (account.length > MAX_INPUT_LENGTH) problems.push({ field: 'account', title: 'account', problem: 'too-long', message: `account is longer than ${MAX_INPUT_LENGTH} characters` });
  }
  for (const name of Object.keys(values)) {
    if (name !== 'account' && !known.has(name)) {
      const expected = service.inputs.map((f) => f.name).join(', ') || 'account only';
      problems.push({ field: name, title: name, problem: 'unknown-field', message: `${service.serviceId} has no input "${name}" (inputs: ${expected})` });
    }
  }
  return { problems, unverifiable };
}
