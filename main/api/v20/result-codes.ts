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

export const RESULT_CODES: Readonly<Record<number, ResultCodeInfo>> = {
  0: { final: true, en: 'success', ru: 'успешно', kk: 'сәтті' },
  1: { final: false, en: 'in progress, will be repeated', ru: 'запрос в обработке', kk: 'сұрау өңделуде' },
  4: { final: true, en: 'wrong format of the subscriber id', ru: 'неверный формат идентификатора абонента', kk: 'абонент идентификаторының пішімі қате' },
  5: { final: true, en: 'subscriber id not found', ru: 'идентификатор абонента не найден', kk: 'абонент идентификаторы табылмады' },
  7: { final: true, en: 'payment forbidden by the provider', ru: 'приём платежа запрещён провайдером', kk: 'төлемді провайдер қабылдамайды' },
  8: { final: true, en: 'payment forbidden for technical reasons', ru: 'приём платежа запрещён по техническим причинам', kk: 'төлем техникалық себептермен қабылданбайды' },
  130: { final: true, en: 'service not implemented', ru: 'работа с данным сервисом не реализована', kk: 'бұл қызмет іске асырылмаған' },
  153: { final: false, en: 'payment under security review', ru: 'платёж на проверке в службе безопасности', kk: 'төлем қауіпсіздік қызметінің тексеруінде' },
  155: { final: true, en: 'payments to this service are forbidden', ru: 'приём платежа по данному сервису запрещён', kk: 'бұл қызметке төлем қабылданбайды' },
  202: { final: true, en: 'request data error', ru: 'ошибка данных запроса', kk: 'сұрау деректерінің қатесі' },
  215: { final: true, en: 'a transaction with this number exists already', ru: 'транзакция с таким номером уже есть', kk: 'мұндай нөмірлі транзакция бар' },
  220: { final: false, en: 'agent has insufficient funds', ru: 'недостаток средств у агента', kk: 'агенттің қаражаты жеткіліксіз' },
  241: { final: true, en: 'amount too small', ru: 'сумма слишком мала', kk: 'сома тым аз' },
  242: { final: true, en: 'amount too large', ru: 'сумма слишком велика', kk: 'сома тым көп' },
  250: { final: true, en: 'agent balance was not topped up', ru: 'не был пополнен баланс агента', kk: 'агент балансы толықтырылмаған' },
  255: { final: false, en: 'invalid additional commission', ru: 'недопустимая дополнительная комиссия', kk: 'қосымша комиссия жарамсыз' },
  300: { final: true, en: 'other error', ru: 'другая ошибка', kk: 'басқа қате' },
};

/** Temporary states of a pay request, after which a 202 is not final (protocol note to Table 1). */
export const TEMPORARY_PAY_CODES: ReadonlySet<number> = new Set([1, 153, 220, 255]);

export type PayVerdict =
  /** result 0: money credited. */
  | { kind: 'success' }
  /** a final refusal: the payment did not go through and never will with this id. */
  | { kind: 'failed' }
  /** not final: repeat the unchanged request later. */
  | { kind: 'retry' }
  /** a machine cannot decide: a person must (see README, "review"). */
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
