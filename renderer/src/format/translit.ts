/**
 * Search across scripts: a Latin query finds a Cyrillic name and back («beeline» finds «Билайн»,
 * «казахтелеком» finds «Kazakhtelecom»). Both sides are reduced to a consonant skeleton of their
 * Latin transliteration (Russian and Kazakh letters), with the usual spelling variants folded
 * (kh/h, c/k or s, ph/f, w/v, g/h, doubled letters), so spellings that sound alike meet.
 */

const CYR: Record<string, string> = {
  а: 'a', ә: 'a', б: 'b', в: 'v', г: 'g', ғ: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', і: 'i', к: 'k', қ: 'k', л: 'l', м: 'm',
  н: 'n', ң: 'n', о: 'o', ө: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ұ: 'u', ү: 'u', ф: 'f', х: 'h', һ: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sh',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** Latin letters for a Cyrillic (Russian or Kazakh) text; Latin text stays as it is (lower case). */
export function toLatin(text: string): string {
  let out = '';
  for (const ch of text.toLocaleLowerCase('ru')) out += CYR[ch] ?? ch;
  return out;
}

/** The consonant skeleton of a text in either script: what two spellings that sound alike share. */
export function skeleton(text: string): string {
  return toLatin(text)
    .replace(/kh/g, 'h')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c(?![hs])/g, 'k')
    // Russian writes an English h as г (Herbalife → Гербалайф).
    .replace(/g/g, 'h')
    .replace(/w/g, 'v')
    .replace(/x/g, 'ks')
    .replace(/q/g, 'k')
    .replace(/[^a-z0-9]/g, '')
    .replace(/[aeiouy]/g, '')
    .replace(/(.)\1+/g, '$1');
}

/** Whether a query word matches a text's skeleton (only words with at least two consonants: "a" must not match everything). */
export function soundsIn(wordSkeleton: string, textSkeleton: string): boolean {
  return wordSkeleton.length >= 2 && textSkeleton.includes(wordSkeleton);
}
