// Seeded page reference strings for the policy homework. Without locality
// every reference is uniform over pages 0..maxPage-1, as OSTEP's generator
// draws them; with locality P a small hot set (a fifth of the pages, at
// least one, chosen by the seed) gets a share P of the references and the
// other pages share the rest.
import { Prng } from '../mmu/prng.js';

export interface ReferenceStringOptions {
  readonly seed: number;
  readonly count: number;
  /** Pages are 0..maxPage-1. */
  readonly maxPage: number;
  /** Share of references to the hot set, 0..1; undefined for uniform references. */
  readonly locality?: number;
}

export interface ReferenceString {
  readonly references: number[];
  /** The hot set, ascending; empty without locality. */
  readonly hotPages: number[];
}

/** Resolution of the locality draw: P is compared in millionths. */
const LOCALITY_SCALE = 1_000_000;
/** The hot set's share of the pages. */
const HOT_FRACTION = 5;

export function makeReferenceString(opts: ReferenceStringOptions): ReferenceString {
  const prng = new Prng(opts.seed);
  if (opts.locality === undefined) {
    return { references: Array.from({ length: opts.count }, () => prng.below(opts.maxPage)), hotPages: [] };
  }
  const hotCount = Math.max(1, Math.floor(opts.maxPage / HOT_FRACTION));
  const pages = shuffled(opts.maxPage, prng);
  const hot = pages.slice(0, hotCount);
  const cold = pages.slice(hotCount);
  const threshold = Math.round(opts.locality * LOCALITY_SCALE);
  const references = Array.from({ length: opts.count }, () => {
    const useHot = cold.length === 0 || prng.below(LOCALITY_SCALE) < threshold;
    const from = useHot ? hot : cold;
    return from[prng.below(from.length)]!;
  });
  return { references, hotPages: hot.sort((a, b) => a - b) };
}

/** 0..n-1 in a seeded order (Fisher-Yates). */
export function shuffled(n: number, prng: Prng): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = prng.below(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
