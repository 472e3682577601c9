import type { TerminalEvent } from '../../shared/ipc/views.js';

export type { TerminalEvent };

/** Status changes closer together than this reach the screens as one (a queue drain changes it per payment). */
export const STATUS_COALESCE_MS = 100;

export class TerminalEvents {
  private readonly listeners = new Set<(e: TerminalEvent) => void>();
  private statusPending: NodeJS.Timeout | null = null;

  on(listener: (e: TerminalEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Payment events go out at once. Status events are coalesced: each makes every screen ask for the
   * status again (which, in a kiosk, asks the printer for its paper), so a burst becomes one.
   */
  emit(e: TerminalEvent): void {
    if (e.type === 'status') {
      if (this.statusPending) return;
      this.statusPending = setTimeout(() => {
        this.statusPending = null;
        this.deliver(e);
      }, STATUS_COALESCE_MS);
      this.statusPending.unref();
      return;
    }
    this.deliver(e);
  }

  private deliver(e: TerminalEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // A screen that went away must not stop the others from hearing.
      }
    }
  }
}
