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
