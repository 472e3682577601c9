/**
 * The bank's payouts module emulator (v2): echo, getAmount.do, registerPayout.do,
 * performPayout.do, getPayoutStatus.do, with the errors of the document's table. Card numbers are
 * never stored: only the masked form. Scripted by the card's last four digits:
 *   ...0500  HTTP 500 before anything is done          ...0504  paid, but the answer is a 504 timeout
 *   ...0505  504/91 before anything is done            ...0602  paid, then the connection is reset
 *   ...0606  paid, and the answer never comes          ...0006  declined (orderStatus 6)
 *   ...0707  the perform reaches the bank late: no answer, the order is unknown to the status for
 *            LATE_PERFORM_MS, then it is created and paid (a bank that answered after the deadline)
 *   ...0808  no answer, and the status answers with another order (a confused gateway)
 *   PAN starting 22 or 6   not a Kazakh bank's card (204)
 * A registered payout's bank page expires after its sessionTimeoutSecs: a card entered later pays nothing.
 */
import crypto from 'node:crypto';
import type { SandboxStore } from './store.js';

export interface PayoutOrder {
  orderNumber: string;
  orderId: string;
  amount: number;
  fee: number;
  currency: string;
  description: string;
  orderStatus: number;
  maskedPan: string | null;
  clientId: string | null;
  creationDate: number;
  refNum: string | null;
  performCount: number;
  paidCount: number;
  /** A registered order's page stops taking cards at this time (epoch ms). */
  expiresAt?: number | null;
}

export interface PayoutsReply {
  status: number;
  contentType: string;
  body: string;
  /** The connection is reset instead of answered, or never answered. */
  fault?: 'reset' | 'hang';
}

export interface PayoutsEmulatorOptions {
  store: SandboxStore;
  userName: string;
  password: string;
  baseUrl: () => string;
  now?: () => number;
}

const ORDERS = 'payout-orders';
/** How long a late perform (...0707) stays unknown to the bank before it arrives and is paid. */
export const LATE_PERFORM_MS = 2_500;

export class PayoutsEmulator {
  private readonly now: () => number;
  /** orderNumbers whose status answers with another order (...0808). */
  private readonly confused = new Set<string>();
  private readonly late = new Set<NodeJS.Timeout>();
  constructor(private readonly options: PayoutsEmulatorOptions) {
    this.now = options.now ?? Date.now;
  }

  orders(): PayoutOrder[] {
    return this.options.store.all<PayoutOrder>(ORDERS);
  }

  /** Late performs still on their way are dropped (the emulator is closing). */
  close(): void {
    for (const t of this.late) clearTimeout(t);
    this.late.clear();
  }

  echo(): PayoutsReply {
    return { status: 200, contentType: 'text/plain; charset=utf-8', body: 'Payout v2.3 is online in channel Payout_APIserver - tolem-sandbox[instance:sandbox]' };
  }

  handle(method: string, raw: string): PayoutsReply {
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      return error(500, '99', `Failed to parse incoming request for ${method}`);
    }
    const user = body.userName ?? body.username;
    if (typeof user !== 'string' || typeof body.password !== 'string') return error(400, '98', 'userName and password are mandatory fields');
    if (user.length > 30 || body.password.length > 30 || user !== this.options.userName || body.password !== this.options.password) return error(401, '90', 'User not authenticated');
    switch (method) {
      case 'getAmount.do': {
        const spent = this.orders().filter((o) => o.orderStatus === 2).reduce((s, o) => s + o.amount + o.fee, 0);
        const balance = 500_000_000 - spent;
        return reply(200, { errorCode: '0', balanceDescriptionList: { balanceAmount: Math.abs(balance), balanceCurrency: '398', balanceSign: balance >= 0 ? 'C' : 'D' } });
      }
      case 'registerPayout.do':
        return this.register(body);
      case 'performPayout.do':
        return this.perform(body);
      case 'getPayoutStatus.do':
        return this.status(body);
      default:
        return { status: 404, contentType: 'text/plain', body: 'Not Found' };
    }
  }

  private common(body: Record<string, unknown>): PayoutsReply | { orderNumber: string; amount: number; description: string; clientId: string | null } {
    const { orderNumber, amount, currency } = body;
    if (typeof orderNumber !== 'string' || orderNumber === '' || orderNumber.length > 32) return error(400, '98', 'orderNumber is а required parameter');
    if (typeof amount !== 'number' || !Number.isInteger(amount) || amount <= 0 || amount > 999_999_999_999) return error(400, '98', 'amount does not match required pattern [0-9]{1,12}');
    if (currency !== '398') return error(400, '98', 'Currency does not match required pattern');
    const client = body.client && typeof body.client === 'object' ? (body.client as Record<string, unknown>) : {};
    if (typeof client.name === 'string' && !/^[A-Za-z .'-]{1,24}$/.test(client.name)) return error(400, '98', 'client.name does not match required pattern [A-Za-z]{1,24}');
    if (this.find(orderNumber)) return error(400, '98', `Order with orderNumber ${orderNumber} is already registered`);
    return { orderNumber, amount, description: typeof body.description === 'string' ? body.description : '', clientId: typeof client.clientId === 'string' ? client.clientId : null };
  }

  private register(body: Record<string, unknown>): PayoutsReply {
    const c = this.common(body);
    if ('status' in c) return c;
    const urls = body.urls && typeof body.urls === 'object' ? (body.urls as Record<string, unknown>) : {};
    if (typeof urls.returnUrl !== 'string' || !/^https?:\/\//.test(urls.returnUrl)) return error(400, '98', 'urls.returnUrl is а required parameter');
    const order = this.newOrder(c, null);
    const secs = typeof body.sessionTimeoutSecs === 'number' && body.sessionTimeoutSecs > 0 ? body.sessionTimeoutSecs : 1200;
    order.expiresAt = this.now() + secs * 1000;
    this.save(order);
    return reply(200, { errorCode: '0', orderNumber: order.orderNumber, orderId: order.orderId, formUrl: `${this.options.baseUrl()}/payouts/sandbox/payment_ru.html?mdOrder=${order.orderId}` });
  }

  private perform(body: Record<string, unknown>): PayoutsReply {
    const c = this.common(body);
    if ('status' in c) return c;
    const target = body.target && typeof body.target === 'object' ? (body.target as Record<string, unknown>) : {};
    const card = target.card && typeof target.card === 'object' ? (target.card as Record<string, unknown>).pan : target.pan;
    const pan = typeof card === 'string' ? card.replace(/\s/g, '') : '';
    if (!/^\d{16,19}$/.test(pan) || !luhn(pan)) return error(502, '400', 'Invalid request: bin is empty or is not numeric');
    if (/^(22|6)/.test(pan)) return error(502, '204', `Cannot find any bin range in db for [${pan.slice(0, 6)}]`);
    const last4 = pan.slice(-4);
    if (last4 === '0707') {
      const timer = setTimeout(() => {
        this.late.delete(timer);
        if (this.find(c.orderNumber)) return;
        const order = this.newOrder(c, mask(pan));
        order.performCount = 1;
        this.pay(order);
      }, LATE_PERFORM_MS);
      this.late.add(timer);
      return { ...reply(200, {}), fault: 'hang' };
    }
    if (last4 === '0808') {
      this.confused.add(c.orderNumber);
      return { ...reply(200, {}), fault: 'hang' };
    }
    if (last4 === '0500') return error(500, '99', 'There was an error getting gateway parameters');
    if (last4 === '0505') return error(504, '91', 'Timeout when requesting [gateway]');
    const order = this.newOrder(c, mask(pan));
    order.performCount = 1;
    if (last4 === '0006') {
      order.orderStatus = 6;
      this.save(order);
      return reply(200, { ...this.view(order), errorCode: '0' });
    }
    this.pay(order);
    if (last4 === '0504') return error(504, '91', 'Timeout when requesting [gateway]');
    if (last4 === '0602') return { ...reply(200, {}), fault: 'reset' };
    if (last4 === '0606') return { ...reply(200, {}), fault: 'hang' };
    return reply(200, { ...this.view(order), errorCode: '0', errorMessage: 'Успешно' });
  }

  /** The bank's card page completing a registered payout (sandbox: a card number posted to it). */
  completeRegistered(orderId: string, pan: string): PayoutOrder | null {
    const order = this.orders().find((o) => o.orderId === orderId);
    if (!order || order.orderStatus !== 0) return order ?? null;
    if (order.expiresAt && this.now() > order.expiresAt) return order; // the page expired: nothing is paid
    if (!/^\d{16,19}$/.test(pan) || !luhn(pan)) return order;
    order.maskedPan = mask(pan);
    this.pay(order);
    return order;
  }

  private status(body: Record<string, unknown>): PayoutsReply {
    const order =
      typeof body.orderNumber === 'string' ? this.find(body.orderNumber) : typeof body.orderId === 'string' ? this.orders().find((o) => o.orderId === body.orderId) : undefined;
    if (body.orderNumber === undefined && body.orderId === undefined) return error(400, '98', 'No order identification provided to find order in database');
    if (!order && typeof body.orderNumber === 'string' && this.confused.has(body.orderNumber)) {
      const another = this.orders().find((o) => o.orderStatus === 2);
      if (another) return reply(200, { ...this.view(another), errorCode: '0', errorMessage: 'Успешно' });
    }
    if (!order) return error(400, '98', 'Order not found in payout proxy. Check orderId or orderNumber');
    return reply(200, { ...this.view(order), errorCode: '0', errorMessage: 'Успешно' });
  }

  private newOrder(c: { orderNumber: string; amount: number; description: string; clientId: string | null }, maskedPan: string | null): PayoutOrder {
    const order: PayoutOrder = {
      orderNumber: c.orderNumber, orderId: crypto.randomUUID(), amount: c.amount, fee: 0, currency: '398', description: c.description,
      orderStatus: 0, maskedPan, clientId: c.clientId, creationDate: this.now(), refNum: null, performCount: 0, paidCount: 0,
    };
    this.save(order);
    return order;
  }

  private pay(order: PayoutOrder): void {
    order.orderStatus = 2;
    order.paidCount += 1;
    order.refNum = String(100_000_000_000 + Math.floor(Math.random() * 899_999_999_999));
    this.save(order);
  }

  private view(o: PayoutOrder): Record<string, unknown> {
    return {
      amount: o.amount, fee: o.fee, currency: o.currency, orderNumber: o.orderNumber, orderId: o.orderId, description: o.description,
      creationDate: o.creationDate, orderStatus: String(o.orderStatus),
      operationList: o.orderStatus === 2 ? [{ operationDate: this.now(), operationType: 'P2P_CREDIT', amount: o.amount, currency: '398', resultCode: 0, resultCodeDescription: 'Перевод исполнен', refNum: o.refNum, panMaskedTo: o.maskedPan }] : [],
      target: { clientId: o.clientId, maskedPan: o.maskedPan },
    };
  }

  private find(orderNumber: string): PayoutOrder | undefined {
    return this.options.store.get<PayoutOrder>(ORDERS, orderNumber);
  }

  private save(order: PayoutOrder): void {
    this.options.store.put(ORDERS, order.orderNumber, order);
  }
}

function reply(status: number, value: unknown): PayoutsReply {
  return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(value) };
}

function error(status: number, errorCode: string, errorMessage: string): PayoutsReply {
  return reply(status, { errorCode, errorMessage });
}

export function mask(pan: string): string {
  return `${pan.slice(0, 6)}${'X'.repeat(pan.length - 10)}${pan.slice(-4)}`;
}

export function luhn(pan: string): boolean {
  let sum = 0;
  for (let i = 0; i < pan.length; i++) {
    let d = Number(pan[pan.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
