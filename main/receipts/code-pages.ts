/**
 * Code pages of ESC/POS printers for Russian and Kazakh text. CP866 (ESC t 17) has Cyrillic but no
 * Kazakh letters; KZ-1048 (ESC t 53) has all of them (ә ғ қ ң ө ұ ү һ і), on models that support it.
 * No code page has ₸. What a line's code page cannot hold is transliterated, never printed as "?".
 */
import iconv from 'iconv-lite';

export type CodePage = 'cp866' | 'kz1048';

export const CODE_PAGES: Record<CodePage, { escT: number; iconv: string }> = {
  cp866: { escT: 17, iconv: 'cp866' },
  kz1048: { escT: 53, iconv: 'rk1048' },
};

/** ESC t n → iconv encoding, for decoding what a printer received. */
export const ESC_T_ENCODINGS: Record<number, string> = { 0: 'cp437', 17: 'cp866', 46: 'win1251', 53: 'rk1048' };

const TRANSLIT: Record<string, string> = {
  ә: 'а', Ә: 'А', ғ: 'г', Ғ: 'Г', қ: 'к', Қ: 'К', ң: 'н', Ң: 'Н', ө: 'о', Ө: 'О', ұ: 'у', Ұ: 'У', ү: 'у', Ү: 'У',
  һ: 'х', Һ: 'Х', і: 'i', І: 'I', '₸': 'тг', '№': 'N', '«': '"', '»': '"', '—': '-', '–': '-', '·': '.',
};

const encodable = new Map<string, boolean>();
function canEncode(ch: string, page: CodePage): boolean {
  if (ch.charCodeAt(0) < 0x80) return true;
  const key = `${page}:${ch}`;
  let ok = encodable.get(key);
  if (ok === undefined) {
    const enc = CODE_PAGES[page].iconv;
    ok = iconv.decode(iconv.encode(ch, enc), enc) === ch;
    encodable.set(key, ok);
  }
  return ok;
}

/**
 * Encodes one line for a printer that supports `pages` (in order of preference): the first page
 * that holds every character, else the one that holds most, with the rest transliterated.
 */
export function encodeLine(text: string, pages: readonly CodePage[]): { page: CodePage; bytes: Buffer; transliterated: boolean } {
  if (pages.length === 0) throw new Error('a printer profile needs at least one code page');
  const chars = [...text];
  let best = pages[0] as CodePage;
  let bestMissing = Infinity;
  for (const page of pages) {
    const missing = chars.filter((c) => !canEncode(c, page)).length;
    if (missing < bestMissing) {
      best = page;
      bestMissing = missing;
    }
    if (missing === 0) break;
  }
  const out = chars.map((c) => (canEncode(c, best) ? c : [...(TRANSLIT[c] ?? '?')].filter((t) => canEncode(t, best)).join('') || '?')).join('');
  return { page: best, bytes: iconv.encode(out, CODE_PAGES[best].iconv), transliterated: bestMissing > 0 };
}

/**
 * Replaces what none of `pages` can print (₸ above all) before the receipt is laid out, so that
 * columns are counted on what will actually be printed.
 */
export function fitToCodePages(text: string, pages: readonly CodePage[]): string {
  return [...text].map((c) => (pages.some((p) => canEncode(c, p)) ? c : (TRANSLIT[c] ?? '?'))).join('');
}
