/**
 * The payouts module's answers (payouts-module-v2): `unknown` until one of these accepts them.
 * Amounts are integers in tiyn; orderStatus arrives as a number or a numeric string.
 */
import { z } from 'zod';

const zCode = z.union([z.string(), z.number()]).transform((v) => String(v));
const zTiyn = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,12}$/).transform(Number)]);

export const zPayoutError = z.object({ errorCode: zCode, errorMessage: z.string().nullish() });

export const zBalanceAnswer = z.object({
  errorCode: zCode,
  balanceDescriptionList: z.object({ balanceAmount: zTiyn, balanceCurrency: zCode, balanceSign: z.enum(['C', 'D']) }),
});

export const zRegisterAnswer = z.object({ errorCode: zCode, orderId: z.string().min(1), formUrl: z.string().url(), orderNumber: z.string().nullish() });

/** performPayout.do and getPayoutStatus.do answer with the order as the bank holds it. */
export const zOrderAnswer = z.object({
  errorCode: zCode,
  errorMessage: z.string().nullish(),
  orderNumber: z.string().nullish(),
  orderId: z.string().nullish(),
  amount: zTiyn.nullish(),
  fee: zTiyn.nullish(),
  orderStatus: z.union([z.number().int(), z.string().regex(/^\d$/).transform(Number)]).nullish(),
  target: z.object({ maskedPan: z.string().nullish() }).passthrough().nullish(),
});
export type OrderAnswer = z.output<typeof zOrderAnswer>;
