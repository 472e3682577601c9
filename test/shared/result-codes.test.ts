import { describe, expect, it } from 'vitest';
import { RESULT_CODES, judgePayResult, MAX_202_ON_REPEAT, isFinalCheckResult } from '../../shared/words/result-codes.js';

const first = { earlierPossiblyReceived: 0, consecutive202OnRepeat: 0 };
const repeat = { earlierPossiblyReceived: 1, consecutive202OnRepeat: 0 };

describe('result codes (Table 1 of the protocol)', () => {
  it('has exactly the codes of the document with their finality', () => {
    const finality = Object.fromEntries(Object.entries(RESULT_CODES).map(([c, i]) => [c, i.final]));
    expect(finality).toEqual({
      0: true, 1: false, 4: true, 5: true, 7: true, 8: true, 130: true, 153: false, 155: true,
      202: true, 215: true, 220: false, 241: true, 242: true, 250: true, 255: false, 300: true,
    });
  });

  it('0 is success; final refusals fail; temporary codes repeat', () => {
    expect(judgePayResult(0, first).kind).toBe('success');
    for (const code of [4, 5, 7, 8, 130, 155, 241, 242, 250, 300]) expect(judgePayResult(code, repeat).kind).toBe('failed');
    for (const code of [1, 153, 220, 255]) expect(judgePayResult(code, first).kind).toBe('retry');
  });

  it('202 is final only for the first request; on a repeat it is not', () => {
    expect(judgePayResult(202, first).kind).toBe('failed');
    expect(judgePayResult(202, repeat).kind).toBe('retry');
  });

  it('a 202 that never ends on repeats goes to a person instead of looping forever', () => {
    const v = judgePayResult(202, { earlierPossiblyReceived: 12, consecutive202OnRepeat: MAX_202_ON_REPEAT - 1 });
    expect(v.kind).toBe('review');
  });

  it('215 (id exists already) and unknown codes need a person', () => {
    expect(judgePayResult(215, first).kind).toBe('review');
    expect(judgePayResult(999, first)).toEqual({ kind: 'review', reason: expect.stringMatching(/not in the protocol/) });
  });

  it('for check, 202 is final and temporary codes are not', () => {
    expect(isFinalCheckResult(202)).toBe(true);
    expect(isFinalCheckResult(1)).toBe(false);
    expect(isFinalCheckResult(12345)).toBe(false);
  });
});
