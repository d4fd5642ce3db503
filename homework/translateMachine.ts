// The machine behind a translate problem: a generated guest program run by
// the real kernel on a machine with few frames, stopped once it has made its
// pages. The program writes `pages` pages of a .bss area in a seeded order
// (more than fit, so some are swapped out), forks (the child shares them
// copy-on-write), writes a few of them again in the parent (copies, or swap
// reads), and then both processes spin. The rest of the area is never
// touched: not present. Everything is reached through the library API
// (bootMachine, Kernel.step) and the state it leaves.
import { assemble } from '../asm/index.js';
import type { ProgramImage } from '../asm/image.js';
import { bootMachine } from '../kernel/run.js';
import type { Kernel } from '../kernel/kernel.js';
import type { Process } from '../kernel/process.js';
import { Prng } from '../mmu/prng.js';
import { PAGE_SIZE_BYTES } from '../mmu/page.js';
import { shuffled } from './referenceString.js';

export interface TranslateMachineOptions {
  readonly seed: number;
  /** .bss pages the program writes before it forks. */
  readonly pages: number;
}

export interface TranslateMachine {
  readonly kernel: Kernel;
  /** The process the problem shows (the parent, pid 1). */
  readonly process: Process;
  readonly source: string;
  readonly frames: number;
  /** Area page indexes in the order the program writes them, then those the parent writes after the fork. */
  readonly written: readonly number[];
  readonly rewritten: readonly number[];
  readonly areaPages: number;
}

/** The replacement policy of the machine (the kernel's default). */
export const TRANSLATE_POLICY = 'clock';
/** Frames besides the written pages: the kernel half's table, two roots and two second-level tables, the text page. */
const FIXED_FRAMES = 6;
const MIN_FRAMES = 8;
const STEP_INSTRUCTIONS = 1000;
const MAX_INSTRUCTIONS = 1_000_000;

/**
 * Frames for the machine: room for about two thirds of the written pages
 * plus the parent's copies, so that after the fork some pages are shared
 * copy-on-write, some private and some swapped out (checked over many seeds
 * in test/homework/translate.test.ts).
 */
export function framesFor(pages: number): number {
  return Math.max(MIN_FRAMES, FIXED_FRAMES + pages - Math.floor(pages / 3) + Math.ceil(pages / 4));
}

export function buildTranslateMachine(opts: TranslateMachineOptions): TranslateMachine {
  const prng = new Prng(opts.seed);
  const areaPages = opts.pages + Math.max(2, Math.ceil(opts.pages / 2));
  const written = shuffled(areaPages, prng).slice(0, opts.pages);
  const rewritten = shuffled(opts.pages, prng).slice(0, Math.max(1, Math.ceil(opts.pages / 4))).map((i) => written[i]!);
  const store = (page: number) => {
    const offset = page * PAGE_SIZE_BYTES + 4 * prng.below(PAGE_SIZE_BYTES / 4);
    return [`    li   r7, area+${offset}`, `    li   r6, ${prng.nextU32()}`, '    sw   r6, 0(r7)'];
  };
  const source = [
    '; made by illusion homework translate: write pages, fork, write some again, spin',
    '.text',
    '_start:',
    ...written.flatMap(store),
    '    li   r1, 4            ; fork',
    '    syscall',
    '    beqz r1, child',
    ...rewritten.flatMap(store),
    'parent_done:',
    '    j    parent_done',
    'child:',
    '    j    child',
    '.bss',
    '.align 4096',
    'area:',
    `    .space ${areaPages * PAGE_SIZE_BYTES}`,
    '',
  ].join('\n');
  const assembled = assemble(source, 'translate.s');
  if (!assembled.ok) throw new Error(`homework translate: the generated program does not assemble: ${assembled.errors[0]?.message}`);
  const image = assembled.image;
  const frames = framesFor(opts.pages);
  const kernel = bootMachine([{ name: 'translate.s', image }], { config: { frames, policy: TRANSLATE_POLICY, seed: opts.seed } });
  runUntilSpinning(kernel, image);
  return { kernel, process: kernel.processes[0]!, source, frames, written, rewritten, areaPages };
}

/** Steps the machine until the parent and its child both spin at their labels. */
function runUntilSpinning(kernel: Kernel, image: ProgramImage): void {
  const at = (name: string) => image.symbols.find((s) => s.name === name)!.value;
  const parentDone = at('parent_done');
  const child = at('child');
  for (let ran = 0; ran < MAX_INSTRUCTIONS; ran += STEP_INSTRUCTIONS) {
    kernel.step(STEP_INSTRUCTIONS);
    const [p, c] = kernel.processes;
    if (p === undefined || !p.alive || (c !== undefined && !c.alive)) break;
    if (c !== undefined && kernel.pcOf(p) === parentDone && kernel.pcOf(c) === child) return;
  }
  throw new Error('homework translate: the generated program did not reach its end state (a kernel bug)');
}
