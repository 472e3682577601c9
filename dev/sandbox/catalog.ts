/**
 * The sandbox's service catalog: every payment scheme of the protocol (simple with displays, with
 * choice of contracts, invoice with meters), an international provider, and test services whose
 * patterns are hostile (catastrophic backtracking, lookahead) to show how the terminal copes.
 */

export interface SandboxService {
  serviceId: string;
  type: 0 | 1 | 2;
  name: string;
  group: string;
  fixedPayment: boolean;
  country: string;
  inputs: { name: string; required: boolean; title: string; regexp: string }[];
  displays?: { name: string; required: boolean; title: string; regexp: string }[];
  /** Server-side limits of the amount to credit, tiyn (not in the protocol's catalog). */
  minAmount: number;
  maxAmount: number;
  /** International provider: currency and rate per tenge (as the document's example). */
  international?: { currency: string; rate: string };
}

const KZ = 'КАЗАХСТАН';
const phone = { name: 'account', required: true, title: 'Номер телефона', regexp: '^\\d{10}$' };

export const SANDBOX_SERVICES: SandboxService[] = [
  { serviceId: 'P1011', type: 0, name: 'Билайн Казахстан', group: 'Сотовая связь', fixedPayment: false, country: KZ, inputs: [phone], minAmount: 50_00, maxAmount: 100_000_00 },
  { serviceId: 'P1013', type: 0, name: 'Kcell', group: 'Сотовая связь', fixedPayment: false, country: KZ, inputs: [phone], minAmount: 50_00, maxAmount: 100_000_00 },
  { serviceId: 'P1014', type: 0, name: 'Tele2', group: 'Сотовая связь', fixedPayment: false, country: KZ, inputs: [phone], minAmount: 50_00, maxAmount: 100_000_00 },
  { serviceId: 'P1015', type: 0, name: 'Altel', group: 'Сотовая связь', fixedPayment: false, country: KZ, inputs: [phone], minAmount: 50_00, maxAmount: 100_000_00 },
  {
    serviceId: 'P1012', type: 0, name: 'Herbalife', group: 'Товары по каталогам', fixedPayment: true, country: KZ,
    inputs: [
      { name: 'account', required: true, title: 'Номер независимого партнера', regexp: '^\\d{10}$' },
      { name: 'ev_account1', required: true, title: 'Номер заказа', regexp: '^\\d{10}$' },
    ],
    displays: [
      { name: 'fio', required: true, title: 'ФИО', regexp: '^.+$' },
      { name: 'info', required: true, title: 'Сумма к оплате', regexp: '^.+$' },
      { name: 'fixedAmount', required: true, title: '', regexp: '^\\d{1,9}\\.\\d{2}$' },
    ],
    minAmount: 1_00, maxAmount: 1_000_000_00,
  },
  {
    serviceId: 'P2001', type: 0, name: 'Казахтелеком', group: 'Интернет и ТВ', fixedPayment: false, country: KZ,
    inputs: [{ name: 'account', required: true, title: 'Лицевой счёт', regexp: '^\\d{6,12}$' }],
    displays: [{ name: 'fio', required: true, title: 'Абонент', regexp: '^.+$' }, { name: 'debt', required: false, title: 'Задолженность', regexp: '^.+$' }],
    minAmount: 100_00, maxAmount: 500_000_00,
  },
  { serviceId: 'P0005', type: 1, name: 'Алсеко', group: 'ЖКХ', fixedPayment: false, country: KZ, inputs: [{ name: 'account', required: true, title: 'Номер лицевого счета', regexp: '^\\d{10}$' }], minAmount: 1_00, maxAmount: 1_000_000_00 },
  { serviceId: 'P0008', type: 1, name: 'Астана-ЕРЦ', group: 'ЖКХ', fixedPayment: false, country: KZ, inputs: [{ name: 'account', required: true, title: 'Номер лицевого счета', regexp: '^\\d{10}$' }], minAmount: 1_00, maxAmount: 1_000_000_00 },
  { serviceId: 'P0006', type: 2, name: 'XXX банк', group: 'Банки и кредиты', fixedPayment: false, country: KZ, inputs: [{ name: 'account', required: true, title: 'Введите ИИН', regexp: '^\\d{12}$' }], minAmount: 100_00, maxAmount: 5_000_000_00 },
  {
    serviceId: 'P3001', type: 0, name: 'Steam', group: 'Игры', fixedPayment: false, country: 'США',
    inputs: [{ name: 'account', required: true, title: 'Логин Steam', regexp: '^[A-Za-z0-9_]{3,32}$' }],
    minAmount: 500_00, maxAmount: 200_000_00, international: { currency: 'USD', rate: '0.0020833333' },
  },
  {
    serviceId: 'T0001', type: 0, name: 'Тест: опасное выражение (a+)+', group: 'Тест песочницы', fixedPayment: false, country: KZ,
    inputs: [{ name: 'account', required: true, title: 'Только буквы a', regexp: '^(a+)+$' }], minAmount: 1_00, maxAmount: 10_000_00,
  },
  {
    serviceId: 'T0002', type: 0, name: 'Тест: выражение с lookahead', group: 'Тест песочницы', fixedPayment: false, country: KZ,
    inputs: [{ name: 'account', required: true, title: 'Код (цифры, не с нуля)', regexp: '^(?!0)\\d{6}$' }], minAmount: 1_00, maxAmount: 10_000_00,
  },
];

/** A large generated catalog (for the UI benchmark and demos of search). */
export function generatedServices(count: number): SandboxService[] {
  const groups = ['Сотовая связь', 'ЖКХ', 'Интернет и ТВ', 'Игры', 'Банки и кредиты', 'Образование', 'Транспорт', 'Штрафы и налоги'];
  return Array.from({ length: count }, (_, i) => ({
    serviceId: `G${String(i + 1).padStart(5, '0')}`,
    type: 0 as const,
    name: `Сервис ${i + 1} ${groups[i % groups.length]}`,
    group: groups[i % groups.length] ?? 'Другие',
    fixedPayment: false,
    country: KZ,
    inputs: [{ name: 'account', required: true, title: 'Лицевой счёт', regexp: '^\\d{4,20}$' }],
    minAmount: 1_00,
    maxAmount: 1_000_000_00,
  }));
}

/** Number portability lookup of the sandbox: phone prefix → operator. */
export const OPERATOR_PREFIXES: Record<string, string> = {
  '705': 'P1011', '771': 'P1011', '776': 'P1011', '777': 'P1011',
  '700': 'P1015', '708': 'P1015',
  '701': 'P1013', '702': 'P1013', '775': 'P1013', '778': 'P1013',
  '707': 'P1014', '747': 'P1014',
};
