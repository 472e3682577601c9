/**
 * The preload exposes one function per channel of the contract and nothing else, each sending its
 * channel and arguments down the one IPC channel; events come back through one subscription.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { channels } from '../../shared/ipc/contract.js';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn((..._args: unknown[]) => Promise.resolve({ ok: true, value: 'answer' }));
const listeners = new Map<string, (...a: unknown[]) => void>();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => invoke(...args),
    on: (channel: string, l: (...a: unknown[]) => void) => listeners.set(channel, l),
    removeListener: (channel: string) => listeners.delete(channel),
  },
}));

type Bridge = { api: Record<string, (a: unknown) => Promise<unknown>>; onEvent(l: (e: unknown) => void): () => void };

beforeAll(async () => {
  // The source (.cts); the build emits out/preload/preload.cjs from it.
  const source = '../../preload/preload.cts';
  await import(/* @vite-ignore */ source);
});

describe('preload', () => {
  it('exposes exactly the contract’s channels, under window.tolem', () => {
    expect(Object.keys(exposed)).toEqual(['tolem']);
    const bridge = exposed.tolem as Bridge;
    expect(Object.keys(bridge.api).sort()).toEqual(Object.keys(channels).sort());
  });

  it('each call goes down the one invoke channel with its name and arguments', async () => {
    const bridge = exposed.tolem as Bridge;
    expect(await bridge.api['payment.get']!({ agentTransactionId: '123' })).toEqual({ ok: true, value: 'answer' });
    expect(invoke).toHaveBeenCalledWith('tolem:invoke', 'payment.get', { agentTransactionId: '123' });
  });

  it('events arrive through one subscription, which can be undone', () => {
    const bridge = exposed.tolem as Bridge;
    const heard: unknown[] = [];
    const off = bridge.onEvent((e) => heard.push(e));
    listeners.get('tolem:event')!({}, { type: 'status' });
    expect(heard).toEqual([{ type: 'status' }]);
    off();
    expect(listeners.has('tolem:event')).toBe(false);
  });
});
