/** A PIN the service menu asked for was refused, in the words the screens say. */
import type { PinGuard } from '../../admin/pin-guard.js';

/** The admin PIN was refused: wrong (tries left), or the door is locked for a while. */
export class PinError extends Error {
  override name = 'PinError';
  constructor(
    readonly reason: 'pin-wrong' | 'pin-locked' | 'pin-none',
    readonly params: Record<string, number> = {},
  ) {
    super(reason === 'pin-locked' ? `too many wrong PINs: locked for ${params.seconds ?? 0} s` : reason === 'pin-none' ? 'no admin PIN is configured' : 'wrong PIN');
  }
}

/** The refusal for a verdict that is not ok. */
export function pinRefusal(verdict: Exclude<ReturnType<PinGuard['check']>, { ok: true }>): PinError {
  if (verdict.reason === 'locked') return new PinError('pin-locked', { seconds: Math.ceil(verdict.retryAfterMs / 1000) });
  if (verdict.reason === 'no-pin') return new PinError('pin-none');
  return new PinError('pin-wrong', { triesLeft: verdict.triesLeft });
}
