// A process that blocks (sleep, wait) under the debugger: the machine skips
// ahead to the wake-up, and what the debugger stops on after it still stops
// it (breakpoints, the call frames for bt).
import { expect, test } from 'vitest';
import { transcript } from './debugSession.js';

test('a breakpoint just after a sleep stops when the process wakes, and bt is sure of the frames', () => {
  expect(transcript(['test/tools/programs/nap.s'], [
    'break nap+12',
    'c',
    'bt',
    'finish',
  ])).toEqual([
    'illusion debug: pid 1 (nap.s). Type help for the commands.',
    'pid 1 (nap.s) at 0x00001000  jal ra, nap  ; 4: _start: call nap',
    '(illusion) break nap+12',
    'breakpoint 1 at 0x0000101c (nap+12, nap.s:11)',
    '(illusion) c',
    'breakpoint 1, pid 1 at 0x0000101c (nap+12, nap.s:11)',
    'pid 1 (nap.s) at 0x0000101c  addi r5, r5, 1  ; 11: addi r5, r5, 1',
    '(illusion) bt',
    '#0  0x0000101c in nap (nap.s:11)',
    '#1  0x00001000 in _start (nap.s:4)',
    '(illusion) finish',
    'returned to 0x00001004, r1 = 0x00000000',
    'pid 1 (nap.s) at 0x00001004  addi r1, r0, 0  ; 5: li   r1, 0',
  ]);
});

test('next over a wait that blocks runs until the wait returns: r1 is the child it reaped', () => {
  const lines = transcript(['test/tools/programs/waitnap.s'], ['break :10', 'c', 'next', 'regs']);
  expect(lines.slice(6, 10)).toEqual([
    'pid 1 (waitnap.s) at 0x00001018  syscall  ; 10: syscall',
    '(illusion) next',
    'pid 1 (waitnap.s) at 0x0000101c  addi r6, r1, 0  ; 11: mv   r6, r1             ; the pid wait returned',
    '(illusion) regs',
  ]);
  expect(lines[10]).toBe(' r0 0x00000000   r1 0x00000002   r2 0x00002000   r3 0x00000000');
});

test('a step into a wait or a sleep says the process is blocked there, not about to run the next instruction', () => {
  expect(transcript(['test/tools/programs/waitnap.s'], ['break :10', 'break :18', 'c', 'step', 'ps', 'c', 'step']).slice(9)).toEqual([
    '(illusion) step',
    'pid 1 (waitnap.s) at 0x0000101c  addi r6, r1, 0  ; 11: mv   r6, r1             ; the pid wait returned',
    '  pid 1 is blocked in wait: none of its children has ended yet (child: pid 2); r1 gets the result when it returns',
    '(illusion) ps',
    '  pid  name       state    pc          ended',
    '    1  waitnap.s  waiting  0x0000101c',
    '    2  waitnap.s  ready    0x00001008',
    '(illusion) c',
    'breakpoint 2, pid 2 at 0x0000103c (waitnap.s:18)',
    'pid 2 (waitnap.s) at 0x0000103c  syscall  ; 18: syscall',
    '(illusion) step',
    'pid 2 (waitnap.s) at 0x00001040  addi r1, r0, 0  ; 19: li   r1, 0              ; exit(3)',
    '  pid 2 is blocked in sleep until tick 2 (now tick 0)',
  ]);
});
