/**
 * Scripted behaviours of the sandbox, chosen by the last four characters of the account, so a
 * person can demo every path from the CLI or the screen (the table is in docs/operating.md).
 */

export type Script =
  | { kind: 'normal' }
  /** pay answers `code` `times` times, then 0. */
  | { kind: 'temporary'; code: number; times: number }
  /** pay answers 1 once, then 202 twice (a repeat answered 202 is not final), then 0. */
  | { kind: '202-on-repeat' }
  /** check and pay answer a final code. */
  | { kind: 'final'; code: number; onCheck: boolean }
  /** pay answers HTTP `status` `times` times, then normally. */
  | { kind: 'http'; status: number; times: number }
  /** the first pay is processed but its answer never comes (held past the client's timeout). */
  | { kind: 'timeout-once' }
  /** the first pay is processed, then the connection is dropped before the answer. */
  | { kind: 'reset-once' }
  /** the first pay is answered with an HTML page from a "proxy". */
  | { kind: 'html-once' }
  /** the first pay is answered with truncated JSON. */
  | { kind: 'truncated-once' }
  /** the first pay is answered with JSON of the wrong types. */
  | { kind: 'wrong-types-once' }
  /** pay never answers (the connection hangs until the client gives up). */
  | { kind: 'hang' }
  /** pay answers after 3 seconds. */
  | { kind: 'slow' }
  /** check answers HTTP 503 (processing half down); pay works. */
  | { kind: 'check-down' };

const FINAL_CODES = new Set([4, 5, 7, 8, 130, 155, 215, 241, 242, 250, 300]);
const TEMPORARY: Record<number, number> = { 1: 2, 153: 1, 220: 2, 255: 1 };

export function scriptFor(account: string): Script {
  const m = /(\d{4})$/.exec(account);
  if (!m || !m[1]?.startsWith('9')) return { kind: 'normal' };
  const tail = m[1];
  const code = Number(tail.slice(1));
  if (tail === '9202') return { kind: '202-on-repeat' };
  if (TEMPORARY[code] !== undefined) return { kind: 'temporary', code, times: TEMPORARY[code] };
  if (FINAL_CODES.has(code)) return { kind: 'final', code, onCheck: code === 4 || code === 5 };
  if (tail === '9500' || tail === '9502' || tail === '9503' || tail === '9504') return { kind: 'http', status: 500 + Number(tail.slice(2)), times: 2 };
  switch (tail) {
    case '9601': return { kind: 'timeout-once' };
    case '9602': return { kind: 'reset-once' };
    case '9603': return { kind: 'html-once' };
    case '9604': return { kind: 'truncated-once' };
    case '9605': return { kind: 'wrong-types-once' };
    case '9606': return { kind: 'hang' };
    case '9607': return { kind: 'slow' };
    case '9610': return { kind: 'check-down' };
    default: return { kind: 'normal' };
  }
}
