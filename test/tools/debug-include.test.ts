// The debugger names the file that holds each line: code from an included
// file (programs/lib/print.s in forkwait.s) is shown with that file's name and
// text, and `break FILE:LINE` takes either file's lines.
import { expect, test } from 'vitest';
import { transcript } from './debugSession.js';

test('lines of an included file carry its name and its own text, in stops, disasm, bt and breakpoints', () => {
  expect(transcript(['programs/forkwait.s'], [
    'break puts_flush',
    'c',
    'bt',
    'disasm puts_flush 3',
  ])).toEqual([
    'illusion debug: pid 1 (forkwait.s). Type help for the commands.',
    'pid 1 (forkwait.s) at 0x00001000  lui r2, 0x0  ; 36: la   r2, s_parent       ; "parent pid P: forking 3 children"',
    '(illusion) break puts_flush',
    'breakpoint 1 at 0x00001284 (puts_flush, lib/print.s:26)',
    '(illusion) c',
    'breakpoint 1, pid 1 at 0x00001284 (puts_flush, lib/print.s:26)',
    'pid 1 (forkwait.s) at 0x00001284  addi sp, sp, -4  ; lib/print.s:26: push r2',
    '(illusion) bt',
    '#0  0x00001284 in puts (lib/print.s:26)',
    '#1  0x00001024 in _start (forkwait.s:43)',
    '(illusion) disasm puts_flush 3',
    'puts_flush:',
    '=> 0x00001284  11eefffc  addi sp, sp, -4           ; lib/print.s:26: push r2',
    '   0x00001288  282e0000  sw r2, 0(sp)              ; lib/print.s:26: push r2',
    '   0x0000128c  02443000  sub r4, r4, r3            ; lib/print.s:27: sub  r4, r4, r3         ; write(1, line, length)',
  ]);
});

test('break FILE:LINE looks only at that file: the program\'s line 26 has no code, so it moves to its line 36, not to print.s:26', () => {
  expect(transcript(['programs/forkwait.s'], [
    'break forkwait.s:26',
    'break lib/print.s:27',
    'break print.s:66',
    'break nothere.s:3',
  ]).slice(2)).toEqual([
    '(illusion) break forkwait.s:26',
    'breakpoint 1 at 0x00001000 (forkwait.s:36; line 26 has no code)',
    '(illusion) break lib/print.s:27',
    'breakpoint 2 at 0x0000128c (lib/print.s:27)',
    '(illusion) break print.s:66',
    'break: lib/print.s has no code at or after line 66',
    '(illusion) break nothere.s:3',
    "break: no running program is 'nothere.s' (ps lists them)",
  ]);
});
