/**
 * What the terminal tells its screens without being asked: something about the status bar changed
 * (connectivity, the queue), or a payment changed state (a queued payment was delivered). Events
 * carry no data a screen could act on blindly: a screen asks the IPC contract for the new state.
 */
export type TerminalEvent =
  | { type: 'status' }
  | { type: 'payment'; agentTransactionId: string; state: string };

export class TerminalEvents {
  private readonly listeners = new Set<(e: TerminalEvent) => void>();

  on(listener: (e: TerminalEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(e: TerminalEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // A screen that went away must not stop the others from hearing.
      }
    }
  }
}
