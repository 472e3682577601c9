/** A fixed payment and agent, so receipts render the same on every run (reference images). */
import type { CatalogService } from '../../main/processing/schemas.js';
import type { Payment } from '../../main/payments/payment-journal.js';
import type { ReceiptHeader } from '../../main/receipts/receipt.js';

export const header: ReceiptHeader = {
  agentName: 'ТОО «Төлем Агент»',
  agentBin: '123456789012',
  address: 'Алматы, пр. Абая, 10',
  supportPhone: '+7 727 000 00 00',
  footer: ['Рақмет! Спасибо!'],
};

export const service: CatalogService = {
  serviceId: 'P2001', type: 0, name: 'Казахтелеком', group: 'Интернет и ТВ', fixedPayment: false, country: 'КАЗАХСТАН',
  inputs: [{ name: 'account', required: true, title: 'Лицевой счёт', regexp: '^\\d{6,12}$' }],
  displays: [{ name: 'fio', required: true, title: 'Абонент', regexp: null }],
};

export function payment(over: Partial<Payment> = {}): Payment {
  return {
    id: 42, agentTransactionId: '10596973795650', agentTransactionDate: '2026-11-22T14:05:09', serviceId: 'P2001', serviceName: 'Казахтелеком',
    account: '7172123456', fields: {}, amountTo: 5_000_00, amountFrom: 5_100_00,
    checkAnswer: '{"result":0,"transactionId":"1","displays":{"fio":"Әбілқайыр Нұрлан Серікұлы"}}',
    payBody: '{}', state: 'success', offline: false, result: 0, resultMessage: 'ok', transactionId: '900000000000015838', transactionDate: null,
    statusDate: null, stateReason: null, cashReceived: null, payAttempts: 1, nextAttemptAt: null,
    // 14:05:09 in Almaty (UTC+5), whatever the zone of the machine running the tests.
    createdAt: Date.UTC(2026, 10, 22, 9, 5, 9), acceptedAt: Date.UTC(2026, 10, 22, 9, 5, 9), finishedAt: null,
    ...over,
  };
}
