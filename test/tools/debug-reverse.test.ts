// Going back in `illusion debug`: reverse-stepi, reverse-continue,
// reverse-step/next/finish and record goto replay the run from the start
// (docs/debugger.md, Going back). Exact transcripts of piped sessions.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { illusion } from './cli.js';
import { transcript } from './debugSession.js';

/** The lines after the command `command` (its nth occurrence from 1) up to the next prompt. */
function answer(lines: string[], command: string, nth = 1): string[] {
  let at = -1;
  for (let i = 0; i < nth; i++) at = lines.indexOf(`(illusion) ${command}`, at + 1);
  expect(at).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > at && l.startsWith('(illusion) '));
  return lines.slice(at + 1, end < 0 ? undefined : end);
}

const KILL = '  pid 1 (list.s) killed: bad_access: load from 0x00000000 in the null page (below 0x00001000): was the pointer null? (null_page); pc 0x00001028, list.s:24';

test('after a kill, reverse-stepi stands before the instruction that killed: the process alive, its registers as they were', () => {
  expect(transcript(['programs/debug/list.s'], ['c', 'c', 'rsi', 'ps', 'regs', 'x/3 node3']).slice(2)).toEqual([
    '(illusion) c',
    'pid 1 is about to be killed (inspect it now; continue lets it die):',
    KILL,
    'pid 1 (list.s) at 0x00001028  lw r4, 0(r3)  ; 24: lw   r4, 0(r3)          ; its key',
    '(illusion) c',
    KILL.trim(),
    'every process has ended:',
    '  pid 1 (list.s) killed: bad_access',
    '(illusion) rsi',
    'back to instruction 29 (before the instruction that killed pid 1: bad_access)',
    'pid 1 (list.s) at 0x00001028  lw r4, 0(r3)  ; 24: lw   r4, 0(r3)          ; its key',
    '(illusion) ps',
    '  pid  ppid  name    state    pc          ended',
    '*   1     0  list.s  running  0x00001028',
    '(illusion) regs',
    ' r0 0x00000000   r1 0x00000014   r2 0x00000004   r3 0x00000000',
    ' r4 0x00000003   r5 0x00000000   r6 0x00000014   r7 0x00000000',
    ' r8 0x00000000   r9 0x00000000  r10 0x00000000  r11 0x00000000',
    'r12 0x00000000   fp 0x00000000   sp 0x80000000   ra 0x00001014',
    // Before the faulting load: its page fault's cycles are not spent yet.
    ' pc 0x00001028  instructions 29  cycles 2169',
    '(illusion) x/3 node3',
    '0x00002018: 0x00000003 0x0000001e 0x00000000  |............|',
  ]);
});

test('reverse-stepi N then step N comes back to the same state: registers and info stats line for line', () => {
  for (const [file, n] of [['programs/debug/calls.s', 7], ['programs/forkwait.s', 900]] as const) {
    const lines = transcript([file], ['step 2000', 'regs', 'info stats', 'ps', `rsi ${n}`, `step ${n}`, 'regs', 'info stats', 'ps']);
    const cut = lines.indexOf(`(illusion) rsi ${n}`);
    const before = lines.slice(lines.indexOf('(illusion) regs'), cut);
    const after = lines.slice(lines.indexOf('(illusion) regs', cut), lines.length);
    expect(after).toEqual(before);
    expect(before.length).toBeGreaterThan(30);
  }
});

test('at the start reverse-stepi says so; rsi N past the start stops there, saying how many there were', () => {
  expect(transcript(['programs/debug/calls.s'], ['rsi', 'step 3', 'rsi 5', 'reverse-stepi 0']).slice(2)).toEqual([
    '(illusion) rsi',
    'reverse-stepi: at the start (instruction 0): nothing to go back over',
    '(illusion) step 3',
    'pid 1 (calls.s) at 0x00001018  addi sp, sp, -8  ; 16: addi sp, sp, -8',
    '(illusion) rsi 5',
    'back to instruction 0 (the start: only 3 instructions to go back over)',
    'pid 1 (calls.s) at 0x00001000  addi r2, r0, 3  ; 7: li   r2, 3',
    '(illusion) reverse-stepi 0',
    "'0' is not a count (a whole number from 1)",
  ]);
});

test('reverse-continue goes back to the previous breakpoint hit, then to the start, saying which', () => {
  expect(transcript(['programs/debug/calls.s'], ['break times', 'c', 'c', 'c', 'rc', 'regs', 'rc', 'rc', 'rc']).slice(10)).toEqual([
    '(illusion) c',
    'every process has ended:',
    '  pid 1 (calls.s) exited with code 25',
    '(illusion) rc',
    'back to the last stop before instruction 35, at instruction 23:',
    'breakpoint 1, pid 1 at 0x00001060 (times, calls.s:40)',
    'pid 1 (calls.s) at 0x00001060  mul r1, r2, r3  ; 40: mul  r1, r2, r3',
    '(illusion) regs',
    ' r0 0x00000000   r1 0x00000009   r2 0x00000004   r3 0x00000004',
    ' r4 0x00000000   r5 0x00000000   r6 0x00000009   r7 0x00000000',
    ' r8 0x00000000   r9 0x00000000  r10 0x00000000  r11 0x00000000',
    'r12 0x00000000   fp 0x00000000   sp 0x7ffffff4   ra 0x00001054',
    ' pc 0x00001060  instructions 23  cycles 2143',
    '(illusion) rc',
    'back to the last stop before instruction 23, at instruction 11:',
    'breakpoint 1, pid 1 at 0x00001060 (times, calls.s:40)',
    'pid 1 (calls.s) at 0x00001060  mul r1, r2, r3  ; 40: mul  r1, r2, r3',
    '(illusion) rc',
    'no stop before instruction 11: back at the start (instruction 0)',
    'pid 1 (calls.s) at 0x00001000  addi r2, r0, 3  ; 7: li   r2, 3',
    '(illusion) rc',
    'reverse-continue: at the start (instruction 0): nothing to go back over',
  ]);
});

test('reverse-continue lands on a trap stop exactly as it was made (a page fault, its resolution); a watchpoint stop too', () => {
  const traps = transcript(['programs/debug/forkwatch.s'], ['break-trap page_fault', 'c', 'c', 'regs', 'c', 'rc', 'regs']);
  expect(answer(traps, 'rc')).toEqual([
    'back to the last stop before instruction 9, at instruction 2:',
    ...answer(traps, 'c', 2),
  ]);
  expect(answer(traps, 'c', 2)).toEqual([
    'trap page_fault in pid 1 (load at 0x00002000, pc 0x00001008)',
    '  resolved: image load (the page filled from the program image)',
    'pid 1 (forkwatch.s) at 0x00001008  lw r5, 0(r4)  ; 14: lw   r5, 0(r4)          ; bring the data page in before the fork',
  ]);
  expect(answer(traps, 'regs')).toEqual(answer(traps, 'regs', 2));
  expect(answer(traps, 'regs').at(-1)).toBe(' pc 0x00001008  instructions 2  cycles 2102');
  const watched = transcript(['programs/debug/forkwatch.s'], ['watch counter', 'break child', 'c', 'c', 'c', 'rc', 'rc']);
  expect(answer(watched, 'rc', 2)).toEqual([
    'back to the last stop before instruction 16, at instruction 10:',
    'watchpoint 1: 0x00002000 (counter) in pid 1 changed 0x00000000 -> 0x00000005, pc 0x00001024',
    'pid 1 (forkwatch.s) at 0x00001028  addi r1, r0, 5  ; 22: li   r1, SYS_WAIT',
  ]);
});

test('a set is part of the history: a replay makes it again up to where it lands, and a landing before it undoes it, saying so', () => {
  const lines = transcript(['programs/debug/calls.s'], [
    'step 2', 'set r3 5', 'c', 'rsi 3', 'c', 'info record', 'record goto 1', 'info record', 'c',
  ]);
  expect(lines.slice(2)).toEqual([
    '(illusion) step 2',
    'pid 1 (calls.s) at 0x00001008  jal ra, sum_squares  ; 9: call sum_squares',
    '(illusion) set r3 5',
    'r3 = 0x00000005 in pid 1',
    '(illusion) c',
    'every process has ended:',
    '  pid 1 (calls.s) exited with code 34',
    '(illusion) rsi 3',
    'back to instruction 32',
    'pid 1 (calls.s) at 0x0000100c  addi r2, r1, 0  ; 10: mv   r2, r1             ; exit(25)',
    '(illusion) c',
    'every process has ended:',
    '  pid 1 (calls.s) exited with code 34',
    '(illusion) info record',
    'at instruction 35; the furthest point reached is instruction 35 (here)',
    '1 set in the history (going back makes it again up to where it lands, and undoes later ones)',
    'going back replays the run from the start, at the speed the debugger steps; Ctrl-C interrupts',
    '(illusion) record goto 1',
    'back to instruction 1',
    '(1 set made after instruction 1 is undone)',
    'pid 1 (calls.s) at 0x00001004  addi r3, r0, 4  ; 8: li   r3, 4',
    '(illusion) info record',
    'at instruction 1; the furthest point reached is instruction 1 (here)',
    '0 sets in the history (going back makes them again up to where it lands, and undoes later ones)',
    'going back replays the run from the start, at the speed the debugger steps; Ctrl-C interrupts',
    '(illusion) c',
    'every process has ended:',
    '  pid 1 (calls.s) exited with code 25',
  ]);
});

test('a set pc that called a kill off is made again by a replay: the process lives on after going back past it', () => {
  // divide.s divides by zero; r3 = 2 and set pc pc retry the div, and the program exits with 0 / 2.
  const lines = transcript(['programs/debug/divide.s'], ['c', 'set r3 2', 'set pc pc', 'c', 'rsi 2', 'c']);
  expect(answer(lines, 'c', 2)).toEqual(['every process has ended:', '  pid 1 (divide.s) exited with code 0']);
  expect(answer(lines, 'rsi 2')).toEqual(['back to instruction 7', 'pid 1 (divide.s) at 0x0000101c  addi r1, r0, 0  ; 13: li   r1, SYS_EXIT']);
  expect(answer(lines, 'c', 3)).toEqual(['every process has ended:', '  pid 1 (divide.s) exited with code 0']);
});

test('going back across a fork: the child is not there yet, and going on makes it again with the same pid and output', () => {
  const plain = illusion(['run', 'programs/forkwait.s', '--stats']);
  const lines = transcript(['programs/forkwait.s'], ['c', 'record goto 100', 'ps', 'c', 'info stats']);
  expect(answer(lines, 'ps')).toEqual([
    '  pid  ppid  name        state    pc          ended',
    '*   1     0  forkwait.s  running  0x00001264',
  ]);
  // Instruction 100 is before the first write: the whole output comes again, then the same end.
  const again = answer(lines, 'c', 2);
  expect(`${again.slice(0, again.indexOf('every process has ended:')).join('\n')}\n`).toBe(plain.stdout);
  expect(again.slice(again.indexOf('every process has ended:'))).toEqual(answer(lines, 'c').slice(-5));
  expect(`${answer(lines, 'info stats').join('\n')}\n`).toBe(plain.stderr.slice(plain.stderr.indexOf('statistics')));
});

test('going back then forward gives the same output and info stats as a plain run; the replay itself prints nothing', () => {
  const plain = illusion(['run', 'programs/forkwait.s', '--stats']);
  const lines = transcript(['programs/forkwait.s'], ['c', 'rsi 400', 'c', 'info stats']);
  expect(answer(lines, 'rsi 400')).toEqual([
    'back to instruction 6754',
    'pid 1 (forkwait.s) at 0x00001268  sb r5, 0(r4)  ; lib/print.s:18: sb   r5, 0(r4)',
  ]);
  expect(answer(lines, 'c', 2).slice(0, 2)).toEqual(plain.stdout.split('\n').slice(-3, -1));
  expect(`${answer(lines, 'info stats').join('\n')}\n`).toBe(plain.stderr.slice(plain.stderr.indexOf('statistics')));
});

test('reverse-finish goes back to the call; reverse-next steps back over a call, reverse-step into it (its last line)', () => {
  expect(transcript(['programs/debug/calls.s'], [
    'break times', 'c', 'c', 'delete', 'reverse-finish', 'bt', 'rn', 'next', 'next', 'rn', 'next', 'rs', 'bt', 'rn',
  ]).slice(12)).toEqual([
    '(illusion) reverse-finish',
    "back to the call of pid 1's current function, at instruction 22",
    'pid 1 (calls.s) at 0x00001050  jal ra, times  ; 33: call times',
    '(illusion) bt',
    '#0  0x00001050 in square (calls.s:33)',
    '#1  0x00001030 in sum_squares (calls.s:22)',
    '#2  0x00001008 in _start (calls.s:9)',
    '(illusion) rn',
    'back one line (a call as one) in pid 1, at instruction 21',
    'pid 1 (calls.s) at 0x0000104c  addi r3, r2, 0  ; 32: mv   r3, r2',
    '(illusion) next',
    'pid 1 (calls.s) at 0x00001050  jal ra, times  ; 33: call times',
    '(illusion) next',
    'pid 1 (calls.s) at 0x00001054  lw ra, 0(sp)  ; 34: lw   ra, 0(sp)',
    '(illusion) rn',
    'back one line (a call as one) in pid 1, at instruction 22',
    'pid 1 (calls.s) at 0x00001050  jal ra, times  ; 33: call times',
    '(illusion) next',
    'pid 1 (calls.s) at 0x00001054  lw ra, 0(sp)  ; 34: lw   ra, 0(sp)',
    '(illusion) rs',
    'back one line in pid 1, at instruction 24',
    'pid 1 (calls.s) at 0x00001064  jalr r0, ra, 0  ; 41: ret',
    '(illusion) bt',
    '#0  0x00001064 in times (calls.s:41)',
    '#1  0x00001050 in square (calls.s:33)',
    '#2  0x00001030 in sum_squares (calls.s:22)',
    '#3  0x00001008 in _start (calls.s:9)',
    '(illusion) rn',
    'back one line (a call as one) in pid 1, at instruction 23',
    'pid 1 (calls.s) at 0x00001060  mul r1, r2, r3  ; 40: mul  r1, r2, r3',
  ]);
});

test('reverse-step after a return goes into the call, to the callee\'s last line; reverse-finish in the outermost frame says there is no call', () => {
  const lines = transcript(['programs/debug/calls.s'], ['step 3', 'finish', 'rs', 'bt', 'record goto 1', 'reverse-finish']);
  expect(answer(lines, 'rs')).toEqual([
    'back one line in pid 1, at instruction 31',
    'pid 1 (calls.s) at 0x00001040  jalr r0, ra, 0  ; 26: ret',
  ]);
  expect(answer(lines, 'bt')).toEqual(['#0  0x00001040 in sum_squares (calls.s:26)', '#1  0x00001008 in _start (calls.s:9)']);
  expect(answer(lines, 'reverse-finish')).toEqual(['reverse-finish: pid 1 is in its outermost frame (no call the debugger saw is open): no call to go back to']);
});

test('record goto: begin, end (the furthest point reached), a number forward to it, and refusals', () => {
  expect(transcript(['programs/debug/calls.s'], [
    'step 30', 'record goto begin', 'record goto end', 'record goto 10', 'record goto 20', 'record goto 31', 'record goto 20', 'record', 'record goto', 'record goto x',
  ]).slice(4)).toEqual([
    '(illusion) record goto begin',
    'at the start, instruction 0',
    'pid 1 (calls.s) at 0x00001000  addi r2, r0, 3  ; 7: li   r2, 3',
    '(illusion) record goto end',
    'at the furthest point this run has reached, instruction 30',
    'pid 1 (calls.s) at 0x0000103c  addi sp, sp, 8  ; 25: addi sp, sp, 8',
    '(illusion) record goto 10',
    'back to instruction 10',
    'pid 1 (calls.s) at 0x00001050  jal ra, times  ; 33: call times',
    '(illusion) record goto 20',
    'at instruction 20',
    'pid 1 (calls.s) at 0x00001048  sw ra, 0(sp)  ; 31: sw   ra, 0(sp)',
    '(illusion) record goto 31',
    'record goto: instruction 31 is past the furthest point this run has reached (instruction 30); step or continue goes on from here',
    '(illusion) record goto 20',
    'record goto: already at instruction 20',
    '(illusion) record',
    'nothing to turn on or off: the machine is deterministic, so every run can be replayed; reverse-stepi, reverse-continue and record goto N|begin|end go back (help record)',
    '(illusion) record goto',
    'record goto: give one point: an instruction number, begin or end (help record)',
    '(illusion) record goto x',
    "record goto: 'x' is not an instruction number (nor begin or end)",
  ]);
});

test('--trace FILE holds the run up to where going back landed: the same file as a session that only went that far', () => {
  const back = join(tmpdir(), `illusion-reverse-${process.pid}-back.trace`);
  const plain = join(tmpdir(), `illusion-reverse-${process.pid}-plain.trace`);
  transcript(['programs/forkwait.s'], ['step 2000', 'rsi 1000'], ['--trace', back]);
  transcript(['programs/forkwait.s'], ['step 1000'], ['--trace', plain]);
  const text = readFileSync(back, 'utf8');
  expect(text).toBe(readFileSync(plain, 'utf8'));
  expect(text.split('\n').length).toBeGreaterThan(50);
});

test('Enter does not repeat a refused command; it repeats reverse-stepi', () => {
  expect(transcript(['programs/debug/calls.s'], ['step 3', 'step x', '', 'rsi', '']).slice(2)).toEqual([
    '(illusion) step 3',
    'pid 1 (calls.s) at 0x00001018  addi sp, sp, -8  ; 16: addi sp, sp, -8',
    '(illusion) step x',
    "'x' is not a count (a whole number from 1)",
    '(illusion) ',
    '(illusion) rsi',
    'back to instruction 2',
    'pid 1 (calls.s) at 0x00001008  jal ra, sum_squares  ; 9: call sum_squares',
    '(illusion) ',
    'back to instruction 1',
    'pid 1 (calls.s) at 0x00001004  addi r3, r0, 4  ; 8: li   r3, 4',
  ]);
});

test('ps names a process the debugger stopped before its kill as dying, with the cause; a brk as a stop at brk', () => {
  expect(answer(transcript(['programs/debug/divide.s'], ['c', 'ps']), 'ps')).toEqual([
    '  pid  ppid  name      state  pc          ended',
    '*   1     0  divide.s  dying  0x00001018  about to be killed: divide_by_zero (zero_divisor); continue lets it die',
  ]);
  expect(answer(transcript(['programs/debug/brk.s'], ['c', 'ps']), 'ps')[1]).toMatch(/^\* +1 +0 +brk\.s +at brk +0x[0-9a-f]{8} +\(continue goes on past it\)$/);
});

test('reverse-continue lands on a stop made where the machine skipped ahead to a wake-up (a woken sleep): the same registers and processes', () => {
  const lines = transcript(['programs/sleep.s'], ['break-trap syscall', 'c', 'c', 'c', 'c', 'c', 'c', 'regs', 'ps', 'c', 'rc', 'regs', 'ps']);
  expect(answer(lines, 'c', 6)).toEqual([
    'trap syscall in pid 3 (sleep returned 0)',
    'pid 3 (sleep.s) at 0x000010f4  bne r1, r0, fail  ; 89: bnez r1, fail',
  ]);
  expect(answer(lines, 'rc')).toEqual(['back to the last stop before instruction 86, at instruction 31:', ...answer(lines, 'c', 6)]);
  expect(answer(lines, 'regs', 2)).toEqual(answer(lines, 'regs'));
  expect(answer(lines, 'ps', 2)).toEqual(answer(lines, 'ps'));
  expect(answer(lines, 'regs').at(-1)).toBe(' pc 0x000010f4  instructions 31  cycles 102200');
});

test('one back from a dying process is before the instruction that would kill it; a set *ADDR is made again by a replay, undone before it', () => {
  expect(answer(transcript(['programs/debug/divide.s'], ['c', 'rsi', 'ps']), 'rsi')).toEqual([
    'back to instruction 6 (before the instruction that would kill pid 1)',
    'pid 1 (divide.s) at 0x00001018  div r2, r2, r3  ; 12: div  r2, r2, r3         ; average: total / count',
  ]);
  // forkwatch.s's parent exits with the word at counter: 5, or 9 once the debugger stored 9 there (through the fault path: it is the parent's own copy now).
  const lines = transcript(['programs/debug/forkwatch.s'], ['break forkwatch.s:25', 'c', 'set *counter 9', 'c', 'rsi 3', 'c', 'rc', 'x/1 counter', 'rsi', 'c']);
  expect(answer(lines, 'set *counter 9')).toEqual(['0x00002000 in pid 1: 0x00000005 -> 0x00000009']);
  const end = (code: number) => ['every process has ended:', `  pid 1 (forkwatch.s) exited with code ${code}`, '  pid 2 (forkwatch.s) exited with code 7'];
  expect(answer(lines, 'c', 2)).toEqual(end(9));
  expect(answer(lines, 'c', 3)).toEqual(end(9));
  expect(answer(lines, 'x/1 counter')).toEqual(['0x00002000: 0x00000009  |....|']);
  expect(answer(lines, 'rsi')).toEqual([
    'back to instruction 20',
    '(1 set made after instruction 20 is undone)',
    'pid 2 (forkwatch.s) at 0x00001058  syscall  ; 34: syscall',
  ]);
  expect(answer(lines, 'c', 4)).toEqual(['breakpoint 1, pid 1 at 0x00001034 (forkwatch.s:25)', 'pid 1 (forkwatch.s) at 0x00001034  lui r4, 0x0  ; 25: la   r4, counter']);
});
