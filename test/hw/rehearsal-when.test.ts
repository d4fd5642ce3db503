// When the CPU's rehearsal (cpu/rehearsal.ts) runs: at the interpreter's
// first run when it runs everything, and with the block engine only once
// the interpreter has done REHEARSE_AFTER of work (cpu/cpu.ts). Each case
// runs in a fresh process, as the rehearsal is once per process.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT } from '../e2e/harness.js';

/** Runs `body` (an ES module's text, with `dist` the built tree's URL) in a fresh node; returns what it printed as JSON. */
function fresh(body: string): unknown {
  const dist = `file://${join(ROOT, 'dist')}`;
  const script = `const dist = ${JSON.stringify(dist)};\n${body}`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

const PRELUDE = `
const { assemble } = await import(dist + '/asm/index.js');
const { runPrograms } = await import(dist + '/kernel/run.js');
const { hasRehearsed, REHEARSE_AFTER } = await import(dist + '/cpu/cpu.js');
const prog = (text) => [{ name: 'p.s', image: assemble(text, 'p.s').image }];
// A loop of 20,000 passes that blocks run; two syscalls at the end.
const loop = prog('_start: li r3, 20000\\nl: addi r3, r3, -1\\nbnez r3, l\\nli r1, 0\\nli r2, 7\\nsyscall\\n');
// One getpid per pass: the interpreter runs each syscall (blocks never run a syscall).
const calls = (n) => prog('_start: li r3, ' + n + '\\nl: li r1, 3\\nsyscall\\naddi r3, r3, -1\\nbnez r3, l\\nli r1, 0\\nli r2, 0\\nsyscall\\n');
`;

test('the interpreter rehearses at its first run', () => {
  expect(fresh(`${PRELUDE}
    const before = hasRehearsed();
    const r = runPrograms(loop, { config: { engine: 'interp' } });
    console.log(JSON.stringify({ before, after: hasRehearsed(), code: r.processes[0].code }));
  `)).toEqual({ before: false, after: true, code: 7 });
});

test('the block engine does not rehearse for a run that leaves the interpreter little, and its result is the same', () => {
  expect(fresh(`${PRELUDE}
    const blocks = runPrograms(loop, { config: { engine: 'blocks' } });
    const rehearsedByBlocks = hasRehearsed();
    const interp = runPrograms(loop, { config: { engine: 'interp' } });
    console.log(JSON.stringify({ rehearsedByBlocks, code: blocks.processes[0].code, same: JSON.stringify(blocks.stats) === JSON.stringify(interp.stats) }));
  `)).toEqual({ rehearsedByBlocks: false, code: 7, same: true });
});

test('the block engine rehearses once the interpreter has done REHEARSE_AFTER of work (a syscall a pass)', () => {
  expect(fresh(`${PRELUDE}
    runPrograms(calls(100), { config: { engine: 'blocks' } });
    const afterFew = hasRehearsed();
    const r = runPrograms(calls(REHEARSE_AFTER), { config: { engine: 'blocks' } });
    console.log(JSON.stringify({ afterFew, afterMany: hasRehearsed(), code: r.processes[0].code }));
  `)).toEqual({ afterFew: false, afterMany: true, code: 0 });
});
