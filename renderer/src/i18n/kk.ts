/** Қазақша. Kazakh plurals have one form for counts, so few/many repeat "other". */
import type { Dictionary } from './ru';

const pending = '{{count}} төлем жіберуді күтуде';
const review = '{{count}} төлем тексерілуде';
const unprinted = '{{count}} чек басылмады';
const digits = '«{{title}}»: {{count}} сан керек';
const hintDigits = '{{count}} сан';

export const kk: Dictionary = {
  lang: { ru: 'РУС', kk: 'ҚАЗ', en: 'ENG' },
  common: { back: 'Артқа', clear: 'Тазалау', loading: 'Жүктелуде…', retry: 'Қайталау' },
  status: {
    online: 'Байланыс бар', offline: 'Байланыс жоқ', unknown: 'Байланыс тексерілуде', terminalDown: 'Терминал жауап бермейді', language: 'Тіл',
    pending_one: pending, pending_few: pending, pending_many: pending, pending_other: pending,
    review_one: review, review_few: review, review_many: review, review_other: review,
    unprinted_one: unprinted, unprinted_few: unprinted, unprinted_many: unprinted, unprinted_other: unprinted,
    cashWithoutPayment: 'Төлемсіз қолма-қол ақша: {{count}}. Операторды шақырыңыз',
    balance: { low: 'Агент балансы аз: {{balance}}', critical: 'Агент балансы таусылды: {{balance}}', ok: '' },
  },
  home: {
    search: 'Қызметті іздеу: атауы немесе тобы', groups: 'Қызмет топтары', all: 'Барлығы', quick: 'Таңдаулы және жиі',
    cached: 'Процессинг қолжетімсіз: каталог сақталған көшірмеден көрсетілген', noCatalog: 'Қызметтер каталогы жүктелмеді.',
    refusal: { 'no-paper': 'Принтерде қағаз бітті: терминал төлем қабылдамайды. Операторды шақырыңыз.', 'no-printer': 'Чек принтері бапталмаған: терминал төлем қабылдамайды. Операторды шақырыңыз.' }, nothing: '«{{query}}» бойынша ештеңе табылмады',
    favourite: '«{{name}}» таңдаулыға қосу', unfavourite: '«{{name}}» таңдаулыдан алып тастау',
  },
  form: {
    next: 'Әрі қарай', checking: 'Тексерілуде…', required: '«{{title}}» өрісін толтырыңыз', tooLong: '«{{title}}»: мәні тым ұзын',
    digits_one: digits, digits_few: digits, digits_many: digits, digits_other: digits,
    digitsRange: '«{{title}}»: {{min}}-ден {{max}}-ге дейін сан', format: '«{{title}}»: пішімін тексеріңіз',
    hintDigits_one: hintDigits, hintDigits_few: hintDigits, hintDigits_many: hintDigits, hintDigits_other: hintDigits,
    hintDigitsRange: '{{min}}-ден {{max}}-ге дейін сан', hintRequired: 'Міндетті өріс',
  },
  details: {
    unreachable: 'Процессинг қазір қолжетімсіз. Төлем қабылданады және байланыс пайда болғанда автоматты түрде жіберіледі.',
    chooseContract: 'Шартты таңдаңыз', fixedAmount: 'Төлем сомасы', rate: 'Бағам', pay: '{{amount}} төлеу', payNoAmount: 'Төлеу',
  },
  invoice: {
    meterRequired: 'Есептегіштің ағымдағы көрсеткішін енгізіңіз',
    number: 'Шот № {{id}}', debt: 'Қарыз', min: 'Кемінде {{amount}}', max: 'Ең көбі {{amount}}', minShort: 'мин.', maxShort: 'макс.',
    meter: 'Есептегіш көрсеткіші сан болуы керек', meterBelow: 'Көрсеткіш алдыңғысынан ({{value}}) кем болмауы керек',
    prev: 'Алдыңғы көрсеткіш', last: 'Ағымдағы көрсеткіш: {{name}}', lastShort: 'Ағымдағы', amount: 'Сомасы: {{name}}',
  },
  amount: {
    toCredit: 'Есепке алынатын сома, ₸', hint: 'Мысалы 1500 немесе 1500,50', invalid: 'Соманы енгізіңіз, мысалы 1500,00',
    credited: 'Есепке алынады', commission: 'Комиссия', total: 'Төлеуге', arrives: 'Алушыға түседі',
  },
  cash: {
    remainder: 'Тиындар қайтарылмайды: сомадан артық {{amount}} комиссияда қалады.',
    returned: 'Купюра қайтарылды: ол төлеуге қалған сомадан көп. Кішірек купюра салыңыз.',
    received: 'Қолма-қол алынды, ₸', hint: 'Клиент қанша берді', notEnough: 'Жеткіліксіз: төлем сомасынан аз', change: 'Қайтарым',
    inserted: 'Салынды', due: 'төлеуге', insertFree: 'Купюраларды салыңыз: есепке алынатын сома автоматты есептеледі.',
    noChange: 'Терминал қайтарым бермейді: артық купюра қайтарылады.', demo: 'Купюра қабылдағыш симуляторы (құмсалғыш)', insert: '{{amount}} салу',
  },
  paying: { title: 'Төлем жіберілуде…', note: 'Экранды жаппаңыз. Ақша жоғалмайды: төлем журналға жазылды.' },
  final: {
    credited: 'Есепке алынды',
    success: 'Төленді', failed: 'Төленбеді', pending: 'Қабылданды, жіберілуде', review: 'Қабылданды, тексеру қажет', draft: 'Төленбеді', abandoned: 'Төленбеді',
    pendingNote: 'Төлем қабылданды және автоматты түрде жеткізіледі. Қайта төлеудің қажеті жоқ.',
    pendingOffline: 'Процессингпен байланыс жоқ. Төлем қабылданды және байланыс пайда болғанда автоматты түрде жіберіледі. Қайта төлеудің қажеті жоқ.',
    reviewNote: 'Төлем тексерілуде. Төлем нөмірін сақтаңыз; оператор нәтижесін хабарлайды.',
    failedCashier: 'Клиентке {{amount}} қайтарыңыз.', failedKiosk: 'Ақша есепке алынбады. Төлем нөмірімен операторға хабарласыңыз.',
    noAnswer: 'Процессинг жауап бермеді', service: 'Қызмет', account: 'Шот', number: 'Төлем нөмірі', processingNumber: 'Процессингтегі нөмір',
    rerouted: 'Оператор', reroutedFrom: 'Нөмірге {{to}} қызмет көрсетеді ({{from}} емес): төлем {{to}} операторына жіберілді.', done: 'Дайын',
  },
  state: { draft: 'Жоба', pending: 'Жіберуді күтуде', success: 'Төленді', failed: 'Төленбеді', review: 'Тексерілуде', abandoned: 'Қабылданбады' },
  journal: {
    title: 'Журнал', search: 'Шот немесе төлем нөмірі бойынша іздеу', time: 'Уақыты', state: 'Күйі', empty: 'Бүгін төлемдер жоқ.',
    attempts: 'Әрекеттер', noAnswer: 'жауап жоқ', nextAttempt: 'Келесі әрекет', retryNow: 'Қазір қайталау', reprint: 'Чекті басу',
    printed: 'Чек басылды', kind: { check: 'тексеру', pay: 'төлеу' }, outcome: { answer: 'жауап', transport: 'байланыс жоқ', http: 'HTTP қатесі', malformed: 'түсініксіз жауап', abandoned: 'үзілді' }, notPrinted: 'Чек басылмады: {{error}}', receipt: 'Чек',
  },
  admin: {
    cashTitle: 'Төлемсіз қолма-қол ақша', cashHelp: 'Ақша қабылданды, бірақ оны ешбір төлем ескермеді (ақау, электр өшуі). Оны клиентке қайтарыңыз немесе төлемді қолмен өткізіп, не істелгенін жазыңыз.', cashNotes_one: '{{count}} купюра', cashNotes_few: '{{count}} купюра', cashNotes_many: '{{count}} купюра', cashNotes_other: '{{count}} купюра', cashNote: 'Не істелді (мысалы: клиентке қайтарылды)', cashSettle: 'Жабу', cashSettled: 'Жазылды',
    title: 'Әкімші', refreshCatalog: 'Каталогты жаңарту', catalogRefreshed: 'Каталог жаңартылды', testPrint: 'Сынақ басып шығару',
    testPrinted: 'Сынақ беті {{printer}} принтерінде басылды', testNotPrinted: 'Сынақ беті басылмады: {{error}}',
    pin: 'Әкімші PIN-коды', exited: 'Киоск режимі өшірілді', noKioskToExit: 'PIN дұрыс. Браузерде киоск режимі браузердің өзінде өшіріледі.',
  },
  result: {
    unknown: '{{code}} коды: операторға хабарласыңыз', 0: 'Сәтті', 1: 'Төлем өңделуде', 4: 'Нөмір немесе шот пішімі қате', 5: 'Абонент табылмады',
    7: 'Төлем қабылдауға жеткізуші тыйым салды', 8: 'Төлем қабылдауға техникалық себептермен тыйым салынған', 130: 'Қызмет қолдау көрсетілмейді',
    153: 'Төлем қауіпсіздік тексеруінде', 155: 'Бұл қызметке төлем жасауға тыйым салынған', 202: 'Сұраныс деректерінде қате',
    215: 'Мұндай нөмірлі төлем бар', 220: 'Агенттің қаражаты жеткіліксіз', 241: 'Сома тым аз', 242: 'Сома тым көп',
    250: 'Агент балансы толтырылмаған', 255: 'Қосымша комиссия қате', 300: 'Жеткізушінің басқа қатесі',
  },
};
