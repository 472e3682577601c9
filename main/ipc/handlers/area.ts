/** What one area's module of handlers provides: its channels of the contract, parsed arguments in, results out. */
import type { Channel, ParsedArgs, Results } from '../../../shared/ipc/contract.js';

export type AreaHandlers<C extends Channel> = { [K in C]: (args: ParsedArgs<K>) => Promise<Results[K]> };

/** How long a screen waits for a final answer before showing "accepted, still processing". */
export const SCREEN_WAIT_MS = 20_000;
