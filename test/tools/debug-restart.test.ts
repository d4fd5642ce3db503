// `restart`: the same programs again on a new machine, breakpoints kept,
// watchpoints deleted; the run repeats exactly (programs/debug/calls.s,
// forkwatch.s). Exact transcripts of piped sessions.
import { expect, test } from 'vitest';
import { transcript } from './debugSession.js';

test('after the end, restart runs the program again to the same breakpoint with the same counts', () => {
  const lines = transcript(['programs/debug/calls.s'], [
    'break times',
    'c',
    'regs',
    'c',
    'c',
    'c',
    'restart',
    'c',
    'regs',
  ]);
  expect(lines.slice(0, 4)).toEqual([
    'illusion debug: pid 1 (calls.s). Type help for the commands.',
    'pid 1 (calls.s) at 0x00001000  addi r2, r0, 3  ; 7: li   r2, 3',
    '(illusion) break times',
    'breakpoint 1 at 0x00001060 (times, calls.s:40)',
  ]);
  const regs = (from: number) => lines.slice(from, from + 5);
  const first = lines.indexOf('(illusion) regs');
  const second = lines.lastIndexOf('(illusion) regs');
  expect(lines.slice(lines.indexOf('(illusion) restart'), lines.indexOf('(illusion) restart') + 6)).toEqual([
    '(illusion) restart',
    'restarted: pid 1 (calls.s); 1 breakpoint kept',
    'pid 1 (calls.s) at 0x00001000  addi r2, r0, 3  ; 7: li   r2, 3',
    '(illusion) c',
    'breakpoint 1, pid 1 at 0x00001060 (times, calls.s:40)',
    'pid 1 (calls.s) at 0x00001060  mul r1, r2, r3  ; 40: mul  r1, r2, r3',
  ]);
  expect(lines).toContain('  pid 1 (calls.s) exited with code 25');
  // The same registers, instructions and cycles at the first hit of each run.
  expect(regs(second + 1)).toEqual(regs(first + 1));
  expect(regs(first + 1)[4]).toBe(' pc 0x00001060  instructions 11  cycles 2131');
});

test('restart keeps trap breakpoints and deletes watchpoints, saying how many', () => {
  expect(transcript(['programs/debug/forkwatch.s'], [
    'watch counter',
    'break-trap syscall',
    'c',
    'restart',
    'info breakpoints',
    'c',
    'restart now',
  ])).toEqual([
    'illusion debug: pid 1 (forkwatch.s). Type help for the commands.',
    'pid 1 (forkwatch.s) at 0x00001000  lui r4, 0x0  ; 13: la   r4, counter',
    '(illusion) watch counter',
    'watchpoint 1: 0x00002000 (counter) in pid 1, now 0x00000000',
    '(illusion) break-trap syscall',
    'breakpoint 2 on trap syscall',
    '(illusion) c',
    'trap syscall in pid 1 (fork returned 2)',
    'pid 1 (forkwatch.s) at 0x00001014  lui r4, 0x0  ; 18: la   r4, counter',
    '(illusion) restart',
    "restarted: pid 1 (forkwatch.s); 1 breakpoint kept, 1 watchpoint deleted (it watched the old run's processes)",
    'pid 1 (forkwatch.s) at 0x00001000  lui r4, 0x0  ; 13: la   r4, counter',
    '(illusion) info breakpoints',
    'Num  Type  What',
    '2    trap  syscall',
    '(illusion) c',
    'trap syscall in pid 1 (fork returned 2)',
    'pid 1 (forkwatch.s) at 0x00001014  lui r4, 0x0  ; 18: la   r4, counter',
    '(illusion) restart now',
    'restart takes no argument (it starts the same programs again)',
  ]);
});

test('run is gdb\'s: typed first it runs to the breakpoint; typed again it starts over and runs to it again', () => {
  const lines = transcript(['programs/debug/calls.s'], ['break times', 'run', 'regs', 'run', 'regs', 'run now']);
  const stop = [
    'breakpoint 1, pid 1 at 0x00001060 (times, calls.s:40)',
    'pid 1 (calls.s) at 0x00001060  mul r1, r2, r3  ; 40: mul  r1, r2, r3',
  ];
  const at = lines.indexOf('(illusion) run');
  expect(lines.slice(at, at + 3)).toEqual(['(illusion) run', ...stop]);
  const again = lines.indexOf('(illusion) run', at + 1);
  expect(lines.slice(again, again + 4)).toEqual(['(illusion) run', 'restarted: pid 1 (calls.s); 1 breakpoint kept', ...stop]);
  // Both stops after the same 11 instructions and cycles: the run repeated exactly.
  const regs = lines.filter((l) => l.startsWith(' pc '));
  expect(regs).toEqual([' pc 0x00001060  instructions 11  cycles 2131', ' pc 0x00001060  instructions 11  cycles 2131']);
  expect(lines.at(-2)).toBe('(illusion) run now');
  expect(lines.at(-1)).toBe('run takes no argument (it runs the programs from their start to the first stop)');
});
