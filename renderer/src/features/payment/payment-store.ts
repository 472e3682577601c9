/**
 * One payment from the service form to the final screen: inputs (validated by the catalog's
 * regexps with the engine's own rules), check, the scheme's choices (contract, invoice lines),
 * the amount and its commission, cash, pay. Amounts are kept as typed text and computed in tiyn.
 */
import { create } from 'zustand';
import type { CatalogService, CheckView, InvoiceLineView, PaymentJson, QuoteView } from '../../../../shared/ipc/contract';
import type { CashEventView } from '../../../../shared/ipc/views';
import type { FieldProblem } from '../../../../shared/rules/input-validation';
import { decimalText, formatDecimal, typedAmount, tiyn, upToWholeTenge, type Minor } from '../../format/money';
import { call, CallError, onEvent } from '../../ipc/bridge';
import { errorKey, type ErrorWords } from '../../format/error';
import { useCatalog } from '../../state/catalog';
import { useSettings } from '../../state/settings';
import { useStatus } from '../../state/status';
import { acceptNotes, insertNote, stopNotes } from '../../state/device';
import { noteEffect, ownedSlot } from '../../state/note-intake';
import { amountOrNull, invoiceTotal, lineProblem, type LineProblem } from '../../../../shared/rules/invoice-lines';
import { limitProblem } from '../../../../shared/money/limits';

export type Step = 'form' | 'details' | 'paying' | 'final';

export interface LineChoice {
  selected: boolean;
  amount: string;
  lastCount: string;
}

/** What went wrong, as words to say (format/error.ts), never the terminal's own message. */
export type FlowError = ErrorWords;

interface PaymentState {
  step: Step;
  service: CatalogService | null;
  values: Record<string, string>;
  /** Fields the person has left or tried to submit: their problems are shown. */
  shown: Record<string, boolean>;
  focused: string | null;
  /** "This number belongs to Kcell": the form moved to the operator that serves the phone. */
  rerouted: { from: string; to: string } | null;
  check: CheckView | null;
  contractId: string | null;
  lines: Record<string, LineChoice>;
  amount: string;
  quote: QuoteView | null;
  cashReceived: string;
  /** Kiosk: cash inserted so far, tiyn, as the terminal journaled it, and its session. */
  inserted: Minor;
  cashSession: string | null;
  /** Kiosk: the last note was returned (it would have paid more than is due). */
  returned: boolean;
  /** Kiosk: what is still to be inserted before anything can be paid (the terminal's rule), tiyn; 0 when payable. */
  missing: Minor;
  /** Kiosk: the cash inserted went to the attendant (the customer gave up, or paying was refused): how much. */
  handedOver: Minor | null;
  /** The customer's slip for the cash handed over: printed, not printed, or none. */
  slip: 'printed' | 'failed' | null;
  /** Kiosk: the customer asked to cancel with cash in; the screen asks once before handing it over. */
  confirmingCancel: boolean;
  result: PaymentJson | null;
  error: FlowError | null;
  busy: boolean;
  validationReady: boolean;

  start(service: CatalogService): void;
  setValue(name: string, value: string): void;
  focus(name: string | null): void;
  blur(name: string): void;
  submitForm(): Promise<void>;
  chooseContract(id: string): void;
  setLine(id: string, change: Partial<LineChoice>): void;
  setAmount(text: string): void;
  setCashReceived(text: string): void;
  insertCash(note: Minor): Promise<void>;
  /** Kiosk with a bill validator: the device waits for this payment's notes (they arrive as events). */
  acceptNotes(): Promise<void>;
  /** Kiosk with a bill validator: the device stops taking notes for this payment. */
  stopNotes(): Promise<void>;
  /** A note the bill validator stacked or returned, as the terminal told it. */
  noteEvent(e: CashEventView): Promise<void>;
  /** Kiosk: the customer gives up with cash inserted: it goes to the attendant, and the screen says so. */
  handOverCash(reason?: 'cancelled' | 'walked-away'): Promise<void>;
  askCancel(ask: boolean): void;
  /** Enter: pays once the quote for what is typed now is known and everything is ready; else nothing is sent. */
  payWhenReady(mode: 'cashier' | 'kiosk'): Promise<void>;
  pay(mode: 'cashier' | 'kiosk'): Promise<void>;
  /** A background event said this payment changed: fetch it again. */
  refreshResult(): Promise<void>;
  reset(): void;
}

const EMPTY: Omit<PaymentState, 'validationReady' | 'start' | 'setValue' | 'focus' | 'blur' | 'submitForm' | 'chooseContract' | 'setLine' | 'setAmount' | 'setCashReceived' | 'insertCash' | 'acceptNotes' | 'stopNotes' | 'noteEvent' | 'handOverCash' | 'askCancel' | 'payWhenReady' | 'pay' | 'refreshResult' | 'reset'> = {
  step: 'form' as Step,
  service: null,
  values: {},
  shown: {},
  focused: null,
  rerouted: null,
  check: null,
  contractId: null,
  lines: {},
  amount: '',
  quote: null,
  cashReceived: '',
  inserted: 0,
  cashSession: null,
  returned: false,
  missing: 0,
  handedOver: null,
  slip: null,
  confirmingCancel: false,
  result: null,
  error: null,
  busy: false,
};

/**
 * The engine's own validation module (RE2 for the catalog's regexps), loaded after Home is up: it
 * is half the screens' code, and Home does not need it.
 */
type Validation = typeof import('../../../../shared/rules/input-validation');
let validation: Validation | null = null;
let loadingValidation: Promise<Validation> | null = null;
export function loadValidation(): Promise<Validation> {
  loadingValidation ??= import('../../../../shared/rules/input-validation').then((m) => {
    validation = m;
    usePayment.setState({ validationReady: true });
    return m;
  });
  return loadingValidation;
}

/** The customer's language for what the terminal prints (receipts are Russian or Kazakh). */
/**
 * The most a kiosk's cash may reach for this payment: a locked amount (fixed, invoice) takes no more than
 * is due, rounded up to the tenge (tiyn cannot be inserted); a free amount no more than the service's
 * maximum (with the commission). '' when there is no bound; null while a locked amount's total is not known.
 */
export function cashLimit(s: Pick<PaymentState, 'check' | 'lines' | 'amount' | 'service' | 'quote'>): string | null {
  const { amount, locked } = amountToOf(s);
  if (locked && (amount === null || !s.quote)) return null;
  if (locked && s.quote) return formatDecimal(upToWholeTenge(tiyn(s.quote.amountFrom)));
  return s.check?.limits.maxFrom ?? '';
}

export function receiptLang(): 'ru' | 'kk' {
  return useSettings.getState().lang === 'kk' ? 'kk' : 'ru';
}

/** The engine's input rules, once loaded (null until then). */
export function validationRules(): Validation | null {
  return validation;
}

/** Problems of the form as it stands, per field (the same rules the engine applies); none until the rules are loaded. */
export function fieldProblems(service: CatalogService, values: Record<string, string>): Record<string, FieldProblem> {
  const out: Record<string, FieldProblem> = {};
  if (!validation) return out;
  for (const f of service.inputs) {
    const p = validation.checkField(f, values[f.name]?.trim());
    if (p) out[f.name] = p;
  }
  return out;
}

function allLines(check: CheckView | null): InvoiceLineView[] {
  return check?.answer?.invoices?.flatMap((i) => i.lines) ?? [];
}

/** The amount to credit as the screen stands: locked by the scheme, or what the person typed. */
export function amountToOf(s: Pick<PaymentState, 'check' | 'lines' | 'amount' | 'service'>): { amount: Minor | null; locked: boolean } {
  const lines = allLines(s.check);
  if (lines.length) {
    // The bill's chosen lines by the domain's one rule for their total.
    const sum = invoiceTotal(lines.filter((l) => s.lines[l.subServiceId]?.selected).map((l) => typedAmount(s.lines[l.subServiceId]!.amount)));
    return { amount: sum !== null && sum > 0 ? sum : null, locked: true };
  }
  // The terminal gives the fixed amount as decimal text it has already read ("15000.00"), or null.
  const fixed = s.check?.answer?.fixedAmount;
  if (s.service?.fixedPayment && fixed) return { amount: amountOrNull(fixed), locked: true };
  return { amount: typedAmount(s.amount), locked: false };
}

/**
 * Problems of the invoice lines, by the engine's own rule (main/invoice/lines.ts: min/max, meter
 * readings compared exactly, never below the last): the screen only says them.
 */
export function lineProblems(check: CheckView | null, lines: Record<string, LineChoice>): Record<string, LineProblem> {
  const out: Record<string, LineProblem> = {};
  for (const l of allLines(check)) {
    const c = lines[l.subServiceId];
    if (!c?.selected) continue;
    const rules = { subServiceId: l.subServiceId, minSum: amountOrNull(l.minSum) ?? 0, maxSum: amountOrNull(l.maxSum) ?? 0, isMeter: l.isMeter, prevCount: l.prevCount };
    const problem = lineProblem(rules, { amount: typedAmount(c.amount), lastCount: l.isMeter ? c.lastCount : '' });
    if (problem) out[l.subServiceId] = problem;
  }
  return out;
}

/** Why Pay cannot go now (a key of details.why), or null when it can: one rule for the button, Enter and the idle return. */
export interface Readiness {
  ready: boolean;
  why: 'contract' | 'lines' | 'insertAtLeast' | 'amount' | 'total' | 'cash' | 'received';
  /** The typed amount is outside the service's limits. */
  outside: 'min' | 'max' | null;
  /** A kiosk's free amount: how much more to insert before anything is payable, tiyn (0: nothing or unknown). */
  leastToInsert: Minor;
  blocked: boolean;
  unreadableFixed: boolean;
}

export function readiness(s: Pick<PaymentState, 'check' | 'lines' | 'amount' | 'service' | 'quote' | 'inserted' | 'missing' | 'contractId' | 'cashReceived' | 'busy'>, kiosk: boolean): Readiness {
  const check = s.check;
  const answer = check?.answer ?? null;
  const { amount, locked } = amountToOf(s);
  const problems = lineProblems(check, s.lines);
  const needContract = !!answer?.contracts?.length && !s.contractId;
  const limits = check?.limits ?? { min: null, max: null, minFrom: null, maxFrom: null };
  // The domain's own rule for the limits it gave (its decimal text read back as tiyn).
  const outside = !locked && amount !== null && amount > 0 ? (limitProblem({ min: amountOrNull(limits.min), max: amountOrNull(limits.max) }, amount)?.code ?? null) : null;
  const due = s.quote ? tiyn(s.quote.amountFrom) : null;
  const received = typedAmount(s.cashReceived);
  const change = !kiosk && due !== null && received !== null ? received - due : null;
  const kioskFree = kiosk && !locked;
  const cashOk = kiosk ? due !== null && s.inserted >= due && s.inserted > 0 : change !== null && change >= 0;
  const blocked = check?.result === 'unreachable' && check.offlineBlocked !== null;
  const unreadableFixed = answer?.fixedAmountUnreadable === true;
  const leastFrom = kioskFree && limits.minFrom !== null ? tiyn(limits.minFrom) : null;
  const belowLeast = kioskFree && (s.inserted === 0 || s.missing > 0 || (leastFrom !== null && s.inserted < leastFrom));
  const ready = !!check && !blocked && !unreadableFixed && s.quote !== null && !needContract && Object.keys(problems).length === 0 && outside === null && (kioskFree ? !belowLeast : amount !== null && amount > 0) && cashOk && !s.busy;
  const why = needContract ? 'contract' : Object.keys(problems).length ? 'lines' : kioskFree && belowLeast ? 'insertAtLeast' : !kioskFree && (amount === null || amount <= 0 || outside) ? 'amount' : s.quote === null ? 'total' : kiosk ? 'cash' : 'received';
  const leastToInsert = kioskFree ? (s.inserted > 0 && s.missing > 0 ? s.missing : Math.max(0, (leastFrom ?? 0) - s.inserted)) : 0;
  return { ready, why, outside, leastToInsert, blocked, unreadableFixed };
}

let quoteSeq = 0;
/** The quote being asked for the amount as it stands now (Enter waits for it, never for a stale one). */
let quoting: Promise<void> = Promise.resolve();

export const usePayment = create<PaymentState>((set, get) => {
  const fail = (err: unknown) => {
    set({ error: errorKey(err), busy: false });
  };
  /** This payment's cash session, as the validator's queue reads and writes it (the payment is its check). */
  const slot = () => ownedSlot(() => get().check, () => get().cashSession, (cashSession) => set({ cashSession }));
  /** The cash journaled for this payment now, and how much more before it can be paid (the terminal's rule). */
  const counted = async (session: string, inserted: string, returned: boolean) => {
    set({ cashSession: session, inserted: tiyn(inserted), returned, error: null });
    requote();
    const s = get();
    const { locked } = amountToOf(s);
    const due = locked && s.quote ? s.quote.amountFrom : undefined;
    const progress = await call('cash.progress', { inserted, lockedTotal: due, agentTransactionId: s.check?.payment.agentTransactionId });
    set({ missing: tiyn(progress.missing) });
  };
  const requote = () => {
    const s = get();
    const seq = ++quoteSeq;
    const atid = s.check?.payment.agentTransactionId;
    const { amount, locked } = amountToOf(s);
    const kioskFree = s.inserted > 0 && !locked;
    if (!kioskFree && (amount === null || amount <= 0)) {
      set({ quote: null });
      return;
    }
    const args = kioskFree ? { agentTransactionId: atid, amountFrom: formatDecimal(s.inserted) } : { agentTransactionId: atid, amountTo: formatDecimal(amount ?? 0) };
    quoting = call('payment.quote', args).then(
      (quote) => void (seq === quoteSeq && set({ quote })),
      () => void (seq === quoteSeq && set({ quote: null })),
    );
  };
  return {
    ...EMPTY,
    validationReady: false,
    start(service) {
      quoteSeq++;
      set({ ...EMPTY, service, focused: service.inputs[0]?.name ?? null });
    },
    setValue(name, value) {
      set({ values: { ...get().values, [name]: value }, error: null });
    },
    focus(name) {
      set({ focused: name });
    },
    blur(name) {
      if (get().values[name]) set({ shown: { ...get().shown, [name]: true } });
    },
    async submitForm() {
      let service = get().service;
      if (!service || get().busy) return;
      const rules = await loadValidation();
      // As the service takes them: a phone typed +7 or 8 is its ten digits (the engine's own rule).
      const values = rules.normalizeInputs(service, get().values);
      const problems = fieldProblems(service, values);
      if (Object.keys(problems).length) {
        // Nothing is sent: the person sees what to fix under each field.
        set({ shown: Object.fromEntries(service.inputs.map((f) => [f.name, true])) });
        return;
      }
      set({ busy: true, error: null, rerouted: null });
      try {
        if (rules.isMobileService(service) && values.account) {
          const routed = await call('operator.byPhone', { phone: values.account }).catch(() => null);
          const target = routed?.serviceId ? useCatalog.getState().services.find((s) => s.serviceId === routed.serviceId) : undefined;
          if (target && target.serviceId !== service.serviceId) {
            set({ rerouted: { from: service.name, to: target.name }, service: target });
            service = target;
          }
        }
        const { account = '', ...fields } = values;
        const check = await call('payment.check', { serviceId: service.serviceId, account, fields: Object.keys(fields).length ? fields : undefined });
        if (check.result === 'refused') {
          set({ check, result: check.payment, step: 'final', busy: false });
          return;
        }
        // Sums from processing start the fields, written as the person writes them («359,80» in ru and kk).
        const lang = useSettings.getState().lang;
        const lines: Record<string, LineChoice> = {};
        for (const l of allLines(check)) lines[l.subServiceId] = { selected: l.paySum !== null && tiyn(l.paySum) > 0, amount: l.paySum ? decimalText(l.paySum, lang) : '', lastCount: '' };
        const firstContract = check.answer?.contracts?.length === 1 ? (check.answer.contracts[0]?.contractId ?? null) : null;
        // The debt the service's check names is the amount a desk starts from (a kiosk's amount is the cash put in).
        const desk = useStatus.getState().status?.mode !== 'kiosk';
        const debt = desk && check.answer?.debt && !get().amount ? decimalText(check.answer.debt, lang) : get().amount;
        set({ check, lines, contractId: firstContract, step: 'details', busy: false, amount: debt });
        requote();
      } catch (err) {
        fail(err);
      }
    },
    chooseContract(id) {
      const c = get().check?.answer?.contracts?.find((x) => x.contractId === id);
      set({ contractId: id, amount: c?.contractSum && !get().amount ? decimalText(c.contractSum, useSettings.getState().lang) : get().amount });
      requote();
    },
    setLine(id, change) {
      const prev = get().lines[id];
      if (!prev) return;
      set({ lines: { ...get().lines, [id]: { ...prev, ...change } } });
      requote();
    },
    setAmount(text) {
      set({ amount: text, error: null });
      requote();
    },
    setCashReceived(text) {
      set({ cashReceived: text });
    },
    async insertCash(note) {
      const s = get();
      const limit = cashLimit(s);
      if (limit === null) return;
      const mine = slot();
      try {
        const r = await insertNote(mine, formatDecimal(note), limit || undefined);
        if (mine.stillOurs()) await counted(r.session, r.inserted, !r.stacked);
      } catch (err) {
        fail(err);
      }
    },
    async acceptNotes() {
      const s = get();
      const limit = cashLimit(s);
      if (limit === null || s.handedOver !== null) return;
      const mine = slot();
      try {
        const r = await acceptNotes(mine, limit || undefined);
        if (mine.stillOurs()) set({ inserted: tiyn(r.inserted), error: null });
      } catch (err) {
        fail(err);
      }
    },
    async stopNotes() {
      await stopNotes(slot());
    },
    async noteEvent(e) {
      const effect = noteEffect(e, get().cashSession, get().inserted);
      if (effect?.kind === 'returned') set({ returned: true });
      else if (effect) await counted(effect.session, effect.total, effect.returned);
    },
    async handOverCash(reason) {
      const s = get();
      if (!s.cashSession || s.inserted <= 0 || s.busy) return;
      set({ busy: true, confirmingCancel: false });
      let slip: PaymentState['slip'] = null;
      try {
        // Why and for which payment, for the attendant's list; the kiosk prints the customer's slip in their language.
        const r = await call('cash.release', { session: s.cashSession, reason, agentTransactionId: s.check?.payment.agentTransactionId, receiptLang: receiptLang() });
        slip = r.slip;
      } catch {
        // Released or not, the cash is in the journal: the attendant's list shows it.
      }
      set({ handedOver: s.inserted, slip, step: 'final', busy: false });
    },
    askCancel(ask) {
      set({ confirmingCancel: ask });
    },
    async payWhenReady(mode) {
      // Enter acts on what the fields hold now: the quote for the amount as typed is awaited, then the one rule decides.
      let seen = -1;
      while (seen !== quoteSeq) {
        seen = quoteSeq;
        await quoting;
      }
      if (readiness(get(), mode === 'kiosk').ready) await get().pay(mode);
    },
    async pay(mode) {
      const s = get();
      if (!s.check || s.busy) return;
      const { amount, locked } = amountToOf(s);
      const lines = allLines(s.check);
      const items = lines.length
        ? lines.filter((l) => s.lines[l.subServiceId]?.selected).map((l) => {
            const c = s.lines[l.subServiceId]!;
            return { subServiceId: l.subServiceId, amount: formatDecimal(typedAmount(c.amount) ?? 0), ...(l.isMeter && c.lastCount ? { lastCount: c.lastCount } : {}) };
          })
        : undefined;
      const kioskFree = mode === 'kiosk' && !locked;
      const amountTo = kioskFree ? s.quote?.amountTo : amount === null ? undefined : formatDecimal(amount);
      if (!amountTo) return;
      set({ busy: true, error: null, step: 'paying' });
      try {
        const result = await call('payment.pay', {
          agentTransactionId: s.check.payment.agentTransactionId,
          amountTo,
          // A kiosk pays with exactly the cash it holds (see the terminal's rule for a locked amount).
          // A cashier's amountFrom is the terminal's rule for amountTo (never a quote that may be for an older amount).
          amountFrom: mode === 'kiosk' ? formatDecimal(s.inserted) : undefined,
          contractId: s.contractId ?? undefined,
          items,
          cashSession: mode === 'kiosk' ? (s.cashSession ?? undefined) : undefined,
          // A cashier: what the customer handed over (the receipt says it and the change; a refusal, what to give back).
          cashReceived: mode === 'cashier' && typedAmount(s.cashReceived) !== null ? formatDecimal(typedAmount(s.cashReceived)!) : undefined,
          receiptLang: receiptLang(),
        });
        set({ result, step: 'final', busy: false });
      } catch (err) {
        // A kiosk refused after the cash went in (printer, offline limits): the terminal handed the cash to the attendant.
        if (mode === 'kiosk' && s.inserted > 0 && err instanceof CallError && err.code === 'refused') {
          set({ handedOver: s.inserted, step: 'final', busy: false, error: errorKey(err) });
          return;
        }
        set({ step: 'details' });
        fail(err);
      }
    },
    async refreshResult() {
      const r = get().result;
      if (!r) return;
      try {
        set({ result: await call('payment.get', { agentTransactionId: r.agentTransactionId }) });
      } catch {
        // Shown as it was; the journal screen has the rest.
      }
    },
    reset() {
      quoteSeq++;
      set({ ...EMPTY });
    },
  };
});

// Notes the bill validator stacked or returned reach the payment being fed, wherever the screen is.
onEvent((e) => {
  if (e.type === 'cash') void usePayment.getState().noteEvent(e.event);
});
