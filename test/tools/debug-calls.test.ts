// next, finish and bt over the call frames the debugger tracked
// (programs/debug/calls.s: _start -> sum_squares -> square -> times).
import { expect, test } from 'vitest';
import { transcript } from './debugSession.js';

test('bt lists the chain of calls; finish returns to the caller; next runs a call as one step', () => {
  expect(transcript(['programs/debug/calls.s'], [
    'break times',
    'c',
    'bt',
    'finish',
    'bt',
    'finish',
    'next',
    'next',
    'next',
    'bt',
    'finish',
    'bt',
    'finish',
    'next',
    'c',
  ])).toEqual([
    'illusion debug: pid 1 (calls.s). Type help for the commands.',
    'pid 1 (calls.s) at 0x00001000  addi r2, r0, 3  ; 7: li   r2, 3',
    '(illusion) break times',
    'breakpoint 1 at 0x00001060 (times, calls.s:40)',
    '(illusion) c',
    'breakpoint 1, pid 1 at 0x00001060 (times, calls.s:40)',
    'pid 1 (calls.s) at 0x00001060  mul r1, r2, r3  ; 40: mul  r1, r2, r3',
    '(illusion) bt',
    '#0  0x00001060 in times (calls.s:40)',
    '#1  0x00001050 in square (calls.s:33)',
    '#2  0x00001024 in sum_squares (calls.s:19)',
    '#3  0x00001008 in _start (calls.s:9)',
    '(illusion) finish',
    'returned to 0x00001054, r1 = 0x00000009',
    'pid 1 (calls.s) at 0x00001054  lw ra, 0(sp)  ; 34: lw   ra, 0(sp)',
    '(illusion) bt',
    '#0  0x00001054 in square (calls.s:34)',
    '#1  0x00001024 in sum_squares (calls.s:19)',
    '#2  0x00001008 in _start (calls.s:9)',
    '(illusion) finish',
    'returned to 0x00001028, r1 = 0x00000009',
    'pid 1 (calls.s) at 0x00001028  addi r6, r1, 0  ; 20: mv   r6, r1',
    '(illusion) next',
    'pid 1 (calls.s) at 0x0000102c  lw r2, 4(sp)  ; 21: lw   r2, 4(sp)',
    '(illusion) next',
    'pid 1 (calls.s) at 0x00001030  jal ra, square  ; 22: call square             ; r1 = b*b',
    '(illusion) next',
    'breakpoint 1, pid 1 at 0x00001060 (times, calls.s:40)',
    'pid 1 (calls.s) at 0x00001060  mul r1, r2, r3  ; 40: mul  r1, r2, r3',
    '(illusion) bt',
    '#0  0x00001060 in times (calls.s:40)',
    '#1  0x00001050 in square (calls.s:33)',
    '#2  0x00001030 in sum_squares (calls.s:22)',
    '#3  0x00001008 in _start (calls.s:9)',
    '(illusion) finish',
    'returned to 0x00001054, r1 = 0x00000010',
    'pid 1 (calls.s) at 0x00001054  lw ra, 0(sp)  ; 34: lw   ra, 0(sp)',
    '(illusion) bt',
    '#0  0x00001054 in square (calls.s:34)',
    '#1  0x00001030 in sum_squares (calls.s:22)',
    '#2  0x00001008 in _start (calls.s:9)',
    '(illusion) finish',
    'returned to 0x00001034, r1 = 0x00000010',
    'pid 1 (calls.s) at 0x00001034  add r1, r1, r6  ; 23: add  r1, r1, r6',
    '(illusion) next',
    'pid 1 (calls.s) at 0x00001038  lw ra, 0(sp)  ; 24: lw   ra, 0(sp)',
    '(illusion) c',
    'every process has ended:',
    '  pid 1 (calls.s) exited with code 25',
  ]);
});

test('finish in the outermost frame says there is nothing to return to; bt there is one frame', () => {
  expect(transcript(['programs/debug/calls.s'], [
    'bt',
    'finish',
    'finish 2',
    'next x',
    'step 2',
    'next',
    'bt 1',
  ])).toEqual([
    'illusion debug: pid 1 (calls.s). Type help for the commands.',
    'pid 1 (calls.s) at 0x00001000  addi r2, r0, 3  ; 7: li   r2, 3',
    '(illusion) bt',
    '#0  0x00001000 in _start (calls.s:7)',
    '(illusion) finish',
    'finish: pid 1 is in its outermost frame (no call the debugger saw is open): nothing to return to',
    '(illusion) finish 2',
    'finish takes no argument',
    '(illusion) next x',
    "'x' is not a count (a whole number from 1)",
    '(illusion) step 2',
    'pid 1 (calls.s) at 0x00001008  jal ra, sum_squares  ; 9: call sum_squares',
    '(illusion) next',
    'pid 1 (calls.s) at 0x0000100c  addi r2, r1, 0  ; 10: mv   r2, r1             ; exit(25)',
    '(illusion) bt 1',
    '#0  0x0000100c in _start (calls.s:10)',
  ]);
});

test('bt says when it cannot be sure: ra holds a return address of a call the debugger never saw', () => {
  expect(transcript(['programs/debug/calls.s'], [
    'set ra 0x100c',
    'bt',
  ])).toEqual([
    'illusion debug: pid 1 (calls.s). Type help for the commands.',
    'pid 1 (calls.s) at 0x00001000  addi r2, r0, 3  ; 7: li   r2, 3',
    '(illusion) set ra 0x100c',
    'ra = 0x0000100c in pid 1',
    '(illusion) bt',
    '#0  0x00001000 in _start (calls.s:7)',
    '(not sure: ra 0x0000100c follows a call at 0x00001008 (calls.s:9) that the debugger did not see; it may be stale)',
  ]);
});

test("a deep recursion's bt shows the innermost frames and the outermost, and how many it left out", () => {
  expect(transcript(['programs/attacks/mem-recursion.s'], [
    'c',
    'bt',
    'bt all 2',
  ])).toEqual([
    'illusion debug: pid 1 (mem-recursion.s). Type help for the commands.',
    'pid 1 (mem-recursion.s) at 0x00001000  addi r2, r0, 0  ; 11: li   r2, 0                     ; r2: depth',
    '(illusion) c',
    'pid 1 is about to be killed (inspect it now; continue lets it die):',
    '  pid 1 (mem-recursion.s) killed: bad_access: store to 0x7fefffc0 in the guard page below the stack: a stack overflow (the stack holds 1 MiB) (guard_page); pc 0x00001010, mem-recursion.s:16',
    'pid 1 (mem-recursion.s) at 0x00001010  sw ra, 0(sp)  ; 16: sw   ra, 0(sp)                  ; ... that must fault once it reaches the guard page',
    '(illusion) bt',
    '#0  0x00001010 in down (mem-recursion.s:16)',
    '#1  0x0000101c in down (mem-recursion.s:19)',
    '#2  0x0000101c in down (mem-recursion.s:19)',
    '#3  0x0000101c in down (mem-recursion.s:19)',
    '#4  0x0000101c in down (mem-recursion.s:19)',
    '#5  0x0000101c in down (mem-recursion.s:19)',
    '#6  0x0000101c in down (mem-recursion.s:19)',
    '#7  0x0000101c in down (mem-recursion.s:19)',
    '#8  0x0000101c in down (mem-recursion.s:19)',
    '#9  0x0000101c in down (mem-recursion.s:19)',
    '#10  0x0000101c in down (mem-recursion.s:19)',
    '#11  0x0000101c in down (mem-recursion.s:19)',
    '#12  0x0000101c in down (mem-recursion.s:19)',
    '#13  0x0000101c in down (mem-recursion.s:19)',
    '#14  0x0000101c in down (mem-recursion.s:19)',
    '#15  0x0000101c in down (mem-recursion.s:19)',
    '#16  0x0000101c in down (mem-recursion.s:19)',
    '#17  0x0000101c in down (mem-recursion.s:19)',
    '#18  0x0000101c in down (mem-recursion.s:19)',
    '#19  0x0000101c in down (mem-recursion.s:19)',
    '... 16365 more frames (bt all lists every one)',
    '#16385  0x00001004 in _start (mem-recursion.s:12)',
    '(illusion) bt all 2',
    "'2' is not a pid yet: pid 2 would be the next fork's child (ps lists the processes; break WHERE 2 may name a child not forked yet)",
  ]);
});

test('a leaf called through another register (jalr r7) is a frame of its own: bt names it, finish returns into its caller, next steps over it', () => {
  expect(transcript(['test/tools/programs/linkreg.s'], [
    'break c',
    'c',
    'bt',
    'finish',
    'bt',
    'restart',
    'delete 1',
    'break :18',
    'c',
    'next',
  ]).slice(4)).toEqual([
    '(illusion) c',
    'breakpoint 1, pid 1 at 0x00001048 (c, linkreg.s:22)',
    'pid 1 (linkreg.s) at 0x00001048  addi r3, r0, 7  ; 22: c:      li   r3, 7',
    '(illusion) bt',
    '#0  0x00001048 in c (linkreg.s:22)',
    '#1  0x00001038 in b (linkreg.s:18)',
    '#2  0x00001018 in a (linkreg.s:11)',
    '#3  0x00001000 in _start (linkreg.s:5)',
    '(illusion) finish',
    'returned to 0x0000103c, r1 = 0x00000000',
    'pid 1 (linkreg.s) at 0x0000103c  lw ra, 0(sp)  ; 19: lw   ra, 0(sp)',
    '(illusion) bt',
    '#0  0x0000103c in b (linkreg.s:19)',
    '#1  0x00001018 in a (linkreg.s:11)',
    '#2  0x00001000 in _start (linkreg.s:5)',
    '(illusion) restart',
    'restarted: pid 1 (linkreg.s); 1 breakpoint kept',
    'pid 1 (linkreg.s) at 0x00001000  jal ra, a  ; 5: _start: call a',
    '(illusion) delete 1',
    'deleted breakpoint 1',
    '(illusion) break :18',
    'breakpoint 2 at 0x00001038 (linkreg.s:18)',
    '(illusion) c',
    'breakpoint 2, pid 1 at 0x00001038 (linkreg.s:18)',
    'pid 1 (linkreg.s) at 0x00001038  jalr r7, r5, 0  ; 18: jalr r7, r5, 0          ; c(), returning through r7',
    '(illusion) next',
    'pid 1 (linkreg.s) at 0x0000103c  lw ra, 0(sp)  ; 19: lw   ra, 0(sp)',
  ]);
});

test('after a tail call (j) bt names the function the code is in and says it was entered by a jump', () => {
  expect(transcript(['test/tools/programs/tailcall.s'], ['break show', 'break last', 'c', 'bt', 'c', 'bt']).slice(7)).toEqual([
    'breakpoint 1, pid 1 at 0x00001018 (show, tailcall.s:11)',
    'pid 1 (tailcall.s) at 0x00001018  addi r1, r2, 0  ; 11: show:   mv   r1, r2             ; show(x) = x',
    '(illusion) bt',
    '#0  0x00001018 in show (tailcall.s:11), entered by a jump from double',
    '#1  0x00001004 in _start (tailcall.s:6)',
    '(illusion) c',
    'breakpoint 2, pid 1 at 0x00001034 (last, tailcall.s:18)',
    'pid 1 (tailcall.s) at 0x00001034  addi r1, r2, 0  ; 18: last:   addi r1, r2, 0',
    '(illusion) bt',
    '#0  0x00001034 in last (tailcall.s:18), entered by a jump from triple',
    '#1  0x00001008 in _start (tailcall.s:7)',
  ]);
});

// Found by dbg23: g lies after f and no call targets it, so bt took g's code for f's.
test('a tail call into a label after the caller that no call targets: bt names the label and the jump, a loop label stays the function\'s', () => {
  expect(transcript(['test/tools/programs/tailafter.s'], ['break f_loop', 'break g', 'c', 'bt', 'delete 1', 'c', 'bt']).slice(7)).toEqual([
    'breakpoint 1, pid 1 at 0x00001018 (f_loop, tailafter.s:11)',
    'pid 1 (tailafter.s) at 0x00001018  addi r3, r3, 1  ; 11: f_loop: addi r3, r3, 1          ; a loop\'s label: its code is still f\'s',
    '(illusion) bt',
    '#0  0x00001018 in f (tailafter.s:11)',
    '#1  0x00001004 in _start (tailafter.s:6)',
    '(illusion) delete 1',
    'deleted breakpoint 1',
    '(illusion) c',
    'breakpoint 2, pid 1 at 0x00001024 (g, tailafter.s:14)',
    'pid 1 (tailafter.s) at 0x00001024  add r1, r3, r2  ; 14: g:      add  r1, r3, r2',
    '(illusion) bt',
    '#0  0x00001024 in g (tailafter.s:14), entered by a jump from f',
    '#1  0x00001004 in _start (tailafter.s:6)',
  ]);
});

test('a j to a label after an exit (a shared tail): bt names the tail, entered by a jump, not the caller', () => {
  expect(transcript(['test/tools/programs/tailexit.s'], ['break f_parent 1', 'break tail', 'c', 'bt', 'delete 1', 'c', 'bt']).slice(-12)).toEqual([
    'pid 1 (tailexit.s) at 0x00001028  addi r3, r3, 1  ; 17: addi r3, r3, 1',
    '(illusion) bt',
    '#0  0x00001028 in f (tailexit.s:17)',
    '#1  0x00001000 in _start (tailexit.s:5)',
    '(illusion) delete 1',
    'deleted breakpoint 1',
    '(illusion) c',
    'breakpoint 2, pid 1 at 0x00001048 (tail, tailexit.s:28)',
    'pid 1 (tailexit.s) at 0x00001048  addi r1, r0, 5  ; 28: li   r1, 5          ; wait(0)',
    '(illusion) bt',
    '#0  0x00001048 in tail (tailexit.s:28), entered by a jump from f',
    '#1  0x00001000 in _start (tailexit.s:5)',
  ]);
});

test("lib/print.s's putnum ends by jumping to puts: bt inside puts says so", () => {
  const lines = transcript(['programs/forkwait.s'], ['break putnum', 'c', 'delete', 'break puts_done', 'c', 'bt']);
  expect(lines.slice(-3)).toEqual([
    '(illusion) bt',
    '#0  0x000012ac in puts (lib/print.s:35), entered by a jump from putnum',
    '#1  0x00001018 in _start (forkwait.s:41)',
  ]);
});

test('a ret that returns to no open call (ra not saved across a call) is named by bt', () => {
  expect(transcript(['test/tools/programs/noraret.s'], ['c', 'bt'], ['--max-instructions', '50']).slice(-4)).toEqual([
    '(illusion) bt',
    '#0  0x00001018 in outer (noraret.s:11)',
    '#1  0x00001000 in _start (noraret.s:5)',
    '(the ret at 0x00001018 (noraret.s:11) went to 0x00001018 (noraret.s:11), where no open call returns: ra changed after the call that set it (not saved across a call, or its saved copy overwritten); the frames above are the calls still open)',
  ]);
});

test('a return address overwritten on the stack: bt says the code is not the program\'s and which ret went astray', () => {
  expect(transcript(['test/tools/programs/smash.s'], ['c', 'bt']).slice(-4)).toEqual([
    '(illusion) bt',
    "#0  0x00002000 outside the program's code (smash.s:23), reached by a jump from f",
    '#1  0x00001000 in _start (smash.s:4)',
    '(the ret at 0x00001048 (smash.s:21) went to 0x00002000 (smash.s:23), where no open call returns: ra changed after the call that set it (not saved across a call, or its saved copy overwritten); the frames above are the calls still open)',
  ]);
});
