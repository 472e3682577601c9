/**
 * Random moments for the crash tests that can be replayed: a seed from TOLEM_CRASH_SEED (or the
 * clock), printed by each test, and mulberry32, a small seeded generator.
 */
export const CRASH_SEED = Number(process.env.TOLEM_CRASH_SEED ?? Date.now() % 2 ** 31);

/** mulberry32: numbers in [0, 1) that the same seed gives again. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
