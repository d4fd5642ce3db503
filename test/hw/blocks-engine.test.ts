// The block engine as a user meets it: `--engine interp|blocks` on the
// command line, the engine in the --json config, code that a program writes
// and rewrites through mprotect, and the tools that keep the reference CPU.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { collectResult } from '../../kernel/result.js';
import { bootMachine } from '../../kernel/run.js';
import { source } from '../e2e/harness.js';
import { illusion } from '../tools/cli.js';

// mmap a page, write `addi r5, r5, 1; ret` into it, make it r-x and call it
// 100 times; make it rw- again, rewrite the addi to add 100, r-x, 100 calls (enough calls for the
// engine to compile the page's code before it is rewritten).
const SELF_WRITING = `
_start: li r1, 8
        li r2, 4096
        li r3, 3                ; rw-
        syscall
        mv r10, r1
        li r6, 0x11550001       ; addi r5, r5, 1
        sw r6, 0(r10)
        li r6, 0x390f0000       ; jalr r0, ra, 0
        sw r6, 4(r10)
        li r7, 5                ; r-x
        call protect
        call ten
        li r7, 3
        call protect
        li r6, 0x11550064       ; addi r5, r5, 100
        sw r6, 0(r10)
        li r7, 5
        call protect
        call ten
        li r6, 10100
        li r2, 0
        beq r5, r6, done
        li r2, 1
done:   li r1, 0
        syscall
protect: li r1, 10              ; mprotect(r10, 4096, r7)
        mv r2, r10
        li r3, 4096
        mv r4, r7
        syscall
        ret
ten:    mv r12, ra
        li r9, 100
again:  jalr ra, r10, 0
        addi r9, r9, -1
        bnez r9, again
        jr r12
`.replace('jr r12', 'jalr r0, r12, 0');

describe('block engine: code a program writes', () => {
  test('code rewritten through mprotect runs as rewritten, on both engines', () => {
    const results = (['interp', 'blocks'] as const).map((engine) => {
      const kernel = bootMachine([source('selfwrite.s', SELF_WRITING)], { config: { engine } });
      kernel.run();
      const { config, ...result } = collectResult(kernel);
      expect(config.engine).toBe(engine);
      return { result, blocks: kernel.machine.blocks };
    });
    expect(results[0]!.result.processes[0]).toMatchObject({ status: 'exited', code: 0 });
    expect(results[1]!.result).toEqual(results[0]!.result);
    // The old block was dropped when the program stored into its frame.
    expect(results[1]!.blocks!.counts.dropped).toBeGreaterThanOrEqual(1);
    expect(results[1]!.blocks!.counts.blockInstructions).toBeGreaterThan(0);
  });
});

describe('--engine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'illusion-engine-'));
  const loop = join(dir, 'loop.s');
  writeFileSync(loop, [
    '_start: li r6, 100000', 'loop: addi r7, r7, 3', '  addi r6, r6, -1', '  bnez r6, loop',
    '  li r1, 0', '  andi r2, r7, 255', '  syscall',
  ].join('\n'));

  test('runs the same program to the same result and shows the engine in --json', () => {
    const interp = illusion(['run', loop, '--json', '--engine', 'interp']);
    const blocks = illusion(['run', loop, '--json', '--engine', 'blocks']);
    expect(interp.status).toBe(300_000 & 255);
    expect(blocks.status).toBe(interp.status);
    const a = JSON.parse(interp.stdout) as { config: Record<string, unknown>; stats: unknown };
    const b = JSON.parse(blocks.stdout) as { config: Record<string, unknown>; stats: unknown };
    expect(a.config.engine).toBe('interp');
    expect(b.config.engine).toBe('blocks');
    expect(b.stats).toEqual(a.stats);
    expect({ ...b.config, engine: 'interp' }).toEqual(a.config);
  });

  test('the default engine is blocks (docs/engine.md: measured faster)', () => {
    const r = illusion(['run', loop, '--json']);
    expect((JSON.parse(r.stdout) as { config: Record<string, unknown> }).config.engine).toBe('blocks');
  });

  test.each(['run', 'debug', 'sweep'])('a bad engine for %s is bad usage: exit 2, one line', (command) => {
    const extra = command === 'sweep' ? ['--tlb-entries', '4,8'] : [];
    const r = illusion([command, loop, ...extra, '--engine', 'jit']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("illusion: error: --engine: expected one of interp, blocks, got 'jit'\n");
    expect(r.stdout).toBe('');
  });

  test('sweep and debug take it too', () => {
    const sweep = illusion(['sweep', loop, '--tlb-entries', '4,8', '--engine', 'blocks']);
    expect(sweep.status).toBe(0);
    expect(sweep.stdout).toBe(illusion(['sweep', loop, '--tlb-entries', '4,8', '--engine', 'interp']).stdout);
    const debug = illusion(['debug', loop, '--engine', 'blocks'], 'c\nregs\nquit\n');
    expect(debug.status).toBe(0);
    expect(debug.stdout).toBe(illusion(['debug', loop, '--engine', 'interp'], 'c\nregs\nquit\n').stdout);
  });

  test('a trace is the same with either engine (the tracer runs the reference CPU)', () => {
    const traces = ['interp', 'blocks'].map((engine) => {
      const file = join(dir, `trace-${engine}.jsonl`);
      expect(illusion(['run', loop, '--trace', file, '--trace-hits', '--engine', engine]).status).toBe(300_000 & 255);
      return readFileSync(file, 'utf8');
    });
    expect(traces[0]!.split('\n').length).toBeGreaterThan(100_000);
    expect(traces[1]).toBe(traces[0]);
  });
});
