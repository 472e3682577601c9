/**
 * The processing center emulator (api/v20), as the protocol document describes the real one:
 * catalog, server-side regexp and amount checks, idempotency by agentTransactionId (a repeat
 * returns the earlier result), 202 for a changed repeat while processing goes on, and scripted
 * behaviours per account (sandbox/scripts.ts). It also watches the client: every repeated pay body
 * must be byte-identical to the first, and no id may be paid twice; breaches are recorded.
 */
import { RE2JS } from 're2js';
import { converted, decimalOf, isNum, messageOf, num, readJson, tiynOf, writeJson } from './codec.js';
import { OPERATOR_PREFIXES, SANDBOX_SERVICES, type SandboxService } from './catalog.js';
import { scriptFor, type Script } from './scripts.js';
import type { SandboxStore } from './store.js';

export type Reply =
  | { kind: 'body'; status: number; contentType: string; body: string; delayMs?: number }
  | { kind: 'reset' }
  | { kind: 'hang' }
  | { kind: 'truncated'; body: string };

export interface LedgerEntry {
  agentTransactionId: string;
  serviceId: string;
  account: string;
  amountTo: number;
  amountFrom: number;
  firstPayBody: string;
  payRequests: number;
  step: number;
  state: 'processing' | 'paid' | 'refused';
  result: number | null;
  resultMessage: string;
  transactionId: string | null;
  transactionDate: string | null;
  statusDate: string | null;
  paidCount: number;
}

export interface Violation {
  agentTransactionId: string;
  kind: 'changed-body' | 'second-success';
  detail: string;
  at: number;
}

export interface ProcessingEmulatorOptions {
  store: SandboxStore;
  services?: SandboxService[];
  /** When set, every request must carry it (header as configured). */
  token?: string | null;
  tokenHeader?: string;
  now?: () => number;
  onViolation?: (v: Violation) => void;
}

const TX_BASE = 900_000_000_000_000_000n;
const LEDGER = 'ledger';

export class ProcessingEmulator {
  readonly services: SandboxService[];
  private readonly byId: Map<string, SandboxService>;
  private readonly store: SandboxStore;
  private readonly now: () => number;
  private readonly patterns = new Map<string, RE2JS>();

  constructor(private readonly options: ProcessingEmulatorOptions) {
    this.store = options.store;
    this.services = options.services ?? SANDBOX_SERVICES;
    this.byId = new Map(this.services.map((s) => [s.serviceId, s]));
    this.now = options.now ?? Date.now;
  }

  /** Whether a request is authorised (token configured and carried). */
  authorised(headers: Record<string, string | string[] | undefined>): boolean {
    const token = this.options.token;
    if (!token) return true;
    const header = (this.options.tokenHeader ?? 'Authorization').toLowerCase();
    const value = headers[header];
    const expected = header === 'authorization' ? `Bearer ${token}` : token;
    return value === expected;
  }

  handle(method: string, raw: string): Reply {
    switch (method) {
      case 'services':
        return ok({ services: this.services.map(publicService) }, 'servi\u0441es');
      case 'service': {
        const body = this.parse(raw);
        const id = body && typeof body.serviceId === 'string' ? body.serviceId : null;
        const service = id ? this.byId.get(id) : undefined;
        if (!service) return answer(130, 'service not found');
        return ok({ services: [publicService(service)] }, 'servi\u0441es');
      }
      case 'balance':
        return ok({ agent: this.agent() });
      case 'operatorByPhone': {
        const body = this.parse(raw);
        const phone = body && typeof body.phoneNumber === 'string' ? body.phoneNumber.replace(/\D/g, '').slice(-10) : '';
        const serviceId = OPERATOR_PREFIXES[phone.slice(0, 3)];
        if (phone.length !== 10 || !serviceId) return answer(5, 'operator not found');
        return ok({ serviceId });
      }
      case 'check':
        return this.check(raw);
      case 'pay':
        return this.pay(raw);
      default:
        return { kind: 'body', status: 404, contentType: 'text/plain', body: 'not found' };
    }
  }

  ledger(): LedgerEntry[] {
    return this.store.all<LedgerEntry>(LEDGER);
  }

  entry(agentTransactionId: string): LedgerEntry | undefined {
    return this.store.get<LedgerEntry>(LEDGER, agentTransactionId);
  }

  violations(): Violation[] {
    return this.store.all<Violation>('violations');
  }

  private violation(v: Omit<Violation, 'at'>): void {
    const full = { ...v, at: this.now() };
    this.store.put('violations', `${v.agentTransactionId}:${this.violations().length}`, full);
    this.options.onViolation?.(full);
  }

  private agent(): Record<string, unknown> {
    const spent = this.store.get<number>('meta', 'spent') ?? 0;
    const balance = 509_455_90 - spent;
    return {
      agentId: num('4'),
      agentName: 'Агент песочницы Tolem',
      balance: num(`${decimalOf(balance)}00`),
      overdraft: num('0.0000'),
      notification: num('50000.0000'),
      currency: 'KZT',
    };
  }

  private parse(raw: string): Record<string, unknown> | null {
    try {
      const v = readJson(raw);
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }

  private matches(pattern: string, value: string): boolean {
    let re = this.patterns.get(pattern);
    if (!re) {
      try {
        re = RE2JS.compile(pattern);
      } catch {
        // The processing center's own engine: patterns RE2 cannot run are checked by JS.
        return new RegExp(pattern).test(value.slice(0, 200));
      }
      this.patterns.set(pattern, re);
    }
    return re.matcher(value).find();
  }

  /** Common checks of check and pay. Returns a refusal, or the parsed request. */
  private common(raw: string, amountsRequired: boolean): { refusal: Reply } | { req: Parsed } {
    const body = this.parse(raw);
    if (!body) return { refusal: answer(202, 'request is not a JSON object') };
    const { serviceId, account, agentTransactionId: atid, agentTransactionDate: date } = body;
    if (typeof serviceId !== 'string') return { refusal: answer(202, 'serviceId is required') };
    if (typeof account !== 'string' || account.length > 200) return { refusal: answer(202, 'account is required (up to 200 characters)') };
    if (!isNum(atid) || !/^[1-9]\d{0,17}$/.test(atid.toString())) return { refusal: answer(202, 'agentTransactionId must be an integer of up to 18 digits') };
    if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(date)) return { refusal: answer(202, 'agentTransactionDate must be YYYY-MM-DDThh:mm:ss') };
    const amounts: { amountTo?: number; amountFrom?: number } = {};
    for (const key of ['amountTo', 'amountFrom'] as const) {
      const v = body[key];
      if (v === undefined) continue;
      if (!isNum(v) || !/^\d+\.\d{2}$/.test(v.toString())) return { refusal: answer(202, `${key} must be a number with two decimals, like 200.00`) };
      amounts[key] = tiynOf(v.toString());
    }
    if (amountsRequired && amounts.amountTo === undefined) return { refusal: answer(202, 'amountTo is required') };
    const service = this.byId.get(serviceId);
    if (!service) return { refusal: answer(130, `service ${serviceId} is not available`) };
    const extras = body.extras && typeof body.extras === 'object' ? (body.extras as Record<string, unknown>) : {};
    for (const input of service.inputs) {
      const value = input.name === 'account' ? account : extras[input.name];
      if (value === undefined && !input.required) continue;
      if (typeof value !== 'string' || !this.matches(input.regexp, value)) {
        return { refusal: answer(input.name === 'account' ? 4 : 202, `${input.title}: wrong format`) };
      }
    }
    return { req: { body, service, account, atid: atid.toString(), ...amounts, extras } };
  }

  private check(raw: string): Reply {
    const parsed = this.common(raw, false);
    if ('refusal' in parsed) return parsed.refusal;
    const { service, account, atid } = parsed.req;
    const script = scriptFor(account);
    if (script.kind === 'check-down') return { kind: 'body', status: 503, contentType: 'text/html', body: '<html><body><h1>503 Service Unavailable</h1></body></html>' };
    if (script.kind === 'final' && script.onCheck) return answer(script.code, script.code === 5 ? 'Абонент не найден' : 'Неверный формат');
    const base = { transactionId: num(this.nextTransactionId()), agentTransactionId: num(atid) };
    if (service.type === 2) return ok({ ...base, contracts: contractsFor(account) });
    if (service.type === 1) return ok({ ...base, invoice: { invoices: [invoiceFor(service, account)] } });
    const extra: Record<string, unknown> = {};
    if (service.displays?.length) extra.displays = displaysFor(service, account);
    if (service.international) {
      extra.currencyRate = `Курс конвертации KZT/${service.international.currency} ${service.international.rate.slice(0, 6)}`;
      extra.rate = num(service.international.rate);
      extra.currency = service.international.currency;
      if (parsed.req.amountTo !== undefined) extra.finalAmount = num(converted(parsed.req.amountTo, service.international.rate));
    }
    return ok({ ...base, ...extra });
  }

  private pay(raw: string): Reply {
    const parsed = this.common(raw, true);
    const atidGuess = this.parse(raw)?.agentTransactionId;
    const existing = isNum(atidGuess) ? this.entry(atidGuess.toString()) : undefined;
    if (existing) return this.repeat(existing, raw);
    if ('refusal' in parsed) return parsed.refusal;
    const { service, account, atid, body } = parsed.req;
    const amountTo = parsed.req.amountTo ?? 0;
    const amountFrom = parsed.req.amountFrom ?? amountTo;
    const entry: LedgerEntry = {
      agentTransactionId: atid, serviceId: service.serviceId, account, amountTo, amountFrom, firstPayBody: raw,
      payRequests: 0, step: 0, state: 'processing', result: null, resultMessage: '', transactionId: null,
      transactionDate: null, statusDate: null, paidCount: 0,
    };
    const refusal = this.businessRefusal(service, parsed.req, body, amountTo, amountFrom);
    if (refusal) {
      entry.state = 'refused';
      entry.result = refusal.code;
      entry.resultMessage = refusal.message;
      entry.payRequests = 1;
      this.save(entry);
      return answer(refusal.code, refusal.message);
    }
    return this.advance(entry);
  }

  private businessRefusal(service: SandboxService, req: Parsed, body: Record<string, unknown>, amountTo: number, amountFrom: number): { code: number; message: string } | null {
    if (amountFrom < amountTo) return { code: 202, message: 'amountFrom is less than amountTo' };
    if (amountTo < service.minAmount) return { code: 241, message: `minimum is ${decimalOf(service.minAmount)}` };
    if (amountTo > service.maxAmount) return { code: 242, message: `maximum is ${decimalOf(service.maxAmount)}` };
    if (service.type === 2) {
      const chosen = req.extras.contractId;
      if (typeof chosen !== 'string' || !contractsFor(req.account).some((c) => c.contractId === chosen)) return { code: 202, message: 'extras.contractId is not one of the contracts' };
    }
    if (service.type === 1) {
      const lines = invoiceFor(service, req.account).services;
      const items = body.extraServices;
      if (!Array.isArray(items) || items.length === 0) return { code: 202, message: 'extraServices is required' };
      let sum = 0;
      for (const item of items as Record<string, unknown>[]) {
        const line = lines.find((l) => l.subServiceId === item.subServiceId);
        if (!line) return { code: 202, message: `no sub-service ${String(item.subServiceId)}` };
        if (!isNum(item.amount) || !/^\d+\.\d{2}$/.test(item.amount.toString())) return { code: 202, message: 'extraServices.amount must have two decimals' };
        if (line.data.isMeter && typeof item.lastCount !== 'string') return { code: 202, message: `lastCount is required for ${line.subServiceName}` };
        sum += tiynOf(item.amount.toString());
      }
      if (sum !== amountTo) return { code: 202, message: 'extraServices do not add up to amountTo' };
    }
    const script = scriptFor(req.account);
    if (script.kind === 'final') return { code: script.code, message: messageOf(script.code) };
    return null;
  }

  private repeat(entry: LedgerEntry, raw: string): Reply {
    if (raw !== entry.firstPayBody) {
      this.violation({ agentTransactionId: entry.agentTransactionId, kind: 'changed-body', detail: `first: ${entry.firstPayBody}\nrepeat: ${raw}` });
      if (entry.state === 'processing') return answer(202, 'request data differ from the original; the original goes on');
      return this.finalAnswer(entry);
    }
    if (entry.state !== 'processing') {
      entry.payRequests += 1;
      this.save(entry);
      return this.finalAnswer(entry);
    }
    return this.advance(entry);
  }

  /** The next answer of a payment still being processed, by its script. */
  private advance(entry: LedgerEntry): Reply {
    entry.payRequests += 1;
    const script: Script = scriptFor(entry.account);
    const step = entry.step;
    entry.step += 1;
    const done = (): Reply => {
      this.complete(entry);
      return this.finalAnswer(entry);
    };
    const temporary = (code: number): Reply => {
      this.save(entry);
      return answer(code, 'платёж в обработке', { agentTransactionId: num(entry.agentTransactionId) });
    };
    switch (script.kind) {
      case 'temporary':
        return step < script.times ? temporary(script.code) : done();
      case '202-on-repeat':
        if (step === 0) return temporary(1);
        if (step <= 2) return temporary(202);
        return done();
      case 'http':
        if (step < script.times) {
          this.save(entry);
          return { kind: 'body', status: script.status, contentType: 'text/plain', body: `${script.status} gateway error` };
        }
        return done();
      case 'timeout-once':
        if (step === 0) {
          this.complete(entry);
          return { kind: 'hang' };
        }
        return done();
      case 'reset-once':
        if (step === 0) {
          this.complete(entry);
          return { kind: 'reset' };
        }
        return done();
      case 'truncated-once':
        if (step === 0) {
          this.complete(entry);
          const full = (this.finalAnswer(entry) as { body: string }).body;
          return { kind: 'truncated', body: full.slice(0, Math.floor(full.length / 2)) };
        }
        return done();
      case 'html-once':
        if (step === 0) {
          this.save(entry);
          return { kind: 'body', status: 200, contentType: 'text/html', body: '<!DOCTYPE html><html><body><h1>Proxy error</h1><p>Upstream is not available</p></body></html>' };
        }
        return done();
      case 'wrong-types-once':
        if (step === 0) {
          this.save(entry);
          return { kind: 'body', status: 200, contentType: 'application/json', body: '{"result":"ok","transactionId":{"id":1},"agentTransactionId":[]}' };
        }
        return done();
      case 'hang':
        this.save(entry);
        return { kind: 'hang' };
      case 'slow': {
        const reply = done();
        return reply.kind === 'body' ? { ...reply, delayMs: 3000 } : reply;
      }
      default:
        return done();
    }
  }

  private complete(entry: LedgerEntry): void {
    if (entry.state === 'paid') return;
    entry.state = 'paid';
    entry.result = 0;
    entry.resultMessage = 'Успешно';
    entry.transactionId = this.nextTransactionId();
    const now = new Date(this.now());
    entry.transactionDate = isoLocal(now);
    entry.statusDate = isoLocal(new Date(now.getTime() + 1));
    entry.paidCount += 1;
    if (entry.paidCount > 1) this.violation({ agentTransactionId: entry.agentTransactionId, kind: 'second-success', detail: `paid ${entry.paidCount} times` });
    this.store.put('meta', 'spent', (this.store.get<number>('meta', 'spent') ?? 0) + entry.amountTo);
    this.save(entry);
  }

  private finalAnswer(entry: LedgerEntry): Reply {
    if (entry.state === 'paid') {
      return ok({
        transactionId: num(entry.transactionId ?? '0'),
        transactionDate: entry.transactionDate,
        statusDate: entry.statusDate,
        agentTransactionId: num(entry.agentTransactionId),
      }, undefined, 'Успешно');
    }
    return answer(entry.result ?? 300, entry.resultMessage, { agentTransactionId: num(entry.agentTransactionId) });
  }

  private save(entry: LedgerEntry): void {
    this.store.put(LEDGER, entry.agentTransactionId, entry);
  }

  private nextTransactionId(): string {
    const seq = (this.store.get<number>('meta', 'txseq') ?? 0) + 1;
    this.store.put('meta', 'txseq', seq);
    return (TX_BASE + BigInt(seq) * 7919n).toString();
  }
}

interface Parsed {
  body: Record<string, unknown>;
  service: SandboxService;
  account: string;
  atid: string;
  amountTo?: number;
  amountFrom?: number;
  extras: Record<string, unknown>;
}

function publicService(s: SandboxService): Record<string, unknown> {
  return { serviceId: s.serviceId, type: num(String(s.type)), name: s.name, group: s.group, fixedPayment: s.fixedPayment, country: s.country, inputs: s.inputs, ...(s.displays ? { displays: s.displays } : {}) };
}

function json(status: number, value: unknown): Reply {
  return { kind: 'body', status, contentType: 'application/json; charset=utf-8', body: writeJson(value) };
}

function ok(payload: Record<string, unknown>, renameServicesTo?: string, message = 'ok'): Reply {
  const body: Record<string, unknown> = { result: num('0'), resultMessage: message };
  for (const [k, v] of Object.entries(payload)) body[k === 'services' && renameServicesTo ? renameServicesTo : k] = v;
  return json(200, body);
}

function answer(code: number, message: string, extra: Record<string, unknown> = {}): Reply {
  return json(200, { result: num(String(code)), resultMessage: message, ...extra });
}

function isoLocal(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

function seeded(account: string): number {
  let h = 0;
  for (const ch of account) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}

function displaysFor(service: SandboxService, account: string): Record<string, string> {
  const names = ['Иванов Иван Иванович', 'Әбілқайыр Нұрлан Серікұлы', 'Петрова Анна Сергеевна', 'Жұмабек Әсел Қайратқызы'];
  const who = names[seeded(account) % names.length] ?? 'Иванов Иван Иванович';
  const out: Record<string, string> = {};
  for (const d of service.displays ?? []) {
    if (d.name === 'fio') out.fio = who;
    else if (d.name === 'info') out.info = 'Сумма к оплате 15000.00 тенге';
    else if (d.name === 'fixedAmount') out.fixedAmount = '15000.0000'; // as processing may write it: the terminal reads it (check-view), never the screen
    else if (d.name === 'debt') out.debt = `${(seeded(account) % 9000) + 1000}.00`;
    else out[d.name] = '—';
  }
  return out;
}

export function contractsFor(account: string): { name: string; contractId: string; contractNumber: string; contractSum: string; contractDate: string }[] {
  const base = 587 + (seeded(account) % 100);
  return [0, 1, 2].map((i) => ({
    name: 'Петров',
    contractId: String(base + i).padStart(9, '0'),
    contractNumber: `${i + 1}/00-Ф`,
    contractSum: `${(i + 1) * 1000}.00`,
    contractDate: `2020021${5 + i}000000`,
  }));
}

export function invoiceFor(service: SandboxService, account: string): { invoiceId: string; formedDate: string; expireDate: string; clientName: string; clientAddress: string; services: { subServiceId: string; subServiceName: string; data: Record<string, unknown> & { isMeter: boolean } }[] } {
  const n = (t: string) => num(t);
  return {
    invoiceId: `2020020${account.slice(-9)}`,
    formedDate: '20200201000000',
    expireDate: '20200229000000',
    clientName: 'Иванов Иван Иванович',
    clientAddress: service.serviceId === 'P0008' ? 'Астана, пр. Мәңгілік Ел, 10, кв. 4' : 'микрорайон 2, дом 42, кв.4',
    services: [
      { subServiceId: '36', subServiceName: 'Электроэнергия', data: { paySum: n('359.8'), tariff: n('0.0'), minSum: n('0.0'), maxSum: n('0.0'), debtInfo: '0.00', isMeter: true, prevCount: '4870.00', lastCount: '0.00', si: 'кВт·ч', comment: '' } },
      { subServiceId: '13', subServiceName: 'ТО газа ', data: { paySum: n('80.0'), tariff: n('0.0'), minSum: n('0.0'), maxSum: n('0.0'), debtInfo: '0.00', isMeter: false, prevCount: '0.00', lastCount: '0.00', si: 'тг/плита', comment: '' } },
      { subServiceId: '2', subServiceName: 'Отопление', data: { paySum: n('925.2'), tariff: n('500.0'), minSum: n('0.0'), maxSum: n('0.0'), debtInfo: '0.00', isMeter: false, prevCount: '0.00', lastCount: '0.00', si: 'тг/м2', comment: '' } },
      { subServiceId: '37', subServiceName: 'Водоснабжение', data: { paySum: n('1200.50'), tariff: n('95.5'), minSum: n('100.0'), maxSum: n('50000.0'), debtInfo: '300.00', isMeter: true, prevCount: '112.5', lastCount: '0.00', si: 'м3', comment: 'поверка до 2027' } },
      // Astana-ERC's bill has a fifth line (the screens' layout is checked with five).
      ...(service.serviceId === 'P0008' ? [{ subServiceId: '41', subServiceName: 'Вывоз мусора', data: { paySum: n('450.00'), tariff: n('0.0'), minSum: n('0.0'), maxSum: n('0.0'), debtInfo: '0.00', isMeter: false, prevCount: '0.00', lastCount: '0.00', si: 'тг/чел', comment: '' } }] : []),
    ],
  };
}
