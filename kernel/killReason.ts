// Why a process died (SPEC section 7), as numbers: the reason for each kill
// and the region an address lies in. The words a student reads are made from
// these at the edge (kernel/killReport.ts); nothing here builds a string but
// the names tables.
import type { ProgramImage } from '../asm/image.js';
import { BY_OPCODE } from '../cpu/isa.js';
import type { AccessName } from '../cpu/trap.js';
import { GUARD_PAGE, KERNEL_BASE, STACK_BOTTOM, TEXT_BASE } from '../mmu/layout.js';
import { PAGE_SIZE_BYTES } from '../mmu/page.js';
import type { KillCause } from './abi.js';
import type { AddressSpace } from './addressSpace.js';

export const enum KillReason {
  // bad_access
  NullPage = 0,
  KernelHalf = 1,
  GuardPage = 2,
  Unmapped = 3,
  Protection = 4,
  // illegal_instruction
  PastEnd = 5,
  ZeroWord = 6,
  UnassignedOpcode = 7,
  NonzeroReservedBits = 8,
  // misaligned
  WordLoad = 9,
  WordStore = 10,
  JumpTarget = 11,
  // the other causes have one reason each
  SupervisorOnly = 12,
  ZeroDivisor = 13,
  BrkInstruction = 14,
  MemoryAndSwapFull = 15,
  KillSyscall = 16,
  MaxInstructions = 17,
  Sigint = 18,
  Sigterm = 19,
  // out_of_memory again: swap has room, but every frame holds what cannot be swapped out
  NoEvictablePage = 20,
}

/** Reason names, as `--json` prints them, indexed by KillReason. */
export const KILL_REASON_NAMES = [
  'null_page', 'kernel_half', 'guard_page', 'unmapped', 'protection',
  'past_end', 'zero_word', 'unassigned_opcode', 'nonzero_reserved_bits',
  'word_load', 'word_store', 'jump_target',
  'supervisor_only', 'zero_divisor', 'brk_instruction', 'memory_and_swap_full',
  'kill_syscall', 'max_instructions', 'sigint', 'sigterm', 'no_evictable_page',
] as const;
export type KillReasonName = (typeof KILL_REASON_NAMES)[number];

/** The regions of SPEC section 7; `bss` is told apart from `data` by the image's bounds. */
export type RegionName = 'text' | 'data' | 'bss' | 'heap' | 'stack' | 'mmap';

/** Everything known about one kill; the report and `--json` are made from it. */
export interface KillDetail {
  readonly cause: KillCause;
  readonly reason: KillReason;
  /** Where the process was: the faulting instruction, or where it stopped. */
  readonly pc: number;
  readonly access?: AccessName;
  readonly address?: number;
  /** The region holding the address (or, for an illegal instruction, the pc). */
  readonly region?: RegionName;
  /** The region's prot bits (PROT_R/W/X), for a protection fault. */
  readonly prot?: number;
  /** The instruction word at pc, when the reason comes from it. */
  readonly word?: number;
  /** unmapped: the break, when the address lies above it where the heap could grow. */
  readonly brk?: number;
  /** unmapped above the break: the highest break the heap had, when the address lay below it (an sbrk shrink gave it back). */
  readonly brkPeak?: number;
  /** killed: the pid that called kill. */
  readonly killer?: number;
  /** out_of_memory: what the process held when it was chosen. */
  readonly frames?: number;
  readonly swapSlots?: number;
  /** For no_evictable_page: what physical memory held at the kill (frames in all, the kernel's own, page tables). */
  readonly memory?: { readonly frames: number; readonly kernel: number; readonly tables: number };
  /** instruction_limit: the limit reached. */
  readonly limit?: number;
  /**
   * A refused fetch: the call that jumped there, when ra says so (the jal or
   * jalr just before ra links ra and targets the address): where the bad
   * pointer was used, since the pc itself has no source line.
   */
  readonly calledFrom?: { readonly pc: number; readonly line?: number; readonly file?: string };
  /** past_end: ra at the kill, which tells a function run off the end of .text (ra just after a call) from a _start without exit. */
  readonly ra?: number;
  /** The source line of pc, from the image's line table. */
  readonly line?: number;
  /** The file that holds that line, named as the kill report names it (an included file's own path). */
  readonly file?: string;
}

/** What a bad access was: its reason, and the region and rights when a region holds the address. */
export interface AccessClass {
  readonly reason: KillReason;
  readonly region?: RegionName;
  readonly prot?: number;
  /** unmapped: the break, when the address lies above it where the heap could grow. */
  readonly brk?: number;
  /** unmapped above the break: the highest break the heap had, when the address lay below it. */
  readonly brkPeak?: number;
}

/** Classifies an access the kernel refused (SPEC section 7's bad_access reasons). */
export function classifyBadAccess(space: AddressSpace, address: number): AccessClass {
  const a = address >>> 0;
  if (a < TEXT_BASE) return { reason: KillReason.NullPage };
  if (a >= KERNEL_BASE) return { reason: KillReason.KernelHalf };
  if (a >= GUARD_PAGE && a < STACK_BOTTOM) return { reason: KillReason.GuardPage };
  const region = space.regionAt(a);
  if (region === undefined) {
    // Room the heap could grow into (never an mmap region's): the break is the news.
    const aboveBreak = a >= space.heap.end && a < Math.min(space.heapLimit(), space.mmapFloor);
    if (!aboveBreak) return { reason: KillReason.Unmapped };
    // Below the highest break the heap ever had: memory an sbrk shrink gave back, not room never grown into.
    return a < space.brkPeak ? { reason: KillReason.Unmapped, brk: space.brk, brkPeak: space.brkPeak } : { reason: KillReason.Unmapped, brk: space.brk };
  }
  // A region holds it, so its rights refused the access (a sound kernel
  // refuses nothing a region allows).
  return { reason: KillReason.Protection, region: regionName(space, a)!, prot: region.prot };
}

/** The region holding `address`, with .bss told apart from .data; undefined when none does. */
export function regionName(space: AddressSpace, address: number): RegionName | undefined {
  const region = space.regionAt(address);
  if (region === undefined) return undefined;
  if (region.kind !== 'data') return region.kind;
  const image = space.image;
  return image.bssSize > 0 && address >>> 0 >= image.bssBase ? 'bss' : 'data';
}

/**
 * Why the word at `pc` is no instruction: past the last assembled one (still
 * in the text pages), the zero word, an unassigned opcode, or must-be-zero
 * bits set, decoded from the one opcode table the CPU uses.
 */
export function classifyIllegal(image: ProgramImage, pc: number, word: number): KillReason {
  const a = pc >>> 0;
  const textEnd = TEXT_BASE + image.text.length;
  const textPagesEnd = Math.ceil(textEnd / PAGE_SIZE_BYTES) * PAGE_SIZE_BYTES;
  if (a >= textEnd && a < textPagesEnd) return KillReason.PastEnd;
  if (word === 0) return KillReason.ZeroWord;
  if (BY_OPCODE[word >>> 24] === undefined) return KillReason.UnassignedOpcode;
  return KillReason.NonzeroReservedBits;
}

/**
 * True when a refused fetch at `address` is pc running past the last
 * instruction onto the next page: the word right after .text, when .text ends
 * on a page boundary (or is empty), lies on a page that holds no code (.data,
 * the heap, or nothing), so the fetch faults instead of reading padding.
 * classifyIllegal covers the rest of .text's last page.
 */
export function fetchRanPastEnd(image: ProgramImage, address: number): boolean {
  return address >>> 0 === TEXT_BASE + image.text.length;
}

/** The misaligned reason for an access kind: lw, sw, or a jalr target (fetch). */
export function misalignedReason(access: AccessName): KillReason {
  return access === 'load' ? KillReason.WordLoad : access === 'store' ? KillReason.WordStore : KillReason.JumpTarget;
}
