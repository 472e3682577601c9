/** An amount written as decimal text ("200.00"), as configuration and the screens give it: integer tiyn, or a clear issue. */
import { z } from 'zod';
import { parseAmount, type Minor } from './amount.js';

export const zAmountText = z.string().transform((v, ctx): Minor => {
  try {
    return parseAmount(v);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
    return z.NEVER;
  }
});
