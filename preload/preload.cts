/**
 * The preload: the renderer's only door to the terminal. One function per channel of the IPC
 * contract, all through one IPC channel, plus the event subscription. Sandboxed: it may require
 * nothing but electron, so the contract is imported for its types only.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Args, Channel, Envelope, EventListener, Results, TerminalEvent, TolemApi, TolemBridge } from '../shared/ipc/contract.js';

const INVOKE = 'tolem:invoke';
const EVENT = 'tolem:event';

const invoke = <C extends Channel>(channel: C) => (args: Args<C>): Promise<Envelope<Results[C]>> => ipcRenderer.invoke(INVOKE, channel, args) as Promise<Envelope<Results[C]>>;

const api = {
  'terminal.status': invoke('terminal.status'),
  'terminal.screen': invoke('terminal.screen'),
  'catalog.get': invoke('catalog.get'),
  'catalog.logos': invoke('catalog.logos'),
  'operator.byPhone': invoke('operator.byPhone'),
  'payment.check': invoke('payment.check'),
  'payment.pay': invoke('payment.pay'),
  'payment.quote': invoke('payment.quote'),
  'payment.get': invoke('payment.get'),
  'payment.retryNow': invoke('payment.retryNow'),
  'journal.list': invoke('journal.list'),
  'journal.totals': invoke('journal.totals'),
  'receipt.print': invoke('receipt.print'),
  'receipt.preview': invoke('receipt.preview'),
  'printer.test': invoke('printer.test'),
  'cash.insert': invoke('cash.insert'),
  'cash.unpaid': invoke('cash.unpaid'),
  'cash.settle': invoke('cash.settle'),
  'cash.release': invoke('cash.release'),
  'cash.progress': invoke('cash.progress'),
  'cash.accept': invoke('cash.accept'),
  'cash.stop': invoke('cash.stop'),
  'device.status': invoke('device.status'),
  'device.test': invoke('device.test'),
  'till.report': invoke('till.report'),
  'till.close': invoke('till.close'),
  'till.openShift': invoke('till.openShift'),
  'till.shifts': invoke('till.shifts'),
  'till.history': invoke('till.history'),
  'till.closed': invoke('till.closed'),
  'payout.quote': invoke('payout.quote'),
  'payout.start': invoke('payout.start'),
  'payout.check': invoke('payout.check'),
  'payout.list': invoke('payout.list'),
  'payout.print': invoke('payout.print'),
  'payouts.health': invoke('payouts.health'),
  'admin.info': invoke('admin.info'),
  'admin.exit': invoke('admin.exit'),
} satisfies TolemApi;

const bridge = {
  api,
  onEvent(listener: EventListener) {
    const handler = (_e: IpcRendererEvent, event: TerminalEvent) => listener(event);
    ipcRenderer.on(EVENT, handler);
    return () => {
      ipcRenderer.removeListener(EVENT, handler);
    };
  },
} satisfies TolemBridge;

contextBridge.exposeInMainWorld('tolem', bridge);
