/**
 * What each channel of the IPC contract does, on a terminal: one module per area under handlers/,
 * each parsing nothing (the dispatcher has) and calling one use case or area, answering plain data
 * (ids and amounts as strings).
 */
import type { Channel } from '../../shared/ipc/contract.js';
import type { Terminal } from '../app/terminal.js';
import type { AreaHandlers } from './handlers/area.js';
import { adminHandlers } from './handlers/admin.js';
import { cashHandlers } from './handlers/cash.js';
import { catalogHandlers } from './handlers/catalog.js';
import { journalHandlers } from './handlers/journal.js';
import { paymentHandlers } from './handlers/payments.js';
import { payoutHandlers } from './handlers/payouts.js';
import { receiptHandlers } from './handlers/receipts.js';

export { NotFoundError } from '../app/use-cases.js';
export { PinError } from './handlers/admin.js';
export { SCREEN_WAIT_MS } from './handlers/area.js';

export type Handlers = AreaHandlers<Channel>;

export function createHandlers(t: Terminal): Handlers {
  return {
    ...adminHandlers(t),
    ...catalogHandlers(t),
    ...paymentHandlers(t),
    ...journalHandlers(t),
    ...receiptHandlers(t),
    ...cashHandlers(t),
    ...payoutHandlers(t),
  };
}
