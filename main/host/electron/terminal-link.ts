/**
 * The main process's side of the terminal's utility process: requests with ids and their envelopes,
 * the terminal's events, the kiosk's way out, and the bank pages the terminal registered (a cashier's
 * bank page window opens only for one of those). No `electron` import: tested as it is.
 */
import type { Envelope } from '../../../shared/ipc/contract.js';
import type { FromTerminal, ToTerminal } from './terminal-process.js';

export class TerminalLink {
  private seq = 0;
  private readonly waiting = new Map<number, (r: Envelope<unknown>) => void>();
  private readonly bankPages = new Set<string>();
  private settle: (() => void) | null = null;
  private fail: ((err: Error) => void) | null = null;
  private isClosed = false;
  private onClosed: (() => void) | null = null;
  /** Resolves when the terminal has opened (rejects with why it could not). */
  readonly ready: Promise<void>;
  onEvent: (e: unknown) => void = () => undefined;
  onExitKiosk: () => void = () => undefined;
  /** The terminal asks for a PNG of the window (the fleet's screenshot command), base64. */
  onScreenshot: () => Promise<string> = () => Promise.reject(new Error('no window'));

  constructor(private readonly send: (m: ToTerminal) => void) {
    this.ready = new Promise<void>((resolve, reject) => {
      this.settle = resolve;
      this.fail = reject;
    });
  }

  /** One IPC call, answered with the terminal's envelope (never a throw). */
  invoke(channel: unknown, args: unknown, frameUrl: unknown): Promise<Envelope<unknown>> {
    if (this.isClosed) return Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'the terminal has stopped' } });
    const id = ++this.seq;
    return new Promise((resolve) => {
      this.waiting.set(id, (r) => {
        // A payout waiting for the card on the bank's page: its page may open in a locked-down window.
        const v = r.ok ? (r.value as { state?: unknown; formUrl?: unknown } | null) : null;
        if ((channel === 'payout.start' || channel === 'payout.check') && v && v.state === 'registered' && typeof v.formUrl === 'string') this.bankPages.add(v.formUrl);
        resolve(r);
      });
      this.send({ id, channel, args, frameUrl });
    });
  }

  /** A message from the terminal's process. */
  receive(raw: unknown): void {
    const m = raw as FromTerminal;
    if (!m || typeof m !== 'object') return;
    if ('ready' in m) this.settle?.();
    else if ('failed' in m) this.fail?.(new Error(m.failed));
    else if ('exitKiosk' in m) this.onExitKiosk();
    else if ('screenshot' in m) {
      const id = m.screenshot;
      this.onScreenshot().then(
        (png) => this.send({ screenshotOf: id, png, error: null }),
        (err: unknown) => this.send({ screenshotOf: id, png: null, error: err instanceof Error ? err.message : String(err) }),
      );
    }
    else if ('event' in m) this.onEvent(m.event);
    else if ('id' in m) {
      const done = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      done?.(m.result as Envelope<unknown>);
    }
  }

  /** The bank's origin when `url` is a card page the terminal registered, else null. */
  bankPage(url: string): string | null {
    if (!this.bankPages.has(url)) return null;
    try {
      return new URL(url).origin;
    } catch {
      return null;
    }
  }

  /** The terminal's process ended: every call still waiting is answered "unavailable". */
  closed(): void {
    this.isClosed = true;
    this.fail?.(new Error('the terminal\'s process ended before it opened'));
    for (const [, done] of this.waiting) done({ ok: false, error: { code: 'unavailable', message: 'the terminal has stopped' } });
    this.waiting.clear();
    this.onClosed?.();
  }

  /** Asks the terminal to stop and waits for its process to end, at most `ms`. */
  stop(ms: number): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.onClosed = () => {
        clearTimeout(timer);
        resolve();
      };
      this.send({ stop: true });
    });
  }
}
