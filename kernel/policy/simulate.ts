// Drives a replacement policy with a page reference string, like OSTEP's
// paging-policy.py, using the same policy modules as the kernel. Every
// reference is a touch (hit) or an admit (miss), so lru here is exact LRU,
// unlike in the kernel, which only sees accessed bits.
import { ClockPolicy } from './clock.js';
import { ClockOstepPolicy } from './clockOstep.js';
import { MruPolicy } from './mru.js';
import { createOptPolicy } from './opt.js';
import { createPolicy } from './index.js';
import { POLICY_NAMES, type PolicyName, type ReplacementPolicy, type SimulatorOnlyPolicyName } from './policy.js';
import { UnoptPolicy } from './unopt.js';

export type SimulatedPolicyName = PolicyName | SimulatorOnlyPolicyName;
/** Every policy the simulator runs: the kernel's, then the simulator's own. */
export const SIMULATED_POLICY_NAMES: readonly SimulatedPolicyName[] = [...POLICY_NAMES, 'opt', 'unopt', 'mru', 'clock-ostep'];
/** OSTEP's -b default, for clock-ostep; clock defaults to the kernel's single bit. */
export const OSTEP_CLOCK_BITS = 2;
/** The simulator's bounds as `illusion policy` and the policy homework take them: frames, and the highest page (a VPN has 20 bits). */
export const MAX_SIM_FRAMES = 1_000_000;
export const MAX_SIM_PAGE = (1 << 20) - 1;

export interface SimulateOptions {
  policy: SimulatedPolicyName;
  /** Frames available, at least 1. */
  frames: number;
  /** Page numbers, in reference order. */
  references: readonly number[];
  /** Seeds random and clock-ostep; ignored by the others. */
  seed: number;
  /** clock and clock-ostep: the reference count limit (default 1 for clock, OSTEP_CLOCK_BITS for clock-ostep). */
  clockBits?: number;
}

export interface SimulateStep {
  page: number;
  hit: boolean;
  /** The page evicted to make room, when there was one. */
  evicted?: number;
  /** Resident pages after the access, in the policy's residents() order. */
  frames: number[];
  /** clock and clock-ostep: each resident page's reference count, in the order of `frames`. */
  counts?: number[];
}

/** A policy that keeps a reference count (or bit) per page: clock and clock-ostep. */
interface CountsReferences {
  referenceCount(page: number): number;
}

function countsReferences(policy: ReplacementPolicy): policy is ReplacementPolicy & CountsReferences {
  return typeof (policy as Partial<CountsReferences>).referenceCount === 'function';
}

export interface SimulateResult {
  hits: number;
  misses: number;
  /** hits / references, 0 for an empty string. */
  hitRate: number;
  steps: SimulateStep[];
}

export function simulatePolicy(opts: SimulateOptions): SimulateResult {
  const steps = [...simulateSteps(opts)];
  let hits = 0;
  for (const step of steps) if (step.hit) hits++;
  const total = opts.references.length;
  return { hits, misses: total - hits, hitRate: total === 0 ? 0 : hits / total, steps };
}

/**
 * The simulation one access at a time, for strings too long to keep every
 * step (a trace of millions of accesses): each step is made afresh, so a
 * caller may print it and drop it. Without `residents`, a step's `frames`
 * is left empty and the policy is not asked for them (O(frames) a step),
 * for a caller that wants only the hits and misses.
 */
export function* simulateSteps(opts: SimulateOptions, residents = true): Generator<SimulateStep> {
  if (!Number.isInteger(opts.frames) || opts.frames < 1) {
    throw new Error(`simulatePolicy: frames must be a whole number >= 1, got ${opts.frames}`);
  }
  const policy = createSimulatedPolicy(opts);
  const counting = countsReferences(policy);
  const resident = new Set<number>();
  for (const page of opts.references) {
    const step: SimulateStep = { page, hit: resident.has(page), frames: [] };
    if (step.hit) {
      policy.touch(page);
    } else {
      if (resident.size >= opts.frames) step.evicted = evictOne(policy, resident);
      policy.admit(page);
      resident.add(page);
    }
    if (residents) {
      step.frames = policy.residents();
      if (counting) step.counts = step.frames.map((p) => policy.referenceCount(p));
    }
    yield step;
  }
}

/** The policy module for a simulation: the kernel's own for its names, the simulator-only ones beside them. */
export function createSimulatedPolicy(opts: SimulateOptions): ReplacementPolicy {
  switch (opts.policy) {
    case 'opt':
      return createOptPolicy(opts.references);
    case 'unopt':
      return new UnoptPolicy(opts.references);
    case 'mru':
      return new MruPolicy();
    case 'clock-ostep':
      return new ClockOstepPolicy(opts.seed, opts.clockBits ?? OSTEP_CLOCK_BITS);
    case 'clock':
      return new ClockPolicy(opts.clockBits ?? 1);
    default:
      return createPolicy(opts.policy, opts.seed);
  }
}

/** Every page may be evicted here (nothing is pinned), so a victim always exists. */
function evictOne(policy: ReplacementPolicy, resident: Set<number>): number {
  const victim = policy.chooseVictim(() => true);
  if (victim === undefined || !resident.delete(victim)) {
    throw new Error(`simulatePolicy: ${policy.name} chose no resident victim (got ${victim})`);
  }
  return victim;
}
