/**
 * agentTransactionId: an integer of up to 18 digits, unique for the agent forever.
 *
 * Layout (decimal): TTTTT SSSSSSSSSSSSS
 *   T (5 digits)  terminal id, 1..99999, configured per terminal: terminals of one agent never collide.
 *   S (13 digits) time in units of 100 µs since 2025-01-01T00:00:00Z (lasts until 2056),
 *                 made strictly increasing by the journal (never reused after a restart, and after a
 *                 re-install with a new journal the clock has moved past every id issued before).
 * Kept as a decimal string end to end; never a JavaScript number.
 */

export const ID_EPOCH_MS = Date.UTC(2025, 0, 1);
export const TICKS_PER_MS = 10n;
export const SEQUENCE_SPACE = 10n ** 13n;
export const MAX_TERMINAL_ID = 99_999;

export class IdError extends Error {
  override name = 'IdError';
}

export function assertTerminalId(terminalId: number): void {
  if (!Number.isInteger(terminalId) || terminalId < 1 || terminalId > MAX_TERMINAL_ID) {
    throw new IdError(`terminal id must be an integer from 1 to ${MAX_TERMINAL_ID}, got ${terminalId}`);
  }
}

/** The current time as a tick (100 µs units since the id epoch). */
export function currentTick(nowMs: number): bigint {
  return BigInt(Math.floor(nowMs) - ID_EPOCH_MS) * TICKS_PER_MS;
}

/** The next tick to use: the clock, or one past the last issued one if the clock lags. */
export function nextTick(lastIssued: bigint | null, nowMs: number): bigint {
  const now = currentTick(nowMs);
  const next = lastIssued !== null && lastIssued >= now ? lastIssued + 1n : now;
  if (next < 0n || next >= SEQUENCE_SPACE) throw new IdError(`clock is outside the id range (tick ${next})`);
  return next;
}

export function composeAgentTransactionId(terminalId: number, tick: bigint): string {
  assertTerminalId(terminalId);
  if (tick < 0n || tick >= SEQUENCE_SPACE) throw new IdError(`tick ${tick} is outside the id range`);
  return (BigInt(terminalId) * SEQUENCE_SPACE + tick).toString();
}

export function decomposeAgentTransactionId(id: string): { terminalId: number; tick: bigint } {
  if (!/^[1-9]\d{0,17}$/.test(id)) throw new IdError(`"${id}" is not an id of up to 18 digits`);
  const value = BigInt(id);
  return { terminalId: Number(value / SEQUENCE_SPACE), tick: value % SEQUENCE_SPACE };
}

/** An id of up to 18 digits as processing uses them (agentTransactionId, transactionId). */
export function isId18(text: string): boolean {
  return /^\d{1,18}$/.test(text);
}
