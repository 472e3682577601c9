/**
 * A person-readable hint for a catalog regexp, for the shapes catalogs use most (so many digits);
 * null for anything else, where the screen says "check the format" with the field's title.
 */
export type PatternHint = { kind: 'digits'; min: number; max: number } | null;

export function patternHint(regexp: string | null): PatternHint {
  if (!regexp) return null;
  const m = /^\^?(?:\\d|\[0-9\])\{(\d+)(?:,(\d+))?\}\$?$/.exec(regexp);
  if (!m) return null;
  const min = Number(m[1]);
  return { kind: 'digits', min, max: m[2] === undefined ? min : Number(m[2]) };
}

/** Whether a field takes digits only (the kiosk opens its digit keyboard). */
export function isNumeric(regexp: string | null): boolean {
  return patternHint(regexp) !== null;
}
