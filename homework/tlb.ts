// The TLB homework (SPEC section 12): a TLB configuration and a seeded
// sequence of (ASID, page) accesses make the problem; the answers come from
// the real TLB (mmu/tlb.ts), driven as the MMU drives it: look up, record a
// hit, or fill (the TLB's own policy picks the way) on a miss. With ASIDs off
// every entry is tagged 0 and the whole TLB is flushed when another process
// runs, as the kernel does on a switch.
import { Prng } from '../mmu/prng.js';
import { PTE_A, PTE_R, PTE_U, PTE_V } from '../mmu/pte.js';
import { Tlb, type TlbConfig, type TlbPolicy } from '../mmu/tlb.js';
import type { HardwareObserver } from '../mmu/observer.js';

export interface TlbProblemOptions {
  readonly seed: number;
  readonly entries: number;
  readonly ways: number;
  readonly policy: TlbPolicy;
  readonly asids: boolean;
  readonly count: number;
  /** Pages are 0..maxPage-1. */
  readonly maxPage: number;
  /** Processes taking turns (ASIDs 1..processes). */
  readonly processes: number;
}

export interface TlbAccess {
  readonly asid: number;
  readonly vpn: number;
  /** ASIDs off and another process than the previous access's: the kernel flushed the TLB first. */
  readonly flush: boolean;
}

export interface TlbProblem extends TlbProblemOptions {
  readonly kind: 'tlb';
  readonly sets: number;
  readonly accesses: readonly TlbAccess[];
}

export interface TlbEntryName {
  readonly asid: number;
  readonly vpn: number;
}

export interface TlbStep {
  readonly hit: boolean;
  readonly set: number;
  readonly way: number;
  /** The valid entry a miss replaced, or undefined (a free way, or a hit). */
  readonly evicted: TlbEntryName | undefined;
}

export interface TlbAnswers {
  readonly hits: number;
  readonly misses: number;
  readonly hitRate: number;
  readonly steps: TlbStep[];
  /** final[set][way]: the entry's tag, undefined when invalid. */
  readonly final: (TlbEntryName | undefined)[][];
}

/** A process runs for a while before another takes over: a switch on about one access in SWITCH_ONE_IN. */
const SWITCH_ONE_IN = 4;
/** Half the accesses go back to one of the process's last RECENT_PAGES pages, so that some hit. */
const RECENT_PAGES = 4;

/** Throws RangeError for a configuration the TLB refuses (the CLI turns it into a usage error). */
export function makeTlbProblem(opts: TlbProblemOptions): TlbProblem {
  const sets = new Tlb(tlbConfig(opts)).sets;
  const prng = new Prng(opts.seed);
  let asid = 1 + prng.below(opts.processes);
  const accesses: TlbAccess[] = [];
  const recent = new Map<number, number[]>();
  for (let i = 0; i < opts.count; i++) {
    let flush = false;
    if (i > 0 && opts.processes > 1 && prng.below(SWITCH_ONE_IN) === 0) {
      const next = 1 + ((asid + prng.below(opts.processes - 1)) % opts.processes);
      flush = !opts.asids;
      asid = next;
    }
    const mine = recent.get(asid) ?? [];
    const vpn = mine.length > 0 && prng.below(2) === 0 ? mine[prng.below(mine.length)]! : prng.below(opts.maxPage);
    recent.set(asid, [vpn, ...mine.filter((v) => v !== vpn)].slice(0, RECENT_PAGES));
    accesses.push({ asid, vpn, flush });
  }
  return { ...opts, kind: 'tlb', sets, accesses };
}

function tlbConfig(p: TlbProblemOptions): TlbConfig {
  return { entries: p.entries, ways: p.ways, policy: p.policy, asids: p.asids, seed: p.seed };
}

/** Runs the accesses through a fresh real TLB. */
export function solveTlbProblem(problem: TlbProblem): TlbAnswers {
  const tlb = new Tlb(tlbConfig(problem));
  let evicted: TlbEntryName | undefined;
  tlb.observer = fillObserver((e) => { evicted = e; });
  const steps: TlbStep[] = [];
  let hits = 0;
  for (const a of problem.accesses) {
    if (a.flush) tlb.invalidateAll();
    const asid = problem.asids ? a.asid : 0;
    let e = tlb.lookup(a.vpn, asid);
    const hit = e >= 0;
    evicted = undefined;
    if (hit) {
      tlb.recordHit(e);
      hits++;
    } else {
      e = tlb.fill(a.vpn, asid, frameFor(a), PTE_V | PTE_R | PTE_U | PTE_A);
    }
    steps.push({ hit, set: Math.floor(e / tlb.ways), way: e % tlb.ways, evicted });
  }
  const final = Array.from({ length: tlb.sets }, (_, set) =>
    Array.from({ length: tlb.ways }, (_, way) => {
      const e = set * tlb.ways + way;
      return tlb.isValid(e) ? { asid: tlb.asids[e]!, vpn: tlb.vpns[e]! } : undefined;
    }));
  const n = problem.accesses.length;
  return { hits, misses: n - hits, hitRate: n === 0 ? 0 : hits / n, steps, final };
}

/** Any frame will do (the problem is about tags); distinct per process and page. */
function frameFor(a: TlbAccess): number {
  return ((a.asid << 10) | (a.vpn & 1023)) << 12;
}

/** Hears only of fills, and reports the entry a fill replaced. */
function fillObserver(onEvict: (e: TlbEntryName | undefined) => void): HardwareObserver {
  return {
    tlbHit() {},
    tlbMiss() {},
    walk() {},
    tlbInvalidate() {},
    tlbFill(_vpn, _asid, _set, _way, evictedVpn, evictedAsid) {
      onEvict(evictedVpn >= 0 ? { asid: evictedAsid, vpn: evictedVpn } : undefined);
    },
  };
}
