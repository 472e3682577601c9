/** Русский: язык экранов по умолчанию. Other languages must have every key (checked by their type). */
export const ru = {
  lang: { ru: 'РУС', kk: 'ҚАЗ', en: 'ENG' },
  common: { back: 'Назад', clear: 'Очистить', loading: 'Загрузка…', retry: 'Повторить' },
  status: {
    online: 'На связи', offline: 'Нет связи', unknown: 'Связь проверяется', terminalDown: 'Терминал не отвечает', language: 'Язык',
    pending_one: '{{count}} платёж ждёт отправки', pending_few: '{{count}} платежа ждут отправки', pending_many: '{{count}} платежей ждут отправки', pending_other: '{{count}} платежа ждут отправки',
    review_one: '{{count}} платёж на проверке', review_few: '{{count}} платежа на проверке', review_many: '{{count}} платежей на проверке', review_other: '{{count}} платежа на проверке',
    unprinted_one: '{{count}} чек не напечатан', unprinted_few: '{{count}} чека не напечатаны', unprinted_many: '{{count}} чеков не напечатаны', unprinted_other: '{{count}} чека не напечатаны',
    cashWithoutPayment: 'Наличные без платежа: {{count}}. Позовите оператора',
    balance: { low: 'Баланс агента низкий: {{balance}}', critical: 'Баланс агента исчерпан: {{balance}}', ok: '' },
  },
  home: {
    search: 'Поиск услуги: название или группа', groups: 'Группы услуг', all: 'Все', quick: 'Избранное и частые',
    cached: 'Процессинг недоступен: каталог показан из сохранённой копии', noCatalog: 'Каталог услуг не загружен.',
    refusal: { 'no-paper': 'В принтере закончилась бумага: терминал не принимает платежи. Позовите оператора.', 'no-printer': 'Принтер чеков не настроен: терминал не принимает платежи. Позовите оператора.' }, nothing: 'Ничего не найдено по запросу «{{query}}»',
    favourite: 'Добавить «{{name}}» в избранное', unfavourite: 'Убрать «{{name}}» из избранного',
  },
  form: {
    next: 'Далее', checking: 'Проверяем…', required: 'Заполните поле «{{title}}»', tooLong: '«{{title}}»: слишком длинное значение',
    digits_one: '«{{title}}»: нужна {{count}} цифра', digits_few: '«{{title}}»: нужно {{count}} цифры', digits_many: '«{{title}}»: нужно {{count}} цифр', digits_other: '«{{title}}»: нужно {{count}} цифры',
    digitsRange: '«{{title}}»: от {{min}} до {{max}} цифр', format: '«{{title}}»: проверьте формат',
    hintDigits_one: '{{count}} цифра', hintDigits_few: '{{count}} цифры', hintDigits_many: '{{count}} цифр', hintDigits_other: '{{count}} цифры',
    hintDigitsRange: 'От {{min}} до {{max}} цифр', hintRequired: 'Обязательное поле',
  },
  details: {
    unreachable: 'Процессинг сейчас недоступен. Платёж будет принят и отправлен автоматически, как только связь появится.',
    chooseContract: 'Выберите договор', fixedAmount: 'Сумма к оплате', rate: 'Курс', pay: 'Оплатить {{amount}}', payNoAmount: 'Оплатить',
  },
  invoice: {
    number: 'Счёт № {{id}}', debt: 'Долг', min: 'Не меньше {{amount}}', max: 'Не больше {{amount}}', minShort: 'мин.', maxShort: 'макс.',
    meter: 'Показание счётчика — число', meterBelow: 'Показание не может быть меньше предыдущего ({{value}})',
    prev: 'Предыдущее показание', last: 'Текущее показание: {{name}}', lastShort: 'Текущее', amount: 'Сумма: {{name}}',
  },
  amount: {
    toCredit: 'Сумма к зачислению, ₸', hint: 'Например 1500 или 1500,50', invalid: 'Введите сумму, например 1500,00',
    credited: 'Будет зачислено', commission: 'Комиссия', total: 'К оплате', arrives: 'Поступит получателю',
  },
  cash: {
    returned: 'Купюра возвращена: она больше, чем осталось оплатить. Внесите купюру поменьше.',
    received: 'Получено наличными, ₸', hint: 'Сколько дал клиент', notEnough: 'Недостаточно: меньше суммы к оплате', change: 'Сдача',
    inserted: 'Внесено', due: 'к оплате', insertFree: 'Вносите купюры: сумма зачисления считается автоматически.',
    noChange: 'Терминал сдачу не выдаёт: лишняя купюра будет возвращена.', demo: 'Симулятор купюроприёмника (песочница)', insert: 'Внести {{amount}}',
  },
  paying: { title: 'Платёж отправляется…', note: 'Не закрывайте экран. Деньги не потеряются: платёж уже записан в журнал.' },
  final: {
    credited: 'Зачислено',
    success: 'Оплачено', failed: 'Не оплачено', pending: 'Принято, отправляется', review: 'Принято, требует проверки', draft: 'Не оплачено', abandoned: 'Не оплачено',
    pendingNote: 'Платёж принят и будет доставлен автоматически. Платить повторно не нужно.',
    pendingOffline: 'Нет связи с процессингом. Платёж принят и будет отправлен автоматически, когда связь появится. Платить повторно не нужно.',
    reviewNote: 'Платёж проверяется. Сохраните номер платежа; оператор сообщит результат.',
    failedCashier: 'Верните клиенту {{amount}}.', failedKiosk: 'Деньги не зачислены. Обратитесь к оператору с номером платежа.',
    noAnswer: 'Процессинг не ответил', service: 'Услуга', account: 'Счёт', number: 'Номер платежа', processingNumber: 'Номер в процессинге',
    rerouted: 'Оператор', reroutedFrom: 'Номер обслуживает {{to}} (а не {{from}}): платёж направлен в {{to}}.', done: 'Готово',
  },
  state: { draft: 'Черновик', pending: 'Ждёт отправки', success: 'Оплачен', failed: 'Не оплачен', review: 'На проверке', abandoned: 'Не принят' },
  journal: {
    title: 'Журнал', search: 'Поиск по счёту или номеру платежа', time: 'Время', state: 'Состояние', empty: 'Сегодня платежей нет.',
    attempts: 'Попытки', noAnswer: 'нет ответа', nextAttempt: 'Следующая попытка', retryNow: 'Повторить сейчас', reprint: 'Печать чека',
    printed: 'Чек напечатан', kind: { check: 'проверка', pay: 'оплата' }, outcome: { answer: 'ответ', transport: 'нет связи', http: 'ошибка HTTP', malformed: 'непонятный ответ', abandoned: 'прервано' }, notPrinted: 'Чек не напечатан: {{error}}', receipt: 'Чек',
  },
  admin: {
    cashTitle: 'Наличные без платежа', cashHelp: 'Деньги приняты, но ни один платёж их не учёл (сбой, отключение питания). Верните их клиенту или проведите платёж вручную и запишите, что сделано.', cashNotes_one: '{{count}} купюра', cashNotes_few: '{{count}} купюры', cashNotes_many: '{{count}} купюр', cashNotes_other: '{{count}} купюры', cashNote: 'Что сделано (например: возвращено клиенту)', cashSettle: 'Закрыть', cashSettled: 'Записано',
    title: 'Администратор', refreshCatalog: 'Обновить каталог', catalogRefreshed: 'Каталог обновлён', testPrint: 'Тестовая печать',
    testPrinted: 'Тестовая страница напечатана на {{printer}}', testNotPrinted: 'Тестовая страница не напечатана: {{error}}',
    pin: 'PIN администратора', exited: 'Режим киоска выключен', noKioskToExit: 'PIN верный. В браузере режим киоска выключается в самом браузере.',
  },
  result: {
    unknown: 'Код {{code}}: обратитесь к оператору', 0: 'Успешно', 1: 'Платёж в обработке', 4: 'Неверный формат номера или счёта', 5: 'Абонент не найден',
    7: 'Приём платежа запрещён поставщиком', 8: 'Приём платежа запрещён по техническим причинам', 130: 'Услуга не поддерживается',
    153: 'Платёж на проверке безопасности', 155: 'Платежи в пользу этой услуги запрещены', 202: 'Ошибка данных запроса',
    215: 'Платёж с таким номером уже есть', 220: 'У агента недостаточно средств', 241: 'Сумма слишком мала', 242: 'Сумма слишком велика',
    250: 'Баланс агента не пополнен', 255: 'Неверная дополнительная комиссия', 300: 'Другая ошибка поставщика',
  },
};

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
/** The shape every language must fill. Plural keys are per language, so they are not required to match. */
export type Dictionary = Strings<typeof ru>;
