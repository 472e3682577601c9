/**
 * "Where is my money": the page a receipt's QR opens on the fleet server. One payment's state as its
 * terminal last reported it, its reference, sum and time in the agent's zone: no account, name or card.
 * A small page of its own (no script): it opens on any phone.
 */
import { formatReceiptDateTime } from '../base/zone.js';
import { formatMoney } from '../../shared/money/amount.js';
import type { PublicPaymentView } from '../../shared/fleet/views.js';

type Lang = 'ru' | 'kk' | 'en';

const WORDS: Record<Lang, { title: string; reference: string; amount: string; at: string; reported: string; states: Record<string, string>; none: string }> = {
  ru: {
    title: 'Где мой платёж',
    reference: 'Номер платежа',
    amount: 'Сумма',
    at: 'Принят',
    reported: 'Терминал сообщил',
    states: { success: 'Проведён: деньги зачислены получателю', failed: 'Не проведён: за возвратом денег обратитесь к кассиру или по телефону на чеке', review: 'Проверяется: оператор разбирается с платежом, деньги не потеряны', pending: 'Принят и отправляется получателю' },
    none: 'Терминал ещё не сообщил об этом платеже. Пока он отправляется, состояние появится здесь; проверьте номер на чеке.',
  },
  kk: {
    title: 'Төлемім қайда',
    reference: 'Төлем нөмірі',
    amount: 'Сомасы',
    at: 'Қабылданды',
    reported: 'Терминал хабарлады',
    states: { success: 'Өтті: ақша алушыға түсті', failed: 'Өтпеді: қайтару үшін кассирге немесе чектегі телефонға хабарласыңыз', review: 'Тексерілуде: оператор төлемді қарап жатыр, ақша жоғалған жоқ', pending: 'Қабылданды, алушыға жіберілуде' },
    none: 'Терминал бұл төлем туралы әлі хабарламады. Жіберілгенде күйі осында шығады; чектегі нөмірді тексеріңіз.',
  },
  en: {
    title: 'Where is my payment',
    reference: 'Payment reference',
    amount: 'Amount',
    at: 'Accepted',
    reported: 'Reported by the terminal',
    states: { success: 'Paid: the money reached the recipient', failed: 'Not paid: ask the cashier or the phone on the receipt for a refund', review: 'Being checked: an operator is looking into it, the money is not lost', pending: 'Accepted, being sent to the recipient' },
    none: 'The terminal has not reported this payment yet. Its state appears here once it is sent; check the number on the receipt.',
  },
};

export function pageLang(raw: string): Lang {
  const first = raw.toLowerCase().split(',')[0]!.trim().slice(0, 2);
  return first === 'kk' || first === 'en' ? first : 'ru';
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function publicPaymentPage(v: PublicPaymentView, o: { lang: string; timeZone: string }): string {
  const lang = pageLang(o.lang);
  const w = WORDS[lang];
  const rows: [string, string][] = [[w.reference, v.agentTransactionId]];
  if (v.state !== null && v.amount !== null && v.at && v.reportedAt) {
    rows.push([w.amount, formatMoney(Number(v.amount), lang)], [w.at, `${formatReceiptDateTime(Date.parse(v.at), o.timeZone)}`], [w.reported, formatReceiptDateTime(Date.parse(v.reportedAt), o.timeZone)]);
  }
  const verdict = v.state === null ? w.none : (w.states[v.state] ?? v.state);
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(w.title)}</title>
<style>body{font:18px/1.45 system-ui,sans-serif;margin:0;padding:24px;color:#1b1f24;background:#f4f6f8}main{max-width:520px;margin:auto;background:#fff;border-radius:12px;padding:24px}h1{font-size:24px;margin:0 0 16px}p.state{font-size:20px;font-weight:600;margin:0 0 16px}p.state[data-state=success]{color:#1b6e35}p.state[data-state=failed]{color:#a4262c}dl{display:grid;grid-template-columns:auto 1fr;gap:6px 16px;margin:0}dt{color:#555}dd{margin:0;font-variant-numeric:tabular-nums}</style></head>
<body><main><h1>${escape(w.title)}</h1><p class="state" data-state="${escape(v.state ?? 'none')}">${escape(verdict)}</p><dl>${rows.map(([k, x]) => `<dt>${escape(k)}</dt><dd>${escape(x)}</dd>`).join('')}</dl></main></body></html>
`;
}
