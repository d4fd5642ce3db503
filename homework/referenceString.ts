// Seeded page reference strings for the policy homework. Without locality
// every reference is uniform over pages 0..maxPage-1, as OSTEP's generator
// draws them; with locality P a small hot set (a fifth of the pages, at
// least one, chosen by the seed) gets round(P x count) of the references,
// at seeded positions, and the other pages share the rest.
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

/** The hot set's share of the pages. */
const HOT_FRACTION = 5;

export function makeReferenceString(opts: ReferenceStringOptions): ReferenceString {
  const prng = new Prng(opts.seed);
  if (opts.locality === undefined) {
    return { references: Array.from({ length: opts.count }, () => prng.below(opts.maxPage)), hotPages: [] };
  }
  const hotSize = Math.max(1, Math.floor(opts.maxPage / HOT_FRACTION));
  const pages = shuffled(opts.maxPage, prng);
  const hot = pages.slice(0, hotSize);
  const cold = pages.slice(hotSize);
  // Exactly round(P x count) references go to the hot set, at seeded
  // positions, so that the share the problem states is the string's own.
  const hotCount = cold.length === 0 ? opts.count : Math.round(opts.locality * opts.count);
  const isHot = new Uint8Array(opts.count);
  for (const at of shuffled(opts.count, prng).slice(0, hotCount)) isHot[at] = 1;
  const references = Array.from({ length: opts.count }, (_, i) => {
    const from = isHot[i] === 1 ? hot : cold;
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
