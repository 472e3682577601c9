/**
 * Shift (X, Z) and encashment reports as paper, in Russian and Kazakh: every figure of the report,
 * each difference on its own line with its denomination or payment number.
 */
import type { Minor } from '../../shared/money/amount.js';
import { isShiftReport, type EncashmentReport, type ShiftReport } from '../till/reports.js';
import { receiptDate, receiptHead, tenge, type Receipt, type ReceiptHeader, type ReceiptLang, type ReceiptLine } from './receipt.js';

export interface ReportContext {
  header: ReceiptHeader;
  terminalId: number;
  lang: ReceiptLang;
  timeZone: string;
}

const WORDS = {
  ru: {
    x: 'X-ОТЧЁТ', z: 'Z-ОТЧЁТ (СМЕНА ЗАКРЫТА)', shift: 'Смена №', cashier: 'Кассир', opened: 'Открыта', closed: 'Закрыта', auto: 'автоматически',
    byService: 'Платежи по услугам', count: 'шт.', credited: 'К зачислению', commission: 'Комиссия', taken: 'Принято',
    paid: 'Проведено (оплачено, в обработке, на проверке)', payouts: 'Выплаты на карту', toCards: 'На карты', cashIn: 'Принято наличными',
    cashTaken: 'Всего принято наличными', refunds: 'К возврату клиентам', expected: 'Должно быть в кассе (после возвратов)',
    pending: 'Ещё не проведены', counted: 'Пересчитано', difference: 'Расхождение', none: 'нет',
    encashment: 'ИНКАССАЦИЯ №', encashmentPreview: 'ИНКАССАЦИЯ (ПРЕДВАРИТЕЛЬНО)', period: 'Период', from: 'с', to: 'по', start: 'начала работы',
    notes: 'Купюры (по журналу)', total: 'Итого', payments: 'Оплачено этими деньгами', withoutPayment: 'Наличные без платежа', settled: 'урегулировано',
    unknownNotes: 'Купюры с неизвестной судьбой', notCounted: 'Кассета не пересчитана: расхождение не известно', extra: 'лишних', missing: 'недостаёт',
    startedBy: { menu: 'из сервисного меню', 'cassette-removed': 'кассета извлечена', cli: 'командой tolem encash' },
    states: { success: 'оплачен', pending: 'в обработке', review: 'на проверке', failed: 'отказ', abandoned: 'не принят', paid: 'выплачено', new: 'новая', registered: 'зарегистрирована', declined: 'отклонена', expired: 'истекла' } as Record<string, string>,
  },
  kk: {
    x: 'X-ЕСЕП', z: 'Z-ЕСЕП (АУЫСЫМ ЖАБЫЛДЫ)', shift: 'Ауысым №', cashier: 'Кассир', opened: 'Ашылды', closed: 'Жабылды', auto: 'автоматты түрде',
    byService: 'Қызметтер бойынша төлемдер', count: 'дана', credited: 'Аударылатыны', commission: 'Комиссия', taken: 'Қабылданды',
    paid: 'Өткізілді (төленді, өңделуде, тексеруде)', payouts: 'Картаға төлемдер', toCards: 'Карталарға', cashIn: 'Қолма-қол қабылданды',
    cashTaken: 'Барлығы қолма-қол қабылданды', refunds: 'Клиенттерге қайтарылатыны', expected: 'Кассада болуы тиіс (қайтарымнан кейін)',
    pending: 'Әлі өткізілмеген', counted: 'Қайта саналды', difference: 'Айырма', none: 'жоқ',
    encashment: 'ИНКАССАЦИЯ №', encashmentPreview: 'ИНКАССАЦИЯ (АЛДЫН АЛА)', period: 'Кезең', from: 'бастап', to: 'дейін', start: 'жұмыс басынан',
    notes: 'Банкноттар (журнал бойынша)', total: 'Жиыны', payments: 'Осы ақшамен төленді', withoutPayment: 'Төлемсіз қолма-қол ақша', settled: 'реттелді',
    unknownNotes: 'Тағдыры белгісіз банкноттар', notCounted: 'Кассета саналмады: айырма белгісіз', extra: 'артық', missing: 'жетіспейді',
    startedBy: { menu: 'сервистік мәзірден', 'cassette-removed': 'кассета алынды', cli: 'tolem encash командасымен' },
    states: { success: 'төленді', pending: 'өңделуде', review: 'тексеруде', failed: 'бас тартылды', abandoned: 'қабылданбады', paid: 'төленді', new: 'жаңа', registered: 'тіркелді', declined: 'қабылданбады', expired: 'мерзімі өтті' } as Record<string, string>,
  },
} as const;

const pair = (left: string, right: string, bold = false): ReceiptLine => ({ kind: 'pair', left, right, bold });
const title = (text: string): ReceiptLine => ({ kind: 'text', text, align: 'center', bold: true });
const signed = (m: Minor) => (m > 0 ? `+${tenge(m)}` : tenge(m));

export function shiftReportReceipt(r: ShiftReport, ctx: ReportContext): Receipt {
  const w = WORDS[ctx.lang];
  const date = (ms: number) => receiptDate(new Date(ms), ctx.timeZone);
  const lines: ReceiptLine[] = [...receiptHead(ctx.header, ctx.lang, ctx.terminalId), { kind: 'rule' }];
  lines.push({ kind: 'text', text: r.kind === 'x' ? w.x : w.z, align: 'center', bold: true, big: true });
  lines.push(pair(w.shift, String(r.shift.id)), pair(w.cashier, r.shift.cashier), pair(w.opened, date(r.shift.openedAt)));
  if (r.shift.closedAt !== null) lines.push(pair(w.closed, `${date(r.shift.closedAt)}${r.shift.closedBy === 'auto' ? ` (${w.auto})` : ''}`));
  lines.push({ kind: 'rule' }, title(w.byService));
  if (r.byService.length === 0) lines.push({ kind: 'text', text: w.none });
  for (const g of r.byService) {
    lines.push({ kind: 'text', text: `${g.serviceName} — ${w.states[g.state] ?? g.state}`, bold: true });
    lines.push(pair(`  ${g.count} ${w.count}, ${w.credited}`, tenge(g.amountTo)), pair(`  ${w.commission}`, tenge(g.commission)), pair(`  ${w.taken}`, tenge(g.amountFrom)));
  }
  lines.push({ kind: 'rule' }, title(w.paid), pair(`${r.paid.count} ${w.count}, ${w.credited}`, tenge(r.paid.amountTo)), pair(w.commission, tenge(r.paid.commission)), pair(w.taken, tenge(r.paid.amountFrom), true));
  if (r.payouts.count > 0 || r.payouts.byState.length > 0) {
    lines.push({ kind: 'rule' }, title(w.payouts), pair(`${r.payouts.count} ${w.count}, ${w.toCards}`, tenge(r.payouts.toCards)), pair(w.commission, tenge(r.payouts.commission)), pair(w.cashIn, tenge(r.payouts.cashIn)));
  }
  lines.push({ kind: 'rule' }, pair(w.cashTaken, tenge(r.cashTaken), true));
  lines.push(pair(w.refunds, tenge(r.refundsTotal)));
  for (const f of r.refundsOwed) lines.push(pair(`  ${f.number}`, tenge(f.amount)));
  lines.push(pair(w.expected, tenge(r.cashExpected), true));
  if (r.counted !== null && r.difference !== null) lines.push(pair(w.counted, tenge(r.counted)), pair(w.difference, signed(r.difference), true));
  if (r.pending.length) {
    lines.push({ kind: 'rule' }, title(w.pending));
    for (const p of r.pending) lines.push(pair(`${p.agentTransactionId} ${w.states[p.state] ?? p.state}`, tenge(p.amountFrom)));
  }
  return { lang: ctx.lang, lines, qr: '' };
}

export function encashmentReceipt(r: EncashmentReport, ctx: ReportContext): Receipt {
  const w = WORDS[ctx.lang];
  const date = (ms: number) => receiptDate(new Date(ms), ctx.timeZone);
  const lines: ReceiptLine[] = [...receiptHead(ctx.header, ctx.lang, ctx.terminalId), { kind: 'rule' }];
  lines.push({ kind: 'text', text: r.id === null ? w.encashmentPreview : `${w.encashment}${r.id}`, align: 'center', bold: true, big: true });
  lines.push({ kind: 'text', text: w.startedBy[r.startedBy], align: 'center' });
  lines.push(pair(`${w.period} ${w.from}`, r.from === null ? w.start : date(r.from)), pair(w.to, date(r.to)));
  lines.push({ kind: 'rule' }, title(w.notes));
  for (const n of r.notes) lines.push(pair(`${tenge(n.amount)} × ${n.count}`, tenge(n.sum)));
  lines.push(pair(w.total, tenge(r.total), true));
  if (r.counted === null || r.countedTotal === null) lines.push({ kind: 'text', text: w.notCounted });
  else {
    lines.push(pair(w.counted, tenge(r.countedTotal), true));
    lines.push(pair(w.difference, signed(r.countedTotal - r.total), true));
    for (const d of r.differences) lines.push(pair(`  ${tenge(d.amount)}: ${Math.abs(d.notes)} ${d.notes > 0 ? w.extra : w.missing}`, signed(d.sum)));
  }
  if (r.unknownNotes.length) {
    lines.push({ kind: 'rule' }, title(w.unknownNotes));
    for (const u of r.unknownNotes) lines.push(pair(`${date(u.at)}`, tenge(u.amount)));
  }
  lines.push({ kind: 'rule' }, title(w.payments));
  for (const p of r.payments) lines.push(pair(`${p.agentTransactionId} ${w.states[p.state] ?? p.state}`, tenge(p.amountFrom)));
  for (const o of r.payouts) lines.push(pair(`${o.orderNumber} ${w.states[o.state] ?? o.state}`, tenge(o.amountFrom)));
  lines.push(pair(w.total, tenge(r.paymentsTotal + r.payoutsTotal), true));
  lines.push({ kind: 'rule' }, title(w.withoutPayment));
  if (r.withoutPayment.length === 0) lines.push({ kind: 'text', text: w.none });
  for (const c of r.withoutPayment) lines.push(pair(`${c.payment ?? c.session.slice(0, 8).toUpperCase()}${c.settled ? ` (${w.settled})` : ''}`, tenge(c.total)));
  lines.push(pair(w.total, tenge(r.withoutPaymentTotal), true));
  return { lang: ctx.lang, lines, qr: '' };
}

/** The paper of whichever report it is: a shift's (X or Z) or an encashment's. */
export function tillReportReceipt(r: ShiftReport | EncashmentReport, ctx: ReportContext): Receipt {
  return isShiftReport(r) ? shiftReportReceipt(r, ctx) : encashmentReceipt(r, ctx);
}

/** What a report's printout is called in the printer's log. */
export function tillReportName(r: ShiftReport | EncashmentReport): string {
  return isShiftReport(r) ? `${r.kind} report` : 'encashment report';
}
