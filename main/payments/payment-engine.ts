/**
 * The life of a payment: validate → journal a draft → check → accept (pay body committed) →
 * pay, repeated with the unchanged body until a final answer. Plain TypeScript: the CLI, the
 * browser host and the Electron host all drive payments through this.
 */
import { describeOutcome, type Outcome, type ProcessingClient, type SendOptions } from '../processing/client.js';
import { isFinalCheckResult, describeResult } from '../../shared/words/result-codes.js';
import { buildPaymentBody, formatAgentDate, type ExtraService } from '../processing/requests.js';
import { zPaymentAnswer, type CatalogService, type PaymentAnswer } from '../processing/schemas.js';
import type { Catalog } from '../catalog/catalog.js';
import { checkInputs, isMobileService, normalizeInputs } from '../../shared/rules/input-validation.js';
import { formatTenge, type Minor } from '../../shared/money/amount.js';
import { invoiceTotal, lineProblem, type LineProblem } from '../../shared/rules/invoice-lines.js';
import { readFixedAmount } from './check-view.js';
import { amountTakenFor, NO_COMMISSION, type CommissionRule } from '../../shared/money/commission.js';
import { describeLimitProblem, learnFromResult, limitFor, limitProblem, NO_LIMITS, type AmountLimit, type LimitRules } from '../../shared/money/limits.js';
import { CashError, type CashBox } from '../cash/cash-box.js';
import { ClockError } from '../base/high-water.js';
import { DEFAULT_TIME_ZONE } from '../base/zone.js';
import { stringifyWire, toPlain, parseWire } from '../base/wire-json.js';
import { NUMBER_MOVED, surelyNotDelivered, type AttemptResult, type Claim, type Journal, type Payment, type PaymentChange } from './payment-journal.js';
import type { ConnectivityMonitor } from '../processing/connectivity.js';
import { crashPoint } from '../base/crash-points.js';
import { decideOffline, type OfflinePolicy } from './offline-policy.js';
import type { OutcomeWriter } from './outcome-writer.js';
import { attemptResultOf, judgePayOutcome, NOT_SENT_MOVED, NOT_SENT_UNCONFIRMED } from './pay-outcome.js';
import { retryDelay, type RetrySchedule } from '../base/retry-schedule.js';

export interface PaymentInput {
  serviceId: string;
  account: string;
  /** Inputs other than `account`, by their catalog names; sent as `extras`. */
  fields?: Record<string, string> | undefined;
  amountTo?: Minor | undefined;
  amountFrom?: Minor | undefined;
  /** For services with choice: the contract chosen from the check's `contracts`. */
  contractId?: string | undefined;
  /** For invoices: the sub-services paid, with amounts and meter readings. */
  items?: ExtraService[] | undefined;
  identityCard?: string | undefined;
  fullName?: string | undefined;
}

export { NUMBER_MOVED } from './payment-journal.js';
/** Tries at confirming a number's operator (processing reachable but its operatorByPhone failing) before a person looks. */
const MAX_OPERATOR_TRIES = 20;

/** A kiosk moves no money it has not taken: a payment is accepted only against the notes inserted for it. */
function kioskNeedsCash(): CashError {
  return new CashError('a kiosk accepts a payment only against the cash inserted for it', 'cash-required');
}

/** Bad input: nothing was sent and nothing is owed. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    readonly problems: string[],
    /** 'before-send': nothing left the machine; 'after-check': only a check was sent, no money moved. */
    readonly stage: 'before-send' | 'after-check' = 'before-send',
  ) {
    super(problems.join('; '));
  }
}

/**
 * Why the terminal will not take a payment now, as a code the screens say in the person's language
 * (the message is for logs and the CLI).
 */
export type RefusalCode =
  | 'offline-disabled' | 'offline-limit' | 'offline-total' | 'offline-age' | 'offline-needs-check' | 'offline-unverifiable'
  | 'auth' | 'printer' | 'clock' | 'journal' | 'disk-full';

/** The terminal will not take this payment now (e.g. offline limits): nothing was sent. */
export class RefusedError extends Error {
  override name = 'RefusedError';
  constructor(
    message: string,
    readonly payment: Payment | null,
    readonly code: RefusalCode | string = 'refused',
  ) {
    super(message);
  }
}

/**
 * The payment was accepted (its pay body committed before anything was sent), then something failed
 * (a full disk while recording the answer, say): its outcome is pending and the terminal delivers it.
 * Never "not accepted": processing may have paid it.
 */
export class AcceptedError extends Error {
  override name = 'AcceptedError';
  constructor(
    readonly payment: Payment,
    override readonly cause: unknown,
  ) {
    super(`the payment ${payment.agentTransactionId} was accepted (journaled before it was sent); its outcome could not be recorded (${cause instanceof Error ? cause.message : String(cause)}): it is pending and will be delivered`);
  }
}

export type CheckResult =
  | { kind: 'ok'; answer: PaymentAnswer }
  | { kind: 'refused'; result: number; message: string }
  | { kind: 'unreachable'; problem: string }
  /** processing refused the terminal's credentials (HTTP 401/403): a configuration fault, never "offline". */
  | { kind: 'unauthorized'; problem: string };

/** HTTP statuses that mean processing refused the terminal's credentials. */
export function isAuthRefusal(outcome: Outcome<unknown>): boolean {
  return outcome.kind === 'http' && (outcome.httpStatus === 401 || outcome.httpStatus === 403);
}

export interface EngineOptions {
  retry: RetrySchedule;
  offline: OfflinePolicy;
  /** How long a claimed payment is held by one process before another may take it over. */
  leaseMs: number;
  /** Asked before any new payment: a reason not to take money now (a kiosk out of paper), or null. */
  refuseNewPayments?: (() => Promise<{ code: string; message: string } | null>) | undefined;
  /** The agent's commission: what the customer pays on top of the amount credited, for every caller. */
  commission?: CommissionRule | undefined;
  /** The zone agentTransactionDate is written in (the agent's, never the OS's). */
  timeZone?: string | undefined;
  /** A kiosk's cash box: cash is linked to its payment in the commit that accepts it. */
  cash?: CashBox | undefined;
  /** A kiosk: no payment is accepted without a cash session that covers it, whoever asks (screen, IPC, CLI). */
  requireCash?: boolean | undefined;
  /** How much each service may credit (configured, and learnt from processing's 241/242). */
  limits?: LimitRules | undefined;
}

export class PaymentEngine {
  constructor(
    readonly journal: Journal,
    readonly client: ProcessingClient,
    readonly catalog: Catalog,
    readonly connectivity: ConnectivityMonitor,
    readonly options: EngineOptions,
    readonly now: () => number = Date.now,
    readonly random: () => number = Math.random,
  ) {}

  /** The input with its values as the service takes them (a phone typed +7 or 8 is ten digits). */
  async normalize(input: PaymentInput): Promise<PaymentInput> {
    const service = await this.catalog.service(input.serviceId);
    if (!service) return input;
    const values = normalizeInputs(service, { ...dataRecord(input.fields), account: input.account });
    const { account = input.account, ...fields } = values;
    return { ...input, account, fields: dataRecord(Object.entries(fields)) };
  }

  /** Validates a payment's inputs against its catalog entry. Sends nothing. */
  async validate(input: PaymentInput, opts: { checkOnly?: boolean } = {}): Promise<{ service: CatalogService; unverifiable: string[] }> {
    const service = await this.catalog.service(input.serviceId);
    if (!service) throw new InputError([`unknown service "${input.serviceId}" (see tolem catalog)`]);
    const problems: string[] = [];
    const values = dataRecord(input.fields);
    values.account = input.account;
    const checked = checkInputs(service, values);
    problems.push(...checked.problems.map((p) => p.message));
    if (input.amountTo !== undefined && input.amountTo <= 0) problems.push('amount must be more than zero');
    if (input.amountFrom !== undefined && input.amountTo !== undefined && input.amountFrom < input.amountTo) {
      problems.push(`amount taken (${formatTenge(input.amountFrom)}) is less than the amount to credit (${formatTenge(input.amountTo)})`);
    }
    if (input.items) {
      const ids = new Set<string>();
      for (const item of input.items) {
        if (ids.has(item.subServiceId)) problems.push(`sub-service ${item.subServiceId} is given twice`);
        ids.add(item.subServiceId);
        if (item.amount <= 0) problems.push(`sub-service ${item.subServiceId}: amount must be more than zero`);
      }
      if (service.type !== 1) problems.push(`${service.serviceId} is not an invoice service; --item does not apply`);
    }
    if (input.contractId !== undefined && service.type !== 2) problems.push(`${service.serviceId} is not a service with contracts; --contract does not apply`);
    if (!opts.checkOnly && input.amountTo === undefined && !input.items?.length) problems.push('amount is required');
    if (problems.length) throw new InputError(problems);
    return { service, unverifiable: checked.unverifiable };
  }

  /** Journals a draft with its check attempt (one commit), then sends check. Answers with the input as normalized. */
  async begin(input0: PaymentInput, opts: { checkOnly?: boolean } = {}): Promise<{ payment: Payment; service: CatalogService; check: CheckResult; unverifiable: string[]; input: PaymentInput }> {
    const input = await this.normalize(input0);
    const { service, unverifiable } = await this.validate(input, opts);
    if (!opts.checkOnly) await this.refuseIfClosed();
    const now = this.now();
    const date = formatAgentDate(now, this.options.timeZone ?? DEFAULT_TIME_ZONE);
    const fields = dataRecord(input.fields);
    let draft: ReturnType<Journal['createDraft']>;
    try {
      draft = this.journal.createDraft(
        { serviceId: service.serviceId, serviceName: service.name, account: input.account, fields, amountTo: input.amountTo ?? null, amountFrom: input.amountFrom ?? input.amountTo ?? null },
        now,
        date,
        (agentTransactionId) =>
          buildPaymentBody({
            serviceId: service.serviceId, account: input.account, agentTransactionId, agentTransactionDate: date,
            identityCard: input.identityCard, fullName: input.fullName, extras: fields,
          }),
      );
    } catch (err) {
      if (err instanceof ClockError) throw new RefusedError(err.message, null, 'clock');
      throw err;
    }
    const { payment, checkAttemptId } = draft;
    crashPoint('after-draft');
    const check = await this.sendCheck(payment, checkAttemptId);
    return { payment: this.journal.mustGet(payment.id), service, check, unverifiable, input };
  }

  /** A reason this terminal takes no payments now (a kiosk that cannot print, say): refused before anything is sent. */
  private async refuseIfClosed(): Promise<void> {
    const refusal = await this.options.refuseNewPayments?.();
    if (refusal) throw new RefusedError(`this terminal does not take payments now: ${refusal.message}`, null, refusal.code);
  }

  /** How much this service may credit in one payment: the agent's configuration narrowed by what processing answered. */
  limitOf(service: Pick<CatalogService, 'serviceId' | 'group'>): AmountLimit {
    return limitFor(this.options.limits ?? NO_LIMITS, this.journal.learnedLimits(), service, this.now());
  }

  /** What the customer pays for `amountTo` under the agent's commission rule (checked for every caller). */
  amountFromFor(amountTo: Minor, given: Minor | undefined, opts: { cash?: boolean; stage?: InputError['stage'] } = {}): Minor {
    const taken = amountTakenFor(amountTo, given, this.options.commission ?? NO_COMMISSION, { cash: opts.cash ?? false });
    if (!taken.ok) throw new InputError([taken.problem], opts.stage ?? 'before-send');
    return taken.amountFrom;
  }

  private async sendCheck(payment: Payment, attemptId: number | null): Promise<CheckResult> {
    if (attemptId === null) throw new Error('no check attempt was journaled');
    const body = this.journal.attempts(payment.id).find((a) => a.id === attemptId)?.request;
    if (!body) throw new Error(`check attempt ${attemptId} has no body`);
    const outcome = await this.client.check(body);
    this.connectivity.report(outcome);
    const checkAnswer = outcome.kind === 'answer' && outcome.result === 0 ? stringifyWire(toPlain(parseWire(outcome.raw))) : null;
    this.journal.recordCheck(payment.id, attemptId, attemptResultOf(outcome), checkAnswer, this.now());
    return this.judgeCheck(outcome, payment);
  }

  private judgeCheck(outcome: Outcome<PaymentAnswer>, payment: Payment): CheckResult {
    if (isAuthRefusal(outcome)) return { kind: 'unauthorized', problem: describeOutcome(outcome) };
    if (outcome.kind !== 'answer') return { kind: 'unreachable', problem: describeOutcome(outcome) };
    if (outcome.result === 0) {
      if (outcome.value.agentTransactionId && outcome.value.agentTransactionId !== payment.agentTransactionId) {
        return { kind: 'unreachable', problem: `check answer is for agentTransactionId ${outcome.value.agentTransactionId}` };
      }
      return { kind: 'ok', answer: outcome.value };
    }
    if (isFinalCheckResult(outcome.result)) return { kind: 'refused', result: outcome.result, message: outcome.resultMessage || describeResult(outcome.result) };
    return { kind: 'unreachable', problem: `result ${outcome.result}: ${describeResult(outcome.result)}` };
  }

  /**
   * Accepts a checked (or, within the offline policy, unchecked) draft: the final pay body is
   * committed with the first pay attempt under this process's lease, before the pay is sent.
   */
  accept(draft: Payment, service: CatalogService, input: PaymentInput, check: CheckResult, unverifiable: string[] = [], opts: { cashSession?: string | undefined; cashReceived?: Minor | undefined; claim?: boolean } = {}): { payment: Payment; attemptId: number | null } {
    const now = this.now();
    if (check.kind === 'refused') throw new Error('a refused check cannot be accepted');
    if (check.kind === 'unauthorized') this.refuseUnauthorized(draft, check);
    const details = this.payDetails(service, input, check.kind === 'ok' ? check.answer : null, { cash: opts.cashSession !== undefined });
    let offline = false;
    let reason = 'accepted after check';
    if (check.kind === 'unreachable') {
      const refusal = this.offlineRefusal(service, input, details.amountFrom, unverifiable, now);
      if (refusal) {
        const closed = this.journal.closeDraft(draft.id, 'abandoned', null, null, `not accepted offline: ${refusal.message}`, now);
        throw new RefusedError(`processing cannot be reached (${check.problem}) and the payment cannot be accepted offline: ${refusal.message}`, closed, refusal.code);
      }
      offline = true;
      reason = `accepted offline: ${check.problem}`;
    }
    const payBody = buildPaymentBody({
      serviceId: draft.serviceId, account: draft.account, agentTransactionId: draft.agentTransactionId, agentTransactionDate: draft.agentTransactionDate,
      amountTo: details.amountTo, amountFrom: details.amountFrom, identityCard: input.identityCard, fullName: input.fullName,
      extras: details.extras, extraServices: details.items,
    });
    const cashSession = opts.cashSession;
    const cash = this.options.cash;
    if (cashSession !== undefined && !cash) throw new InputError(['this terminal has no cash box'], 'before-send');
    // A kiosk moves no money it has not taken: the notes inserted for this payment must cover it (payFor checks the sum).
    if (this.options.requireCash && cashSession === undefined) throw kioskNeedsCash();
    // A cashier's cash: what the customer handed over covers what is taken, and is journaled with the acceptance.
    const cashReceived = opts.cashReceived;
    if (cashReceived !== undefined && cashReceived < details.amountFrom) throw new InputError([`the cash received (${formatTenge(cashReceived)}) is less than the amount to pay (${formatTenge(details.amountFrom)})`], check.kind === 'ok' ? 'after-check' : 'before-send');
    const claim = opts.claim ?? true;
    const { payment, attemptId } = this.journal.acceptDraft(
      draft.id,
      { payBody, amountTo: details.amountTo, amountFrom: details.amountFrom, fields: input.fields ?? {}, offline, reason },
      now,
      claim ? { leaseMs: this.options.leaseMs } : undefined,
      // The kiosk's cash and the acceptance are one commit: refused, nothing is linked; accepted, the cash is its.
      () => {
        if (cashSession !== undefined && cash) cash.payFor(cashSession, draft.id, details.amountFrom);
        if (cashReceived !== undefined) this.journal.setCashReceived(draft.id, cashReceived);
      },
    );
    if (claim && attemptId === null) throw new Error(`payment ${payment.agentTransactionId} could not be claimed`);
    return { payment, attemptId };
  }

  /**
   * Whether a service can be paid while processing cannot be reached, known before any cash is
   * taken: a choice of contract, an invoice, or an input only processing can check needs processing.
   * Null when it can (within the offline limits, judged at acceptance).
   */
  offlineBlocker(service: CatalogService, unverifiable: string[]): { code: RefusalCode; message: string } | null {
    if (this.options.offline.maxPaymentAmount <= 0) return { code: 'offline-disabled', message: 'offline payments are disabled on this terminal' };
    if (unverifiable.length) return { code: 'offline-unverifiable', message: `the input(s) ${unverifiable.join(', ')} of ${service.serviceId} can only be checked by processing` };
    return needsCheck(service, null);
  }

  /** Why an unchecked payment may not be taken now, or null when it may. */
  offlineRefusal(service: CatalogService, input: PaymentInput, amountFrom: Minor, unverifiable: string[], now: number): { code: RefusalCode; message: string } | null {
    if (unverifiable.length) return this.offlineBlocker(service, unverifiable);
    const missing = needsCheck(service, input);
    if (missing) return missing;
    const decision = decideOffline(this.options.offline, amountFrom, this.journal.pendingSummary(), now);
    return decision.accept ? null : { code: decision.code, message: decision.reason };
  }

  /** Amounts, extras and invoice items of the pay body, checked against what check returned. */
  payDetails(service: CatalogService, input: PaymentInput, answer: PaymentAnswer | null, opts: { cash?: boolean } = {}): { amountTo: Minor; amountFrom: Minor; extras: Record<string, string>; items?: ExtraService[] | undefined } {
    const problems: string[] = [];
    const extras: Record<string, string> = dataRecord(input.fields);
    let amountTo = input.amountTo;
    if (answer?.contracts?.length) {
      const ids = answer.contracts.map((c) => c.contractId);
      if (!input.contractId) problems.push(`choose a contract with --contract: ${ids.join(', ')}`);
      else if (!ids.includes(input.contractId)) problems.push(`contract ${input.contractId} is not among ${ids.join(', ')}`);
    }
    if (input.contractId) extras.contractId = input.contractId;
    let items = input.items;
    if (service.type === 1) {
      const invoiceServices = answer?.invoice?.invoices.flatMap((i) => i.services) ?? null;
      if (!items?.length) problems.push(invoiceServices ? `choose invoice lines with --item: ${invoiceServices.map((s) => `${s.subServiceId} (${s.subServiceName})`).join(', ')}` : 'invoice lines (--item) are required');
      else {
        if (invoiceServices) problems.push(...checkItems(items, invoiceServices));
        const sum = invoiceTotal(items.map((i) => i.amount)) ?? 0;
        if (amountTo === undefined) amountTo = sum;
        else if (sum !== amountTo) problems.push(`invoice lines add up to ${formatTenge(sum)}, not ${formatTenge(amountTo)}`);
      }
    } else items = undefined;
    const fixed = answer?.displays?.fixedAmount;
    if (service.fixedPayment && fixed && amountTo !== undefined) {
      const exact = readFixedAmount(fixed);
      if (exact !== null && exact !== amountTo) problems.push(`this service takes exactly ${formatTenge(exact)}`);
    }
    if (amountTo === undefined) problems.push('amount is required');
    else {
      // The agent's configured limits, online and offline, for every caller (what processing taught is the screens' advice).
      const outside = limitProblem(limitFor(this.options.limits ?? NO_LIMITS, null, service), amountTo);
      if (outside) problems.push(describeLimitProblem(outside));
    }
    if (problems.length || amountTo === undefined) throw new InputError(problems, answer ? 'after-check' : 'before-send');
    const amountFrom = this.amountFromFor(amountTo, input.amountFrom, { cash: opts.cash, stage: answer ? 'after-check' : 'before-send' });
    return { amountTo, amountFrom, extras, items };
  }

  /** One pay attempt of a claimed payment: send the committed body, judge, journal. Returns the payment as journaled. */
  async deliver(claim: Claim, send: SendOptions = {}): Promise<Payment> {
    await this.attempt(claim, undefined, send);
    return this.journal.mustGet(claim.payment.id);
  }

  /**
   * One pay attempt; resolves once its outcome is journaled, with what it did to the payment.
   * `send.deadline` cuts the exchange off (a caller's --wait); `send.signal` when the terminal stops.
   */
  async attempt(claim: Claim, writer?: OutcomeWriter, send: SendOptions = {}): Promise<PaymentChange> {
    const p = claim.payment;
    if (!p.payBody) throw new Error(`payment ${p.agentTransactionId} has no pay body`);
    const moved = await this.numberMovedBeforeFirstPay(claim);
    if (moved) {
      if (writer) await writer.write(p.id, claim.attemptId, moved.attempt, moved.change);
      else this.journal.recordPayOutcomes([{ paymentId: p.id, attemptId: claim.attemptId, ...moved }], this.now());
      return moved.change;
    }
    crashPoint('before-pay');
    const outcome = await this.client.pay(p.payBody, send);
    this.connectivity.report(outcome);
    crashPoint('after-answer');
    // The first attempt has no history to look up.
    const history = p.payAttempts <= 1 ? { earlierPossiblyReceived: 0, consecutive202OnRepeat: 0 } : this.journal.payHistory(p.id, claim.attemptId);
    const { attempt, change } = judgePayOutcome(outcome, p, history, this.options.retry, this.now(), this.random);
    // Processing said the amount is outside its limits: the screens say the limit from now on.
    if (outcome.kind === 'answer' && p.amountTo !== null) learnFromResult(this.journal.learnedLimits(), p.serviceId, p.amountTo, outcome.result, this.now());
    if (writer) await writer.write(p.id, claim.attemptId, attempt, change);
    else this.journal.recordPayOutcomes([{ paymentId: p.id, attemptId: claim.attemptId, attempt, change }], this.now());
    crashPoint('after-record');
    return change;
  }

  /**
   * Number portability for a mobile payment accepted offline: before its first pay leaves, processing
   * is asked which operator owns the number now. Unreachable: nothing is sent, it waits. Another
   * operator: nothing is sent and a person decides (pay that operator or give the money back); the
   * screens and the receipt say so from the reason. Null: send the pay as committed.
   */
  private async numberMovedBeforeFirstPay(claim: Claim): Promise<{ attempt: AttemptResult; change: PaymentChange } | null> {
    const p = claim.payment;
    if (!p.offline) return null;
    const service = this.catalog.cachedService(p.serviceId);
    if (!service || !isMobileService(service) || this.journal.payHistory(p.id, claim.attemptId).earlierPossiblyReceived > 0) return null;
    const owner = await this.client.operatorByPhone(p.account.replace(/\D/g, '').slice(-10));
    this.connectivity.report(owner);
    const now = this.now();
    // Processing answered that it knows no operator for it: its pay judges the number as it would online.
    if (owner.kind === 'answer' && owner.result !== 0) return null;
    if (owner.kind !== 'answer') {
      const why = describeOutcome(owner);
      const attempt: AttemptResult = { outcome: 'transport', error: `${NOT_SENT_UNCONFIRMED} (${why})`, elapsedMs: 0, delivered: false };
      if (p.payAttempts >= MAX_OPERATOR_TRIES) {
        return {
          attempt,
          change: { state: 'review', result: null, resultMessage: `Оператор номера ${p.account} не подтверждён: платёж не отправлен`, reason: `the operator of ${p.account} could not be confirmed after ${p.payAttempts} tries (${why}); nothing was sent: a person decides` },
        };
      }
      return {
        attempt,
        change: { state: 'pending', nextAttemptAt: now + retryDelay(this.options.retry, p.payAttempts, this.random), result: null, reason: `waiting: the operator of ${p.account} is confirmed before the first pay (${why})` },
      };
    }
    const to = owner.value.serviceId;
    if (!to || to === p.serviceId) return null;
    const name = this.catalog.cachedService(to)?.name ?? to;
    return {
      attempt: { outcome: 'transport', error: `${NOT_SENT_MOVED} ${name} (${to}) now`, elapsedMs: 0, delivered: false },
      change: { state: 'review', result: null, resultMessage: `Номер ${p.account} теперь обслуживает ${name}, а не ${p.serviceName}: платёж не отправлен, оператор зачислит его ${name} или вернёт деньги`, reason: `${NUMBER_MOVED}: ${p.account} belongs to ${name} (${to}), not ${p.serviceName} (${p.serviceId}); nothing was sent: a person pays ${name} or gives the money back` },
    };
  }

  /**
   * The whole payment as the CLI runs it: journal, check, accept, pay, and repeat until a final
   * state or until `waitMs` has passed (the payment then stays queued for the worker).
   */
  async pay(input0: PaymentInput, waitMs: number): Promise<Payment> {
    // No cash session can be given here: a kiosk refuses before anything is sent (its own refusal, e.g. no paper, first).
    await this.refuseIfClosed();
    if (this.options.requireCash) throw kioskNeedsCash();
    const { payment: draft, service, check, unverifiable, input } = await this.begin(input0);
    try {
      return await this.finish(draft, service, input, check, unverifiable, waitMs);
    } catch (err) {
      if (err instanceof InputError) this.journal.closeDraft(draft.id, 'abandoned', null, null, `not accepted: ${err.message}`, this.now());
      throw err;
    }
  }

  /**
   * Pays a draft checked earlier (a screen: check, the person chooses, then pays), with the same
   * agentTransactionId. Bad choices leave the draft open for the person to correct.
   */
  async payChecked(paymentId: number, choices: Omit<PaymentInput, 'serviceId' | 'account' | 'fields'>, waitMs: number, opts: { cashSession?: string | undefined; cashReceived?: Minor | undefined } = {}): Promise<Payment> {
    const draft = this.journal.mustGet(paymentId);
    if (draft.state !== 'draft') throw new InputError([`payment ${draft.agentTransactionId} is ${draft.state}, not waiting to be paid`]);
    const input: PaymentInput = { ...choices, serviceId: draft.serviceId, account: draft.account, fields: draft.fields };
    const { service, unverifiable } = await this.validate(input);
    await this.refuseIfClosed();
    return this.finish(draft, service, input, this.checkResultOf(draft), unverifiable, waitMs, opts);
  }

  /** What the journaled check of a draft found. */
  checkResultOf(draft: Payment): CheckResult {
    if (draft.checkAnswer) return { kind: 'ok', answer: zPaymentAnswer.parse(parseWire(draft.checkAnswer)) };
    const last = this.journal.attempts(draft.id).filter((a) => a.kind === 'check').at(-1);
    if (last?.outcome === 'answer' && last.result !== null && isFinalCheckResult(last.result)) {
      return { kind: 'refused', result: last.result, message: describeResult(last.result) };
    }
    return { kind: 'unreachable', problem: last?.error ?? (last?.result !== null && last?.result !== undefined ? `result ${last.result}` : 'no answer to check') };
  }

  /** Processing refused the terminal's credentials at check: the draft ends, and nothing can be paid until they are fixed. */
  refuseUnauthorized(draft: Payment, check: Extract<CheckResult, { kind: 'unauthorized' }>): never {
    const closed = this.journal.closeDraft(draft.id, 'abandoned', null, null, `not accepted: processing refused the terminal's credentials (${check.problem})`, this.now());
    throw new RefusedError(authMessage(check.problem), closed, 'auth');
  }

  /**
   * What a check's answer does to its draft when a person only asked (`tolem check`, a screen's
   * check): refused ends it not paid; refused credentials end it and throw; otherwise it stays open
   * for the payment unless `close` (nothing will follow: abandoned).
   */
  settleCheck(draft: Payment, check: CheckResult, opts: { close?: boolean } = {}): Payment {
    if (check.kind === 'unauthorized') this.refuseUnauthorized(draft, check);
    if (check.kind === 'refused') return this.closeRefused(draft, check);
    return opts.close ? this.journal.closeDraft(draft.id, 'abandoned', null, null, 'check only', this.now()) : draft;
  }

  /** A draft whose check processing refused: not paid, and nothing will be sent for it. */
  closeRefused(draft: Payment, check: Extract<CheckResult, { kind: 'refused' }>): Payment {
    if (draft.amountTo !== null) learnFromResult(this.journal.learnedLimits(), draft.serviceId, draft.amountTo, check.result, this.now());
    return this.journal.closeDraft(draft.id, 'failed', check.result, check.message, `check refused: result ${check.result}`, this.now());
  }

  /**
   * Accepts and sends. Errors are reported by stage: before the pay body is committed, the payment was
   * not accepted and nothing was sent; after it, whatever fails (a full disk while recording the
   * answer), the payment is accepted and pending: AcceptedError, never "not accepted".
   */
  private async finish(draft: Payment, service: CatalogService, input: PaymentInput, check: CheckResult, unverifiable: string[], waitMs: number, cash: { cashSession?: string | undefined; cashReceived?: Minor | undefined } = {}): Promise<Payment> {
    if (check.kind === 'refused') return this.closeRefused(draft, check);
    const deadline = this.now() + waitMs;
    // No time to wait: accept and leave it to the worker (nothing is sent from here).
    const accepted = this.accept(draft, service, input, check, unverifiable, { ...cash, claim: waitMs > 0 });
    try {
      if (accepted.attemptId === null) return accepted.payment;
      const payment = await this.deliver({ payment: accepted.payment, attemptId: accepted.attemptId }, { deadline });
      return await this.waitFinal(payment.id, deadline, payment);
    } catch (err) {
      let payment = accepted.payment;
      try {
        payment = this.journal.mustGet(accepted.payment.id);
      } catch {
        // The journal cannot even be read: what was committed at acceptance stands.
      }
      throw new AcceptedError(payment, err);
    }
  }

  /**
   * Repeats a pending payment on its schedule until final or the deadline. When processing refuses
   * connections (it is down), waiting longer cannot help the person in front of the screen: the
   * payment stays queued for the worker and is returned as it is.
   */
  async waitFinal(paymentId: number, deadline: number, last?: Payment): Promise<Payment> {
    let payment = last ?? this.journal.mustGet(paymentId);
    while (payment.state === 'pending') {
      const lastAttempt = this.journal.attempts(paymentId).at(-1);
      if (lastAttempt && surelyNotDelivered(lastAttempt)) break;
      const dueAt = payment.nextAttemptAt ?? this.now();
      const now = this.now();
      if (dueAt > now) {
        if (dueAt > deadline) break;
        await sleep(Math.min(dueAt - now, 1000));
        payment = this.journal.mustGet(paymentId);
        continue;
      }
      if (now >= deadline) break;
      const claim = this.journal.claimPayment(paymentId, now, this.options.leaseMs);
      if (claim) payment = await this.deliver(claim, { deadline });
      else {
        // Another process holds it (the terminal's worker): watch the journal.
        await sleep(200);
        payment = this.journal.mustGet(paymentId);
      }
    }
    return payment;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/**
 * Why a service cannot be paid without processing's check: its contract or its invoice comes from
 * the check. `chosen` is what the person already chose (null before anything is chosen).
 */
function needsCheck(service: CatalogService, chosen: Pick<PaymentInput, 'contractId' | 'items'> | null): { code: RefusalCode; message: string } | null {
  // The exact amount of a fixed-amount service is named by processing's check: unknown offline.
  if (service.fixedPayment) return { code: 'offline-needs-check', message: 'this service takes exactly the amount processing names at check' };
  if (service.type === 2 && !chosen?.contractId) return { code: 'offline-needs-check', message: 'this service needs a contract chosen from processing\'s check' };
  if (service.type === 1 && !chosen?.items?.length) return { code: 'offline-needs-check', message: 'this service needs the invoice from processing\'s check' };
  return null;
}

function checkItems(items: ExtraService[], lines: NonNullable<PaymentAnswer['invoice']>['invoices'][number]['services']): string[] {
  const problems: string[] = [];
  const byId = new Map(lines.map((l) => [l.subServiceId, l]));
  for (const item of items) {
    const line = byId.get(item.subServiceId);
    if (!line) {
      problems.push(`invoice has no line ${item.subServiceId} (lines: ${[...byId.keys()].join(', ')})`);
      continue;
    }
    const rules = { subServiceId: line.subServiceId, minSum: line.data.minSum, maxSum: line.data.maxSum, isMeter: line.data.isMeter, prevCount: line.data.prevCount ?? null };
    const problem = lineProblem(rules, { amount: item.amount, lastCount: item.lastCount ?? '' });
    if (problem) problems.push(describeLineProblem(line.subServiceName, item, problem));
  }
  return problems;
}

/** A line's problem in words for the CLI and logs (the screens say it from the code). */
function describeLineProblem(name: string, item: ExtraService, p: LineProblem): string {
  switch (p.code) {
    case 'amount': return `${name}: amount must be more than zero`;
    case 'min': return `${name}: at least ${formatTenge(p.limit)}`;
    case 'max': return `${name}: at most ${formatTenge(p.limit)}`;
    case 'meterRequired': return `${name} is metered: give the reading as ${item.subServiceId}=AMOUNT:READING`;
    case 'meter': return `${name}: reading "${item.lastCount ?? ''}" is not a number`;
    case 'meterBelow': return `${name}: reading ${item.lastCount ?? ''} is below the previous ${p.previous}`;
    case 'notMetered': return `${name} is not metered; no reading is taken`;
  }
}

/** The words for a processing center that refused the terminal's credentials. */
export function authMessage(problem: string): string {
  return `processing refused this terminal's credentials (${problem}): nothing was taken; the administrator must check the processing token and terminal id (payments already accepted keep being retried)`;
}

/**
 * A record of names chosen by a catalog or a person (input names, extras): no prototype, so a name
 * such as "__proto__" or "constructor" is data like any other, never an object's inherited member.
 */
export function dataRecord(from?: Record<string, string> | Iterable<[string, string]> | undefined): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  if (!from) return out;
  const entries = Symbol.iterator in from ? (from as Iterable<[string, string]>) : Object.entries(from);
  for (const [k, v] of entries) out[k] = v;
  return out;
}


