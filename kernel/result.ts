// The result of a run: what `--json` prints and the library returns (SPEC section 9).
import { KILL_SIGNALS, type KillCause } from './abi.js';
import { KILL_REASON_NAMES } from './killReason.js';
import { DEFAULT_CONFIG, type MachineConfig } from './config.js';
import type { Kernel } from './kernel.js';
import type { KeptOutput } from './keptOutput.js';
import type { Process } from './process.js';

export interface ProcessResult {
  pid: number;
  name: string;
  /** The pid that forked it (the trace's `parent`), 0 for a program the run started. */
  parent: number;
  status: 'exited' | 'killed';
  code?: number;
  cause?: string;
  access?: string;
  address?: number;
  pc?: number;
  line?: number;
  /** The file holding `line`, as the kill report names it (an included file's path, relative to the program's folder). */
  file?: string;
  /** Why it was killed (SPEC section 7; docs/kill-reports.md). */
  reason?: string;
  region?: string;
  /** killed: the pid that called kill. */
  killer?: number;
  /** out_of_memory: frames (page tables included) and swap slots it held. */
  frames?: number;
  swap_slots?: number;
  stdout: string;
  stderr: string;
  /** Present when more was written than kept (--max-output): true, and the bytes written in all. */
  stdout_truncated?: true;
  stdout_bytes?: number;
  stderr_truncated?: true;
  stderr_bytes?: number;
  stats: ProcessRunStats;
}

/** One process's own figures; summed over processes they give the run's. */
export interface ProcessRunStats {
  instructions: number;
  page_faults: number;
  tlb_misses: number;
  cow_copies: number;
  swap_ins: number;
  swap_outs: number;
  peak_resident_pages: number;
}

export interface RunStats {
  instructions: number;
  /** The cycle counter: exact below 2^53 (2^53 and up: the nearest double, and cycles_exact). */
  cycles: number;
  /** From 2^53 on only: the 64-bit counter's exact value in decimal (docs/kernel.md, "The clock"). */
  cycles_exact?: string;
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
  /** Timer ticks, idle skips included: exact below 2^53 (2^53 and up: the nearest double, and ticks_exact). */
  ticks: number;
  /** From 2^53 ticks on only: the exact count in decimal. */
  ticks_exact?: string;
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
  /** Present when results were dropped to keep the list bounded (kernel/proc.ts FIRST_KEPT, LAST_KEPT): how many. */
  processes_omitted?: number;
  stats: RunStats;
  /** The whole machine configuration the run used, defaults included (configJson). */
  config: Record<string, number | string | boolean | null>;
}

/**
 * A configuration as `--json` prints it: every MachineConfig field under its
 * snake_case name (the flag's name with `_` for `-`: tlb_entries is
 * --tlb-entries; asids false is --no-asid), `null` for "no limit". Enough
 * to run again with the same machine.
 */
/** Fields whose flag is not their name in snake case. */
const FLAG_NAMES: Readonly<Record<string, string>> = { maxOutputBytes: 'max_output' };

/**
 * Each field's printed name, made once at load: a regular expression per
 * field per run was most of collectResult's time for a short run
 * (docs/benchmarks.md, the architecture pass). A key MachineConfig does not
 * have (a library caller's extra) is named the same way, uncached.
 */
const JSON_NAMES: ReadonlyMap<string, string> = new Map(Object.keys(DEFAULT_CONFIG).map((key) => [key, snakeName(key)]));

function snakeName(key: string): string {
  return FLAG_NAMES[key] ?? key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function jsonName(key: string): string {
  return JSON_NAMES.get(key) ?? snakeName(key);
}

export function configJson(config: MachineConfig): Record<string, number | string | boolean | null> {
  const out: Record<string, number | string | boolean | null> = {};
  for (const key in config) {
    const value = config[key as keyof MachineConfig];
    out[jsonName(key)] = value === undefined ? null : value;
  }
  return out;
}

const decoder = new TextDecoder('utf-8');

/** A stream's truncation marks, only when something was left out. */
function truncation(name: 'stdout' | 'stderr', out: KeptOutput): Partial<ProcessResult> {
  return out.truncated ? { [`${name}_truncated`]: true, [`${name}_bytes`]: out.written } : {};
}

function processResult(p: Process): ProcessResult {
  // Keys in the order SPEC section 9 lists them.
  const k = p.kill;
  const s = p.stats;
  return {
    pid: p.pid,
    name: p.name,
    parent: p.forkedBy,
    status: k !== undefined ? 'killed' : 'exited',
    ...(k === undefined ? { code: p.exitCode ?? 0 } : {
      cause: k.cause,
      ...(k.access !== undefined ? { access: k.access } : {}),
      ...(k.address !== undefined ? { address: k.address } : {}),
      pc: k.pc,
      ...(k.line !== undefined ? { line: k.line, file: k.file } : {}),
      reason: KILL_REASON_NAMES[k.reason],
      ...(k.region !== undefined ? { region: k.region } : {}),
      ...(k.killer !== undefined ? { killer: k.killer } : {}),
      ...(k.frames !== undefined ? { frames: k.frames, swap_slots: k.swapSlots ?? 0 } : {}),
    }),
    stdout: decoder.decode(p.stdout.bytes()),
    stderr: decoder.decode(p.stderr.bytes()),
    ...truncation('stdout', p.stdout),
    ...truncation('stderr', p.stderr),
    stats: {
      instructions: s.instructions,
      page_faults: s.pageFaults,
      tlb_misses: s.tlbMisses,
      cow_copies: s.cowCopies,
      swap_ins: s.swapIns,
      swap_outs: s.swapOuts,
      peak_resident_pages: s.peakResidentPages,
    },
  };
}

/** From 2^53 ticks on, the exact count as a decimal string (ticks is then the nearest double). */
function exactTicks(ticks: bigint): Pick<RunStats, 'ticks_exact'> {
  return ticks > BigInt(Number.MAX_SAFE_INTEGER) ? { ticks_exact: ticks.toString() } : {};
}

function exactCycles(cycles: bigint): Pick<RunStats, 'cycles_exact'> {
  return cycles > BigInt(Number.MAX_SAFE_INTEGER) ? { cycles_exact: cycles.toString() } : {};
}

export function collectResult(k: Kernel): RunResult {
  const { cpu, tlb, mmu } = k.machine;
  const s = k.stats;
  k.settle();
  const t = tlb.stats();
  return {
    processes: k.processes.map(processResult),
    ...(k.procs.omitted > 0 ? { processes_omitted: k.procs.omitted } : {}),
    stats: {
      instructions: cpu.instret,
      cycles: cpu.cycles(),
      ...exactCycles(cpu.cycles64()),
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
      ticks: Number(s.ticks),
      ...exactTicks(s.ticks),
      processes: k.procs.created,
      oom_kills: s.oomKills,
      asid_recycles: k.asids.recycled,
      peak_frames: s.peakFrames,
      page_table_frames: s.peakPageTableFrames,
      user_frames_at_end: k.vm.frames.userFrames,
      swap_slots_at_end: k.vm.swap.usedSlots,
    },
    config: configJson(k.config),
  };
}

/**
 * The exit status of `illusion run` (SPEC section 9): pid 1's exit code, or
 * 128 + the POSIX signal for its kill cause, as a shell reads a native kill.
 */
export function runExitStatus(result: RunResult): number {
  const first = result.processes[0];
  if (first === undefined) return 0;
  if (first.status === 'exited') return first.code ?? 0;
  return 128 + KILL_SIGNALS[first.cause as KillCause];
}
