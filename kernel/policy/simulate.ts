// Drives a replacement policy with a page reference string, like OSTEP's
// paging-policy.py, using the same policy modules as the kernel. Every
// reference is a touch (hit) or an admit (miss), so lru here is exact LRU,
// unlike in the kernel, which only sees accessed bits.
import { createOptPolicy } from './opt.js';
import { createPolicy } from './index.js';
import type { PolicyName, ReplacementPolicy } from './policy.js';

export interface SimulateOptions {
  policy: PolicyName | 'opt';
  /** Frames available, at least 1. */
  frames: number;
  /** Page numbers, in reference order. */
  references: readonly number[];
  /** Seeds random; ignored by the others. */
  seed: number;
}

export interface SimulateStep {
  page: number;
  hit: boolean;
  /** The page evicted to make room, when there was one. */
  evicted?: number;
  /** Resident pages after the access, in the policy's residents() order. */
  frames: number[];
}

export interface SimulateResult {
  hits: number;
  misses: number;
  /** hits / references, 0 for an empty string. */
  hitRate: number;
  steps: SimulateStep[];
}

export function simulatePolicy(opts: SimulateOptions): SimulateResult {
  if (!Number.isInteger(opts.frames) || opts.frames < 1) {
    throw new Error(`simulatePolicy: frames must be a whole number >= 1, got ${opts.frames}`);
  }
  const policy: ReplacementPolicy =
    opts.policy === 'opt' ? createOptPolicy(opts.references) : createPolicy(opts.policy, opts.seed);
  const resident = new Set<number>();
  const steps: SimulateStep[] = [];
  let hits = 0;
  for (const page of opts.references) {
    const step: SimulateStep = { page, hit: resident.has(page), frames: [] };
    if (step.hit) {
      hits++;
      policy.touch(page);
    } else {
      if (resident.size >= opts.frames) step.evicted = evictOne(policy, resident);
      policy.admit(page);
      resident.add(page);
    }
    step.frames = policy.residents();
    steps.push(step);
  }
  const total = opts.references.length;
  return { hits, misses: total - hits, hitRate: total === 0 ? 0 : hits / total, steps };
}

/** Every page may be evicted here (nothing is pinned), so a victim always exists. */
function evictOne(policy: ReplacementPolicy, resident: Set<number>): number {
  const victim = policy.chooseVictim(() => true);
  if (victim === undefined || !resident.delete(victim)) {
    throw new Error(`simulatePolicy: ${policy.name} chose no resident victim (got ${victim})`);
  }
  return victim;
}
