// --max-instructions reached while every process is blocked (attack24): the
// kernel skipped time ahead to the next wake-up first (the clock and ticks
// moved on by the whole sleep, the sleeper was loaded again) and only then
// killed, so the report said the sleeper stood past its sleep, at a line it
// never reached. The limit ends the run where it was reached: a sleeper or
// waiter is killed standing at its system call, and no time passes.
import { expect, test } from 'vitest';
import { collectResult } from '../../kernel/result.js';
import { bootMachine } from '../../kernel/run.js';
import { source } from '../e2e/harness.js';

const SLEEPER = source('sleeper.s', `
_start: li   r1, 11
        li   r2, 1000
        syscall
spin:   j    spin
`);

function limited(maxInstructions: number, engine: 'interp' | 'blocks') {
  const lines: string[] = [];
  const kernel = bootMachine([SLEEPER], { config: { maxInstructions, engine }, onKill: (l) => lines.push(l), check: true });
  kernel.run();
  const { stats, processes } = collectResult(kernel);
  return { lines, instructions: stats.instructions, ticks: stats.ticks, switches: stats.context_switches, pc: processes[0]!.pc };
}

test.each(['interp', 'blocks'] as const)('the limit reached while the only process sleeps kills it at its sleep, the clock not moved (%s)', (engine) => {
  expect(limited(3, engine)).toEqual({
    lines: ['pid 1 (sleeper.s) killed: instruction_limit: the machine reached its limit of 3 instructions (--max-instructions) before it ended (max_instructions); pc 0x00001008, sleeper.s:4'],
    instructions: 3, ticks: 0, switches: 1, pc: 0x1008,
  });
  // One more instruction than the sleep: it wakes after its 1000 ticks and runs one.
  expect(limited(4, engine)).toMatchObject({ instructions: 4, ticks: 1000, pc: 0x100c });
});
