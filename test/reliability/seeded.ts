/**
 * A small seeded PRNG (mulberry32) for the reliability tests: every random choice derives from one seed,
 * printed by the test and overridable by an environment variable, so a failure replays exactly.
 */
export interface Rng {
  /** [0, 1) */
  next(): number;
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

/** The seed from `envVar` when set (to replay a failure), else a fresh one; always logged. */
export function seedFrom(envVar: string, what: string): number {
  const given = process.env[envVar];
  const seed = given ? Number(given) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isInteger(seed)) throw new Error(`${envVar} must be an integer, not ${given}`);
  console.log(`[${what}] seed ${seed} (replay with ${envVar}=${seed})`);
  return seed;
}
