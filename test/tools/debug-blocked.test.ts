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

test('a step into a wait or a sleep says the process is blocked there, not about to run the next instruction; ps says what each waits for', () => {
  expect(transcript(['test/tools/programs/waitnap.s'], ['break :10', 'break :18', 'c', 'step', 'ps', 'c', 'step', 'ps']).slice(9)).toEqual([
    '(illusion) step',
    'pid 1 (waitnap.s) at 0x0000101c  addi r6, r1, 0  ; 11: mv   r6, r1             ; the pid wait returned',
    '  pid 1 is blocked in wait: none of its children has ended yet (child: pid 2); r1 gets the result when it returns',
    '(illusion) ps',
    '  pid  ppid  name       state                    pc          ended',
    '    1     0  waitnap.s  waiting for child pid 2  0x0000101c',
    '    2     1  waitnap.s  ready                    0x00001008',
    '(illusion) c',
    'breakpoint 2, pid 2 at 0x0000103c (waitnap.s:18)',
    'pid 2 (waitnap.s) at 0x0000103c  syscall  ; 18: syscall',
    '(illusion) step',
    'pid 2 (waitnap.s) at 0x00001040  addi r1, r0, 0  ; 19: li   r1, 0              ; exit(3)',
    '  pid 2 is blocked in sleep until tick 2 (now tick 0)',
    '(illusion) ps',
    '  pid  ppid  name       state                    pc          ended',
    '    1     0  waitnap.s  waiting for child pid 2  0x0000101c',
    '    2     1  waitnap.s  sleeping until tick 2    0x00001040',
  ]);
});

test('--max-instructions: the debugger stops at the limit before the kill, so the runaway can be inspected', () => {
  expect(transcript(['test/tools/programs/runaway.s'], ['c', 'bt', 'regs', 'c'], ['--max-instructions', '1000'])).toEqual([
    'illusion debug: pid 1 (runaway.s). Type help for the commands.',
    'pid 1 (runaway.s) at 0x00001000  addi r4, r0, 10  ; 4: _start: li   r4, 10',
    '(illusion) c',
    'the machine has run its limit of 1000 instructions (--max-instructions): going on kills every live process with instruction_limit; inspect them now',
    'pid 1 (runaway.s) at 0x00001014  addi r4, r4, 1  ; 9: count:  addi r4, r4, 1          ; meant to count down to 0',
    '(illusion) bt',
    '#0  0x00001014 in count (runaway.s:9)',
    '#1  0x00001004 in _start (runaway.s:5)',
    '(illusion) regs',
    ' r0 0x00000000   r1 0x00000000   r2 0x00000000   r3 0x00000000',
    ' r4 0x000001fd   r5 0x00000000   r6 0x00000000   r7 0x00000000',
    ' r8 0x00000000   r9 0x00000000  r10 0x00000000  r11 0x00000000',
    'r12 0x00000000   fp 0x00000000   sp 0x80000000   ra 0x00001008',
    ' pc 0x00001014  instructions 1000  cycles 2060',
    '(illusion) c',
    'pid 1 (runaway.s) killed: instruction_limit: the machine reached its limit of 1000 instructions (--max-instructions) before it ended (max_instructions); pc 0x00001014, runaway.s:9',
    'every process has ended:',
    '  pid 1 (runaway.s) killed: instruction_limit',
  ]);
});

test('break-trap syscall stops where a wait or a sleep blocks and again where each returns (a sleep before it runs on)', () => {
  expect(transcript(['test/tools/programs/waitnap.s'], ['break-trap syscall', 'c', 'c', 'c', 'c', 'c']).slice(8)).toEqual([
    'trap syscall in pid 1 (wait blocked)',
    'pid 1 (waitnap.s) at 0x0000101c  addi r6, r1, 0  ; 11: mv   r6, r1             ; the pid wait returned',
    '  pid 1 is blocked in wait: none of its children has ended yet (child: pid 2); r1 gets the result when it returns',
    '(illusion) c',
    'trap syscall in pid 2 (sleep blocked)',
    'pid 2 (waitnap.s) at 0x00001040  addi r1, r0, 0  ; 19: li   r1, 0              ; exit(3)',
    '  pid 2 is blocked in sleep until tick 2 (now tick 0)',
    '(illusion) c',
    'trap syscall in pid 2 (sleep returned 0)',
    'pid 2 (waitnap.s) at 0x00001040  addi r1, r0, 0  ; 19: li   r1, 0              ; exit(3)',
    '(illusion) c',
    'trap syscall in pid 1 (wait returned 2)',
    'pid 1 (waitnap.s) at 0x0000101c  addi r6, r1, 0  ; 11: mv   r6, r1             ; the pid wait returned',
  ]);
});

test('regs of a blocked process says r1 is not the call\'s result yet', () => {
  expect(transcript(['test/tools/programs/waitnap.s'], ['b :10', 'c', 'step', 'regs 1']).slice(-7)).toEqual([
    '(illusion) regs 1',
    ' r0 0x00000000   r1 0x00000005   r2 0x00002000   r3 0x00000000',
    ' r4 0x00000000   r5 0x00000000   r6 0x00000000   r7 0x00000000',
    ' r8 0x00000000   r9 0x00000000  r10 0x00000000  r11 0x00000000',
    'r12 0x00000000   fp 0x00000000   sp 0x80000000   ra 0x00000000',
    ' pc 0x0000101c  instructions 7  cycles 1067',
    '  pid 1 is blocked in wait: none of its children has ended yet (child: pid 2); r1 gets the result when it returns',
  ]);
});

test('the limit reached by a system call that blocks still stops before the kill (the blocked process is shown)', () => {
  expect(transcript(['test/tools/programs/nap.s'], ['c', 'c'], ['--max-instructions', '4']).slice(2)).toEqual([
    '(illusion) c',
    'the machine has run its limit of 4 instructions (--max-instructions): going on kills every live process with instruction_limit; inspect them now',
    'pid 1 (nap.s) at 0x0000101c  addi r5, r5, 1  ; 11: addi r5, r5, 1',
    '  pid 1 is blocked in sleep until tick 3 (now tick 0)',
    '(illusion) c',
    'pid 1 (nap.s) killed: instruction_limit: the machine reached its limit of 4 instructions (--max-instructions) before it ended (max_instructions); pc 0x00001018, nap.s:10',
    'every process has ended:',
    '  pid 1 (nap.s) killed: instruction_limit',
  ]);
});

test('ps names every child a blocked wait still waits for', () => {
  expect(transcript(['programs/sleep.s'], ['b sleeper', 'c', 'ps']).slice(-4)).toEqual([
    '  pid  ppid  name     state                          pc          ended',
    '    1     0  sleep.s  waiting for children pid 2, 3  0x00001078',
    '*   2     1  sleep.s  running                        0x000010e8',
    '    3     1  sleep.s  ready                          0x00001024',
  ]);
});

test('a syscall stop shows an address result in hex and names an error result', () => {
  expect(transcript(['test/tools/programs/mapwait.s'], ['break-trap syscall', 'c', 'c']).filter((l) => l.startsWith('trap'))).toEqual([
    'trap syscall in pid 1 (mmap returned 0x7fdff000)',
    'trap syscall in pid 1 (wait returned -10, ECHILD)',
  ]);
});

test('a sleep that returns on a timer tick while another process runs stops showing the sleeper, not the runner', () => {
  expect(transcript(['test/tools/programs/spinnap.s'], ['break-trap syscall', 'c', 'c', 'c']).slice(-3)).toEqual([
    '(illusion) c',
    'trap syscall in pid 2 (sleep returned 0)',
    'pid 2 (spinnap.s) at 0x0000103c  addi r1, r0, 0  ; 19: li   r1, 0              ; exit(9)',
  ]);
});

// Found by dbg23: bt of a blocked process named the line after its syscall,
// which has not run, while its kill report (kill, --max-instructions) names
// the syscall itself.
test('bt of a process blocked in wait or sleep names the syscall it is blocked in', () => {
  expect(transcript(['test/tools/programs/waitnap.s'], ['break :10', 'break :18', 'c', 'step', 'bt', 'c', 'step', 'bt 2', 'bt 1']).slice(-12)).toEqual([
    '(illusion) bt',
    '#0  0x00001018 in _start (waitnap.s:10), blocked in wait',
    '(illusion) c',
    'breakpoint 2, pid 2 at 0x0000103c (waitnap.s:18)',
    'pid 2 (waitnap.s) at 0x0000103c  syscall  ; 18: syscall',
    '(illusion) step',
    'pid 2 (waitnap.s) at 0x00001040  addi r1, r0, 0  ; 19: li   r1, 0              ; exit(3)',
    '  pid 2 is blocked in sleep until tick 2 (now tick 0)',
    '(illusion) bt 2',
    '#0  0x0000103c in _start (waitnap.s:18), blocked in sleep',
    '(illusion) bt 1',
    '#0  0x00001018 in _start (waitnap.s:10), blocked in wait',
  ]);
});
