/** English. */
import type { Dictionary } from './ru';

export const en: Dictionary = {
  lang: { ru: 'РУС', kk: 'ҚАЗ', en: 'ENG' },
  common: { back: 'Back', clear: 'Clear', loading: 'Loading…', retry: 'Try again' },
  status: {
    online: 'Online', offline: 'Offline', unknown: 'Checking connection', terminalDown: 'The terminal does not answer', language: 'Language',
    pending_one: '{{count}} payment waiting to be sent', pending_few: '{{count}} payments waiting to be sent', pending_many: '{{count}} payments waiting to be sent', pending_other: '{{count}} payments waiting to be sent',
    review_one: '{{count}} payment under review', review_few: '{{count}} payments under review', review_many: '{{count}} payments under review', review_other: '{{count}} payments under review',
    unprinted_one: '{{count}} receipt not printed', unprinted_few: '{{count}} receipts not printed', unprinted_many: '{{count}} receipts not printed', unprinted_other: '{{count}} receipts not printed',
    cashWithoutPayment: 'Cash without a payment: {{count}}. Call the attendant',
    balance: { low: 'Agent balance is low: {{balance}}', critical: 'Agent balance is used up: {{balance}}', ok: '' },
  },
  home: {
    search: 'Find a service: name or group', groups: 'Service groups', all: 'All', quick: 'Favourites and frequent',
    cached: 'Processing is unavailable: the catalog is shown from the saved copy', noCatalog: 'The service catalog is not loaded.',
    refusal: { 'no-paper': 'The receipt printer is out of paper: this terminal takes no payments. Please call the attendant.', 'no-printer': 'No receipt printer is set up: this terminal takes no payments. Please call the attendant.' }, nothing: 'Nothing found for “{{query}}”',
    favourite: 'Add “{{name}}” to favourites', unfavourite: 'Remove “{{name}}” from favourites',
  },
  form: {
    next: 'Next', checking: 'Checking…', required: 'Fill in “{{title}}”', tooLong: '“{{title}}”: too long',
    digits_one: '“{{title}}”: {{count}} digit needed', digits_few: '“{{title}}”: {{count}} digits needed', digits_many: '“{{title}}”: {{count}} digits needed', digits_other: '“{{title}}”: {{count}} digits needed',
    digitsRange: '“{{title}}”: {{min}} to {{max}} digits', format: '“{{title}}”: check the format',
    hintDigits_one: '{{count}} digit', hintDigits_few: '{{count}} digits', hintDigits_many: '{{count}} digits', hintDigits_other: '{{count}} digits',
    hintDigitsRange: '{{min}} to {{max}} digits', hintRequired: 'Required',
  },
  details: {
    unreachable: 'Processing is unavailable right now. The payment will be accepted and sent automatically once the connection is back.',
    chooseContract: 'Choose a contract', fixedAmount: 'Amount due', rate: 'Rate', pay: 'Pay {{amount}}', payNoAmount: 'Pay',
  },
  invoice: {
    meterRequired: 'Enter the current meter reading',
    number: 'Bill No. {{id}}', debt: 'Debt', min: 'At least {{amount}}', max: 'At most {{amount}}', minShort: 'min', maxShort: 'max',
    meter: 'A meter reading is a number', meterBelow: 'The reading cannot be below the previous one ({{value}})',
    prev: 'Previous reading', last: 'Current reading: {{name}}', lastShort: 'Current', amount: 'Amount: {{name}}',
  },
  amount: {
    toCredit: 'Amount to credit, ₸', hint: 'For example 1500 or 1500.50', invalid: 'Enter an amount, e.g. 1500.00',
    credited: 'To be credited', commission: 'Commission', total: 'To pay', arrives: 'The recipient gets',
  },
  cash: {
    remainder: 'No change in tiyn: {{amount}} above the total stays in the commission.',
    returned: 'The note was returned: it is more than is left to pay. Insert a smaller one.',
    received: 'Cash received, ₸', hint: 'What the customer handed over', notEnough: 'Not enough: less than the amount to pay', change: 'Change',
    inserted: 'Inserted', due: 'due', insertFree: 'Insert notes: the amount credited is worked out as you go.',
    noChange: 'This terminal gives no change: a note that is too much is returned.', demo: 'Note acceptor simulator (sandbox)', insert: 'Insert {{amount}}',
  },
  paying: { title: 'Sending the payment…', note: 'Please keep this screen open. The money is safe: the payment is already in the journal.' },
  final: {
    credited: 'Credited',
    success: 'Paid', failed: 'Not paid', pending: 'Accepted, being sent', review: 'Accepted, needs a check', draft: 'Not paid', abandoned: 'Not paid',
    pendingNote: 'The payment is accepted and will be delivered automatically. Do not pay again.',
    pendingOffline: 'No connection to processing. The payment is accepted and will be sent automatically once the connection is back. Do not pay again.',
    reviewNote: 'The payment is being checked. Keep the payment number; the operator will tell you the result.',
    failedCashier: 'Give {{amount}} back to the customer.', failedKiosk: 'The money was not credited. Please contact the operator with the payment number.',
    noAnswer: 'Processing did not answer', service: 'Service', account: 'Account', number: 'Payment number', processingNumber: 'Processing number',
    rerouted: 'Operator', reroutedFrom: 'This number is served by {{to}} (not {{from}}): the payment goes to {{to}}.', done: 'Done',
  },
  state: { draft: 'Draft', pending: 'Waiting to be sent', success: 'Paid', failed: 'Not paid', review: 'Under review', abandoned: 'Not taken' },
  journal: {
    title: 'Journal', search: 'Search by account or payment number', time: 'Time', state: 'State', empty: 'No payments today.',
    attempts: 'Attempts', noAnswer: 'no answer', nextAttempt: 'Next attempt', retryNow: 'Retry now', reprint: 'Print receipt',
    printed: 'Receipt printed', kind: { check: 'check', pay: 'pay' }, outcome: { answer: 'answer', transport: 'no connection', http: 'HTTP error', malformed: 'unreadable answer', abandoned: 'interrupted' }, notPrinted: 'Receipt not printed: {{error}}', receipt: 'Receipt',
  },
  admin: {
    cashTitle: 'Cash without a payment', cashHelp: 'Money was taken but no payment accounts for it (a failure, a power cut). Give it back to the customer or make the payment by hand, and write down what was done.', cashNotes_one: '{{count}} note', cashNotes_few: '{{count}} notes', cashNotes_many: '{{count}} notes', cashNotes_other: '{{count}} notes', cashNote: 'What was done (e.g. given back to the customer)', cashSettle: 'Settle', cashSettled: 'Recorded',
    title: 'Admin', refreshCatalog: 'Refresh catalog', catalogRefreshed: 'Catalog refreshed', testPrint: 'Test print',
    testPrinted: 'Test page printed on {{printer}}', testNotPrinted: 'Test page not printed: {{error}}',
    pin: 'Admin PIN', exited: 'Kiosk mode is off', noKioskToExit: 'PIN accepted. In a browser, kiosk mode is left from the browser itself.',
  },
  result: {
    unknown: 'Code {{code}}: please contact the operator', 0: 'Success', 1: 'Payment in progress', 4: 'Wrong format of the number or account', 5: 'Subscriber not found',
    7: 'The provider does not accept this payment', 8: 'Payment refused for technical reasons', 130: 'Service not supported',
    153: 'Payment under security review', 155: 'Payments to this service are forbidden', 202: 'Request data error',
    215: 'A payment with this number exists already', 220: 'The agent has insufficient funds', 241: 'Amount too small', 242: 'Amount too large',
    250: 'Agent balance was not topped up', 255: 'Invalid additional commission', 300: 'Other provider error',
  },
};
