/**
 * The processing result codes (Table 1 of processing-protocol-v20) and what each means for a
 * payment. The one place that decides finality.
 */

export interface ResultCodeInfo {
  final: boolean;
  en: string;
  ru: string;
  kk: string;
}

/**
 * Each code with what it means for a payment (`final`) and its words for a person, once for the
 * screens, the receipts and the CLI, in ru, kk and en (the renderer builds its `result.*` words from
 * this table; nothing else holds them).
 */
export const RESULT_CODES: Readonly<Record<number, ResultCodeInfo>> = {
  0: { final: true, en: 'Success', ru: 'Успешно', kk: 'Сәтті' },
  1: { final: false, en: 'Payment in progress', ru: 'Платёж в обработке', kk: 'Төлем өңделуде' },
  4: { final: true, en: 'Wrong format of the number or account', ru: 'Неверный формат номера или счёта', kk: 'Нөмір немесе шот пішімі қате' },
  5: { final: true, en: 'Subscriber not found', ru: 'Абонент не найден', kk: 'Абонент табылмады' },
  7: { final: true, en: 'The provider does not accept this payment', ru: 'Приём платежа запрещён поставщиком', kk: 'Төлем қабылдауға жеткізуші тыйым салды' },
  8: { final: true, en: 'Payment refused for technical reasons', ru: 'Приём платежа запрещён по техническим причинам', kk: 'Төлем қабылдауға техникалық себептермен тыйым салынған' },
  130: { final: true, en: 'Service not supported', ru: 'Услуга не поддерживается', kk: 'Қызмет қолдау көрсетілмейді' },
  153: { final: false, en: 'Payment under security review', ru: 'Платёж на проверке безопасности', kk: 'Төлем қауіпсіздік тексеруінде' },
  155: { final: true, en: 'Payments to this service are forbidden', ru: 'Платежи в пользу этой услуги запрещены', kk: 'Бұл қызметке төлем жасауға тыйым салынған' },
  202: { final: true, en: 'Request data error', ru: 'Ошибка данных запроса', kk: 'Сұраныс деректерінде қате' },
  215: { final: true, en: 'A payment with this number exists already', ru: 'Платёж с таким номером уже есть', kk: 'Мұндай нөмірлі төлем бар' },
  220: { final: false, en: 'The agent has insufficient funds', ru: 'У агента недостаточно средств', kk: 'Агенттің қаражаты жеткіліксіз' },
  241: { final: true, en: 'Amount too small', ru: 'Сумма слишком мала', kk: 'Сома тым аз' },
  242: { final: true, en: 'Amount too large', ru: 'Сумма слишком велика', kk: 'Сома тым көп' },
  250: { final: true, en: 'Agent balance was not topped up', ru: 'Баланс агента не пополнен', kk: 'Агент балансы толтырылмаған' },
  255: { final: false, en: 'Invalid additional commission', ru: 'Неверная дополнительная комиссия', kk: 'Қосымша комиссия қате' },
  300: { final: true, en: 'Other provider error', ru: 'Другая ошибка поставщика', kk: 'Жеткізушінің басқа қатесі' },
};

/** The words of every code in one language, as the screens' i18n takes them ({ "4": "…" }). */
export function resultWords(lang: 'ru' | 'kk' | 'en'): Record<string, string> {
  return Object.fromEntries(Object.entries(RESULT_CODES).map(([code, info]) => [code, info[lang]]));
}

/** Temporary states of a pay request, after which a 202 is not final (protocol note to Table 1). */
export const TEMPORARY_PAY_CODES: ReadonlySet<number> = new Set([1, 153, 220, 255]);

export type PayVerdict =
  /** result 0: money credited. */
  | { kind: 'success' }
  /** a final refusal: the payment did not go through and never will with this id. */
  | { kind: 'failed' }
  /** not final: repeat the unchanged request later. */
  | { kind: 'retry' }
  /** a machine cannot decide: a person must (see docs/operating.md, "review"). */
  | { kind: 'review'; reason: string };

export interface PayHistory {
  /** Earlier pay requests of this payment that processing may have received (answered or not). */
  earlierPossiblyReceived: number;
  /** Consecutive 202 answers to repeats, before this one. */
  consecutive202OnRepeat: number;
}

/** How many 202 answers to repeats are tolerated before a person must look (the body never changes). */
export const MAX_202_ON_REPEAT = 10;

/** What a pay answer with this result code means for the payment. */
export function judgePayResult(code: number, history: PayHistory): PayVerdict {
  if (code === 0) return { kind: 'success' };
  if (code === 202) {
    if (history.earlierPossiblyReceived === 0) return { kind: 'failed' };
    if (history.consecutive202OnRepeat + 1 >= MAX_202_ON_REPEAT) {
      return { kind: 'review', reason: `202 answered to ${MAX_202_ON_REPEAT} repeats of an unchanged body` };
    }
    return { kind: 'retry' };
  }
  if (code === 215) {
    return { kind: 'review', reason: '215: processing holds another transaction with this agentTransactionId' };
  }
  const info = RESULT_CODES[code];
  if (!info) return { kind: 'review', reason: `result code ${code} is not in the protocol's table` };
  return info.final ? { kind: 'failed' } : { kind: 'retry' };
}

/** Whether a check answer with this code is final (check has no money at stake; 202 is final). */
export function isFinalCheckResult(code: number): boolean {
  return RESULT_CODES[code]?.final ?? false;
}

export function describeResult(code: number, lang: 'en' | 'ru' | 'kk' = 'en'): string {
  return RESULT_CODES[code]?.[lang] ?? `result ${code}`;
}
