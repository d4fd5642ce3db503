// The guest program that carries out a copy-on-write scenario: one block of
// straight-line code per process, each step's access (or fork, or exit) on
// an instruction labelled `stepN`, and `yield` where the next step is
// another process's. The kernel runs the ready queue round robin (a forked
// child joins its tail, a yield moves the caller there), so the yields are
// placed by following that queue; the machine checks that the steps then
// happen in the planned order (homework/cowMachine.ts).
import { PAGE_SIZE_BYTES } from '../mmu/page.js';
import { Prng } from '../mmu/prng.js';
import type { CowStep } from './cowScenario.js';
import { pidsOf } from './cowScenario.js';

const SYS_EXIT = 0;
const SYS_FORK = 4;
const SYS_YIELD = 7;

export interface CowProgramOptions {
  readonly seed: number;
  readonly pages: number;
  readonly steps: readonly CowStep[];
  /** The command that made it, for the first comment. */
  readonly command: string;
}

export const stepLabel = (index: number) => `step${index + 1}`;

export function describeStep(s: CowStep): string {
  if (s.op === 'fork') return `pid ${s.pid} forks pid ${s.child}`;
  if (s.op === 'exit') return `pid ${s.pid} exits`;
  return `pid ${s.pid} ${s.op === 'read' ? 'reads' : 'writes'} page ${s.page}`;
}

export function makeCowProgram(opts: CowProgramOptions): string {
  const prng = new Prng(opts.seed ^ 0x7072_6f67);
  const blocks = new Map<number, string[]>(pidsOf(opts.steps).map((pid) => [pid, []]));
  const code = (pid: number) => blocks.get(pid)!;
  let running = 1;
  const queue: number[] = [];
  const ended = new Set<number>();
  opts.steps.forEach((s, i) => {
    while (running !== s.pid) {
      const next = queue[0]!;
      code(running).push(`    li   r1, ${SYS_YIELD}            ; yield: pid ${next} runs next`, '    syscall');
      queue.push(running);
      running = queue.shift()!;
    }
    const lines = code(s.pid);
    lines.push(`    ; step ${i + 1}: ${describeStep(s)}`);
    const label = `${stepLabel(i)}:`;
    if (s.op === 'read' || s.op === 'write') {
      const offset = s.page * PAGE_SIZE_BYTES + 4 * prng.below(PAGE_SIZE_BYTES / 4);
      lines.push(`    li   r7, area+${offset}`);
      if (s.op === 'write') lines.push(`    li   r6, ${i + 1}`, `${label} sw   r6, 0(r7)`);
      else lines.push(`${label} lw   r6, 0(r7)`);
    } else if (s.op === 'fork') {
      lines.push(`    li   r1, ${SYS_FORK}`, `${label} syscall`, `    beqz r1, proc${s.child}        ; the child's code`);
      queue.push(s.child);
    } else {
      lines.push(`    li   r1, ${SYS_EXIT}`, '    li   r2, 0', `${label} syscall`);
      ended.add(s.pid);
      running = queue.shift()!;
    }
  });
  const out = [
    `; made by ${opts.command}`,
    '; one block of code per process; each step is the instruction labelled stepN',
    '.text',
    '_start:',
  ];
  for (const [pid, lines] of blocks) {
    out.push(`proc${pid}:`);
    out.push(...lines);
    if (!ended.has(pid)) out.push('    ; no step left: exit', `    li   r1, ${SYS_EXIT}`, '    li   r2, 0', '    syscall');
  }
  out.push('.bss', '.align 4096', 'area:', `    .space ${opts.pages * PAGE_SIZE_BYTES}`, '');
  return out.join('\n');
}
