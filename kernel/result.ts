// The result of a run: what `--json` prints and the library returns (SPEC section 9).
import { KILL_CAUSES } from './abi.js';
import type { Kernel } from './kernel.js';
import type { Process } from './process.js';

export interface ProcessResult {
  pid: number;
  name: string;
  status: 'exited' | 'killed';
  code?: number;
  cause?: string;
  access?: string;
  address?: number;
  pc?: number;
  line?: number;
  stdout: string;
  stderr: string;
}

export interface RunStats {
  instructions: number;
  cycles: number;
  tlb_hits: number;
  tlb_misses: number;
  tlb_evictions: number;
  page_walks: number;
  /** Software refill only (0 in hardware mode): tlb_miss and tlb_modified traps the kernel took. */
  tlb_refill_traps: number;
  tlb_modified_traps: number;
  page_faults: number;
  zero_fills: number;
  image_loads: number;
  cow_copies: number;
  cow_reclaims: number;
  swap_ins: number;
  swap_outs: number;
  clean_drops: number;
  context_switches: number;
  ticks: number;
  processes: number;
  oom_kills: number;
  asid_recycles: number;
  peak_frames: number;
  page_table_frames: number;
  user_frames_at_end: number;
  swap_slots_at_end: number;
}

export interface RunResult {
  processes: ProcessResult[];
  stats: RunStats;
}

const decoder = new TextDecoder('utf-8');

function text(chunks: readonly Uint8Array[]): string {
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { all.set(c, at); at += c.length; }
  return decoder.decode(all);
}

function processResult(p: Process): ProcessResult {
  // Keys in the order SPEC section 9 lists them.
  const killed = p.killCause !== undefined;
  const f = p.fault;
  return {
    pid: p.pid,
    name: p.name,
    status: killed ? 'killed' : 'exited',
    ...(killed ? {} : { code: p.exitCode ?? 0 }),
    ...(killed ? { cause: p.killCause! } : {}),
    ...(killed && f?.access !== undefined ? { access: f.access } : {}),
    ...(killed && f?.address !== undefined ? { address: f.address } : {}),
    ...(killed && f !== undefined ? { pc: f.pc } : {}),
    ...(killed && f?.line !== undefined ? { line: f.line } : {}),
    stdout: text(p.stdout),
    stderr: text(p.stderr),
  };
}

export function collectResult(k: Kernel): RunResult {
  const { cpu, tlb, mmu } = k.machine;
  const s = k.stats;
  const t = tlb.stats();
  return {
    processes: k.processes.map(processResult),
    stats: {
      instructions: cpu.instret,
      cycles: cpu.cycles(),
      tlb_hits: t.hits,
      tlb_misses: t.misses,
      tlb_evictions: t.evictions,
      page_walks: mmu.walks,
      tlb_refill_traps: s.tlbRefillTraps,
      tlb_modified_traps: s.tlbModifiedTraps,
      page_faults: s.pageFaults,
      zero_fills: s.zeroFills,
      image_loads: s.imageLoads,
      cow_copies: s.cowCopies,
      cow_reclaims: s.cowReclaims,
      swap_ins: s.swapIns,
      swap_outs: s.swapOuts,
      clean_drops: s.cleanDrops,
      context_switches: s.contextSwitches,
      ticks: s.ticks,
      processes: k.processes.length,
      oom_kills: s.oomKills,
      asid_recycles: k.asids.recycled,
      peak_frames: s.peakFrames,
      page_table_frames: s.peakPageTableFrames,
      user_frames_at_end: k.vm.frames.userFrames,
      swap_slots_at_end: k.vm.swap.usedSlots,
    },
  };
}

/** The exit status of `illusion run`: pid 1's exit code, or 128 + its kill cause number. */
export function runExitStatus(result: RunResult): number {
  const first = result.processes[0];
  if (first === undefined) return 0;
  if (first.status === 'exited') return first.code ?? 0;
  return 128 + (KILL_CAUSE_NUMBERS[first.cause ?? ''] ?? 0);
}

const KILL_CAUSE_NUMBERS: Record<string, number> = Object.fromEntries(KILL_CAUSES.map((c, i) => [c, i + 1]));
