/** The fleet page's words in its three languages: every string an operator reads comes from here. */
export type Lang = 'ru' | 'kk' | 'en';
export const LANGS: Lang[] = ['ru', 'kk', 'en'];
export const LANG_LABEL: Record<Lang, string> = { ru: 'РУС', kk: 'ҚАЗ', en: 'ENG' };

const ru = {
  title: 'Парк терминалов',
  signIn: { heading: 'Вход оператора', name: 'Имя', password: 'Пароль', submit: 'Войти', wrong: 'Неверное имя или пароль', failed: 'Сервер парка не отвечает: попробуйте ещё раз' },
  signOut: 'Выйти',
  summary: 'Терминалов: {{count}} · с тревогами: {{alerting}} · без связи: {{offline}}',
  alerts: { heading: 'Тревоги', none: 'Тревог нет: все терминалы в порядке', cleared: 'Отбой тревог за сутки', clearedNone: 'За сутки отбоя не было', since: 'с {{at}}', clearedAt: 'отбой в {{at}}' },
  kinds: { offline: 'Нет связи', queue: 'Очередь застряла', 'paper-out': 'Нет бумаги', 'paper-low': 'Бумага кончается', cassette: 'Кассета почти полна', review: 'Платежи на проверке', clock: 'Часы расходятся', 'safe-mode': 'Безопасный режим', stuck: 'Завис на экране', journal: 'История журнала переписана' },
  table: { terminal: 'Терминал', state: 'Состояние', seen: 'Последняя связь', queue: 'В очереди', paper: 'Бумага', alerts: 'Тревоги' },
  state: { online: 'На связи', offline: 'Нет связи', never: 'Ещё не выходил на связь', locked: 'Закрыт оператором' },
  paper: { ok: 'есть', out: 'нет', low: 'кончается', unknown: 'неизвестно', unreachable: 'принтер не отвечает' },
  ago: { now: 'только что', minutes: '{{n}} мин назад', hours: '{{n}} ч назад', days: '{{n}} дн назад' },
  commands: { heading: 'Команды', lock: 'Закрыть приём денег', unlock: 'Открыть приём денег', drain: 'Отправить очередь', 'refresh-catalog': 'Обновить каталог', logs: 'Последние строки журнала', screenshot: 'Снимок экрана', sent: 'Команда «{{kind}}» отправлена: терминал получит её при следующей связи', waiting: 'ждёт терминал', done: 'выполнена', failed: 'не выполнена: {{why}}' },
  timeline: { heading: 'История терминала {{name}}', empty: 'Пока ничего', event: 'Событие', alert: 'Тревога', 'all-clear': 'Отбой', command: 'Команда', result: 'Результат' },
  payment: { success: 'проведён', failed: 'не проведён', review: 'на проверке' },
  events: { payment: 'Платёж', payout: 'Выплата', encashment: 'Инкассация', 'z-report': 'Z-отчёт', device: 'Устройство' },
  totals: { heading: 'Итоги по дням ({{zone}})', day: 'День', count: 'Платежей', sum: 'Сумма', agent: 'Всего по агенту', none: 'Проведённых платежей пока нет' },
  close: 'Закрыть',
  error: 'Сервер парка не отвечает; данные на {{at}}',
};

type Words = typeof ru;

const kk: Words = {
  title: 'Терминалдар паркі',
  signIn: { heading: 'Оператордың кіруі', name: 'Аты', password: 'Құпиясөз', submit: 'Кіру', wrong: 'Аты немесе құпиясөз қате', failed: 'Парк сервері жауап бермейді: қайталап көріңіз' },
  signOut: 'Шығу',
  summary: 'Терминалдар: {{count}} · дабылы барлар: {{alerting}} · байланыссыз: {{offline}}',
  alerts: { heading: 'Дабылдар', none: 'Дабыл жоқ: барлық терминал жұмыс істейді', cleared: 'Тәулік ішінде басылған дабылдар', clearedNone: 'Тәулік ішінде басылған дабыл жоқ', since: '{{at}} бастап', clearedAt: '{{at}} басылды' },
  kinds: { offline: 'Байланыс жоқ', queue: 'Кезек тұрып қалды', 'paper-out': 'Қағаз бітті', 'paper-low': 'Қағаз таусылып барады', cassette: 'Кассета толуға жақын', review: 'Тексерудегі төлемдер', clock: 'Сағат сәйкес емес', 'safe-mode': 'Қауіпсіз режим', stuck: 'Бір экранда тұрып қалды', journal: 'Журнал тарихы өзгертілген' },
  table: { terminal: 'Терминал', state: 'Күйі', seen: 'Соңғы байланыс', queue: 'Кезекте', paper: 'Қағаз', alerts: 'Дабылдар' },
  state: { online: 'Байланыста', offline: 'Байланыс жоқ', never: 'Әлі байланысқа шықпаған', locked: 'Оператор жапқан' },
  paper: { ok: 'бар', out: 'жоқ', low: 'таусылып барады', unknown: 'белгісіз', unreachable: 'принтер жауап бермейді' },
  ago: { now: 'жаңа ғана', minutes: '{{n}} мин бұрын', hours: '{{n}} сағ бұрын', days: '{{n}} күн бұрын' },
  commands: { heading: 'Командалар', lock: 'Ақша қабылдауды жабу', unlock: 'Ақша қабылдауды ашу', drain: 'Кезекті жіберу', 'refresh-catalog': 'Каталогты жаңарту', logs: 'Журналдың соңғы жолдары', screenshot: 'Экран суреті', sent: '«{{kind}}» командасы жіберілді: терминал келесі байланыста алады', waiting: 'терминалды күтуде', done: 'орындалды', failed: 'орындалмады: {{why}}' },
  timeline: { heading: '{{name}} терминалының тарихы', empty: 'Әзірге ештеңе жоқ', event: 'Оқиға', alert: 'Дабыл', 'all-clear': 'Дабыл басылды', command: 'Команда', result: 'Нәтиже' },
  payment: { success: 'өтті', failed: 'өтпеді', review: 'тексерілуде' },
  events: { payment: 'Төлем', payout: 'Төлем шығару', encashment: 'Инкассация', 'z-report': 'Z-есеп', device: 'Құрылғы' },
  totals: { heading: 'Күндер бойынша қорытынды ({{zone}})', day: 'Күн', count: 'Төлемдер', sum: 'Сомасы', agent: 'Агент бойынша барлығы', none: 'Өткен төлемдер әлі жоқ' },
  close: 'Жабу',
  error: 'Парк сервері жауап бермейді; деректер {{at}} бойынша',
};

const en: Words = {
  title: 'Terminal fleet',
  signIn: { heading: 'Operator sign-in', name: 'Name', password: 'Password', submit: 'Sign in', wrong: 'Wrong name or password', failed: 'The fleet server does not answer: try again' },
  signOut: 'Sign out',
  summary: 'Terminals: {{count}} · with alerts: {{alerting}} · offline: {{offline}}',
  alerts: { heading: 'Alerts', none: 'No alerts: every terminal is well', cleared: 'All clear in the last day', clearedNone: 'Nothing cleared in the last day', since: 'since {{at}}', clearedAt: 'all clear at {{at}}' },
  kinds: { offline: 'Offline', queue: 'Queue stuck', 'paper-out': 'Out of paper', 'paper-low': 'Paper low', cassette: 'Cassette nearly full', review: 'Payments under review', clock: 'Clock off', 'safe-mode': 'Safe mode', stuck: 'Stuck on a screen', journal: 'Journal history rewritten' },
  table: { terminal: 'Terminal', state: 'State', seen: 'Last seen', queue: 'Queued', paper: 'Paper', alerts: 'Alerts' },
  state: { online: 'Online', offline: 'Offline', never: 'Never reported', locked: 'Locked by an operator' },
  paper: { ok: 'in', out: 'out', low: 'low', unknown: 'unknown', unreachable: 'printer not answering' },
  ago: { now: 'just now', minutes: '{{n}} min ago', hours: '{{n}} h ago', days: '{{n}} d ago' },
  commands: { heading: 'Commands', lock: 'Stop taking money', unlock: 'Take money again', drain: 'Send the queue now', 'refresh-catalog': 'Refresh the catalog', logs: 'Last log lines', screenshot: 'Screenshot', sent: 'Command “{{kind}}” sent: the terminal gets it with its next heartbeat', waiting: 'waiting for the terminal', done: 'done', failed: 'failed: {{why}}' },
  timeline: { heading: 'Timeline of {{name}}', empty: 'Nothing yet', event: 'Event', alert: 'Alert', 'all-clear': 'All clear', command: 'Command', result: 'Result' },
  payment: { success: 'paid', failed: 'not paid', review: 'under review' },
  events: { payment: 'Payment', payout: 'Payout', encashment: 'Encashment', 'z-report': 'Z report', device: 'Device' },
  totals: { heading: 'Totals per day ({{zone}})', day: 'Day', count: 'Payments', sum: 'Sum', agent: 'The agent in all', none: 'No payments paid yet' },
  close: 'Close',
  error: 'The fleet server does not answer; figures as of {{at}}',
};

export const WORDS: Record<Lang, Words> = { ru, kk, en };

/** `{{name}}` filled from `params`. */
export function fill(text: string, params: Record<string, string | number> = {}): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** A word for a name that comes from the server (an alert's kind, a command's), or the name itself. */
export function word(map: object, key: string): string {
  const v = (map as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : key;
}
