// Post-mortem: a process about to be killed stops the debugger first, with
// the kill report `run` prints; it can be inspected; continue lets it die.
// A `brk` stops at the instruction and continue goes past it.
import { expect, test } from 'vitest';
import { transcript } from './debugSession.js';

test('a bad_access stops before the kill: bt, registers, memory and the walk of the address', () => {
  expect(transcript(['programs/debug/list.s'], [
    'c',
    'bt',
    'regs',
    'x r3',
    'x node3 3',
    'walk r3',
    'walk node3',
    'tlb',
    'frames',
    'ps',
    'c',
    'regs',
  ])).toEqual([
    'illusion debug: pid 1 (list.s). Type help for the commands.',
    'pid 1 (list.s) at 0x00001000  addi r2, r0, 2  ; 11: li   r2, 2',
    '(illusion) c',
    'pid 1 is about to be killed (inspect it now; continue lets it die):',
    '  pid 1 (list.s) killed: bad_access: load from 0x00000000 in the null page (below 0x00001000): was the pointer null? (null_page); pc 0x00001028, list.s:24',
    'pid 1 (list.s) at 0x00001028  lw r4, 0(r3)  ; 24: lw   r4, 0(r3)          ; its key',
    '(illusion) bt',
    '#0  0x00001028 in find (list.s:24)',
    '#1  0x00001010 in _start (list.s:15)',
    '(illusion) regs',
    ' r0 0x00000000   r1 0x00000014   r2 0x00000004   r3 0x00000000',
    ' r4 0x00000003   r5 0x00000000   r6 0x00000014   r7 0x00000000',
    ' r8 0x00000000   r9 0x00000000  r10 0x00000000  r11 0x00000000',
    'r12 0x00000000   fp 0x00000000   sp 0x80000000   ra 0x00001014',
    ' pc 0x00001028  instructions 29  cycles 3209',
    '(illusion) x r3',
    '0x00000000: not mapped (the null page, below 0x00001000: a null pointer?)',
    '(illusion) x node3 3',
    '0x00002018: 0x00000003 0x0000001e 0x00000000  |............|',
    '(illusion) walk r3',
    'walk 0x00000000 in pid 1: vpn 0x00000 = root index 0, leaf index 0, offset 0x000',
    '  root[0] at 0x00001000 (table in frame 0x001) = 0x00002001  leaf table at frame 0x002',
    '  leaf[0] at 0x00002000 (table in frame 0x002) = 0x00000000  not present: not made yet',
    '  not made yet; this is the null page (below 0x00001000): never mapped (a null pointer lands here), so a touch kills the process (null_page)',
    '(illusion) walk node3',
    'walk 0x00002018 in pid 1: vpn 0x00002 = root index 0, leaf index 2, offset 0x018 (data region)',
    '  root[0] at 0x00001000 (table in frame 0x001) = 0x00002001  leaf table at frame 0x002',
    '  leaf[2] at 0x00002008 (table in frame 0x002) = 0x00004057  frame 0x004 VRW-U-A- rw-',
    '  physical address 0x00004018',
    '(illusion) tlb',
    'TLB: 64 entries, 16 sets x 4 ways, lru, ASIDs on, hardware refill; 2 valid',
    ' set  way  vpn      asid  frame  flags',
    '   1    0  0x00001     1  0x003  VR-XU-A-',
    '   2    0  0x00002     1  0x004  VRW-U-A-',
    '(illusion) frames',
    'frames: 1024 total, 1019 free, 3 kernel, 2 user',
    '  0x000  kernel  kernel half page table (fixed)',
    '  0x001  kernel  root table of pid 1',
    '  0x002  kernel  page table of pid 1 (root index 0)',
    '  0x003  user    refs 1  1:0x00001',
    '  0x004  user    refs 1  1:0x00002',
    '  0x005-0x3ff  free (1019 frames)',
    '(illusion) ps',
    '  pid  ppid  name    state  pc          ended',
    '*   1     0  list.s  dying  0x00001028  about to be killed: bad_access (null_page); continue lets it die',
    '(illusion) c',
    'pid 1 (list.s) killed: bad_access: load from 0x00000000 in the null page (below 0x00001000): was the pointer null? (null_page); pc 0x00001028, list.s:24',
    'every process has ended:',
    '  pid 1 (list.s) killed: bad_access',
    '(illusion) regs',
    'no process is alive',
  ]);
});

test('with break-trap page_fault the fatal fault says it was not resolved', () => {
  expect(transcript(['programs/debug/list.s'], [
    'break-trap page_fault',
    'c',
    'c',
    'c',
    'c',
    'c',
  ])).toEqual([
    'illusion debug: pid 1 (list.s). Type help for the commands.',
    'pid 1 (list.s) at 0x00001000  addi r2, r0, 2  ; 11: li   r2, 2',
    '(illusion) break-trap page_fault',
    'breakpoint 1 on trap page_fault',
    '(illusion) c',
    'trap page_fault in pid 1 (fetch at 0x00001000, pc 0x00001000)',
    '  resolved: image load (the page filled from the program image)',
    'pid 1 (list.s) at 0x00001000  addi r2, r0, 2  ; 11: li   r2, 2',
    '(illusion) c',
    'trap page_fault in pid 1 (load at 0x00002000, pc 0x00001028)',
    '  resolved: image load (the page filled from the program image)',
    'pid 1 (list.s) at 0x00001028  lw r4, 0(r3)  ; 24: lw   r4, 0(r3)          ; its key',
    '(illusion) c',
    'trap page_fault in pid 1 (load at 0x00000000, pc 0x00001028)',
    '  not resolved: the access is not allowed, so the kernel kills the process',
    'pid 1 is about to be killed (inspect it now; continue lets it die):',
    '  pid 1 (list.s) killed: bad_access: load from 0x00000000 in the null page (below 0x00001000): was the pointer null? (null_page); pc 0x00001028, list.s:24',
    'pid 1 (list.s) at 0x00001028  lw r4, 0(r3)  ; 24: lw   r4, 0(r3)          ; its key',
    '(illusion) c',
    'pid 1 (list.s) killed: bad_access: load from 0x00000000 in the null page (below 0x00001000): was the pointer null? (null_page); pc 0x00001028, list.s:24',
    'every process has ended:',
    '  pid 1 (list.s) killed: bad_access',
    '(illusion) c',
    'every process has ended',
  ]);
});

test('a division by zero stops at the div with its operands to see', () => {
  expect(transcript(['programs/debug/divide.s'], [
    'c',
    'regs',
    'x count 2',
    'disasm pc-8 3',
    'c',
  ])).toEqual([
    'illusion debug: pid 1 (divide.s). Type help for the commands.',
    'pid 1 (divide.s) at 0x00001000  lui r4, 0x0  ; 8: la   r4, count',
    '(illusion) c',
    'pid 1 is about to be killed (inspect it now; continue lets it die):',
    '  pid 1 (divide.s) killed: divide_by_zero: div by zero (the divisor, r3, is 0) (zero_divisor); pc 0x00001018, divide.s:12',
    'pid 1 (divide.s) at 0x00001018  div r2, r2, r3  ; 12: div  r2, r2, r3         ; average: total / count',
    '(illusion) regs',
    ' r0 0x00000000   r1 0x00000000   r2 0x00000000   r3 0x00000000',
    ' r4 0x00002004   r5 0x00000000   r6 0x00000000   r7 0x00000000',
    ' r8 0x00000000   r9 0x00000000  r10 0x00000000  r11 0x00000000',
    'r12 0x00000000   fp 0x00000000   sp 0x80000000   ra 0x00000000',
    ' pc 0x00001018  instructions 6  cycles 2146',
    '(illusion) x count 2',
    '0x00002000: 0x00000000 0x00000000  |........|',
    '(illusion) disasm pc-8 3',
    '   0x00001010  14442004  ori r4, r4, 0x2004        ; 10: la   r4, total',
    '   0x00001014  20240000  lw r2, 0(r4)              ; 11: lw   r2, 0(r4)          ; r2 = total',
    '=> 0x00001018  0c223000  div r2, r2, r3            ; 12: div  r2, r2, r3         ; average: total / count',
    '(illusion) c',
    'pid 1 (divide.s) killed: divide_by_zero: div by zero (the divisor, r3, is 0) (zero_divisor); pc 0x00001018, divide.s:12',
    'every process has ended:',
    '  pid 1 (divide.s) killed: divide_by_zero',
  ]);
});

test('brk stops the debugger at the instruction; continue goes past it and the program runs on', () => {
  expect(transcript(['programs/debug/brk.s'], [
    'c',
    'regs',
    'x pc 1',
    'walk pc',
    'c',
  ])).toEqual([
    'illusion debug: pid 1 (brk.s). Type help for the commands.',
    'pid 1 (brk.s) at 0x00001000  addi r2, r0, 1  ; 5: li   r2, 1',
    '(illusion) c',
    'brk in pid 1: a breakpoint the program set (continue goes on past it)',
    'pid 1 (brk.s) at 0x00001004  brk  ; 6: brk                     ; stop here under the debugger',
    '(illusion) regs',
    ' r0 0x00000000   r1 0x00000000   r2 0x00000001   r3 0x00000000',
    ' r4 0x00000000   r5 0x00000000   r6 0x00000000   r7 0x00000000',
    ' r8 0x00000000   r9 0x00000000  r10 0x00000000  r11 0x00000000',
    'r12 0x00000000   fp 0x00000000   sp 0x80000000   ra 0x00000000',
    ' pc 0x00001004  instructions 1  cycles 1061',
    '(illusion) x pc 1',
    '0x00001004: 0x41000000  |...A|',
    '(illusion) walk pc',
    'walk 0x00001004 in pid 1: vpn 0x00001 = root index 0, leaf index 1, offset 0x004 (text region)',
    '  root[0] at 0x00001000 (table in frame 0x001) = 0x00002001  leaf table at frame 0x002',
    '  leaf[1] at 0x00002004 (table in frame 0x002) = 0x0000305b  frame 0x003 VR-XU-A- r-x',
    '  physical address 0x00003004',
    '(illusion) c',
    'every process has ended:',
    '  pid 1 (brk.s) exited with code 3',
  ]);
});

test("moving a dying process's pc calls the kill off: fix the divisor, retry the div, and it exits", () => {
  expect(transcript(['programs/debug/divide.s'], [
    'c',
    'set r3 1',
    'set pc pc',
    'c',
  ])).toEqual([
    'illusion debug: pid 1 (divide.s). Type help for the commands.',
    'pid 1 (divide.s) at 0x00001000  lui r4, 0x0  ; 8: la   r4, count',
    '(illusion) c',
    'pid 1 is about to be killed (inspect it now; continue lets it die):',
    '  pid 1 (divide.s) killed: divide_by_zero: div by zero (the divisor, r3, is 0) (zero_divisor); pc 0x00001018, divide.s:12',
    'pid 1 (divide.s) at 0x00001018  div r2, r2, r3  ; 12: div  r2, r2, r3         ; average: total / count',
    '(illusion) set r3 1',
    'r3 = 0x00000001 in pid 1',
    '(illusion) set pc pc',
    'pc = 0x00001018 in pid 1; the kill is called off: pid 1 goes on from there',
    '(illusion) c',
    'every process has ended:',
    '  pid 1 (divide.s) exited with code 0',
  ]);
});

test('walk of a page not present in a region that forbids some accesses says which touch brings it in and which kills', () => {
  expect(transcript(['test/tools/programs/rommap.s'], ['c', 'walk r3']).slice(-4)).toEqual([
    '(illusion) walk r3',
    'walk 0x7fdff000 in pid 1: vpn 0x7fdff = root index 511, leaf index 511, offset 0x000 (mmap region)',
    '  root[511] at 0x000017fc (table in frame 0x001) = 0x00000000  not valid',
    '  no second-level table yet; the mmap region holds it, so a touch brings the page in (its rights are r--: only a load does; any other access kills)',
  ]);
});

test('x says the guard page and the kernel half by name; break takes gdb\'s *ADDR', () => {
  expect(transcript(['test/tools/programs/deep.s'], ['b *0x1000', 'x 0xfffffffc 1', 'delete', 'c', 'x sp 2', 'x sp+4 1']).slice(2)).toEqual([
    '(illusion) b *0x1000',
    'breakpoint 1 at 0x00001000 (deep.s:4)',
    '(illusion) x 0xfffffffc 1',
    '0xfffffffc: kernel half: not user-accessible',
    '(illusion) delete',
    'deleted 1 breakpoint',
    '(illusion) c',
    'pid 1 is about to be killed (inspect it now; continue lets it die):',
    '  pid 1 (deep.s) killed: bad_access: store to 0x7feffffc in the guard page below the stack: a stack overflow (the stack holds 1 MiB) (guard_page); pc 0x00001014, deep.s:8',
    'pid 1 (deep.s) at 0x00001014  sw ra, 0(sp)  ; 8: f:      push ra',
    '(illusion) x sp 2',
    '0x7feffffc: not mapped (the guard page below the stack: a touch is a stack overflow)',
    '(illusion) x sp+4 1',
    '0x7ff00000: 0x0000101c  |....|',
  ]);
});

test('disasm after a program ran off its end still marks the pc, past the last instruction', () => {
  expect(transcript(['test/tools/programs/noexit.s'], ['c', 'disasm', 'bt']).slice(-8)).toEqual([
    '(illusion) disasm',
    'work:',
    '   0x00001010  1150002a  addi r5, r0, 42           ; 8: work:   li   r5, 42',
    '   0x00001014  11550001  addi r5, r5, 1            ; 9: addi r5, r5, 1',
    '=> 0x00001018  00000000  past the last instruction: the program ran off its end',
    '(illusion) bt',
    "#0  0x00001018 past the program's last instruction: work ran off its end",
    '#1  0x00001000 in _start (noexit.s:4)',
  ]);
});

// Found by dbg23: with no instructions at all, the location line said only
// 'not mapped' and bt said '0x00001000 ran off its end'.
test('a program with no instructions: the location line, disasm and bt say that .text is empty', () => {
  expect(transcript(['test/tools/programs/empty.s'], ['disasm', 'bt'])).toEqual([
    'illusion debug: pid 1 (empty.s). Type help for the commands.',
    'pid 1 (empty.s) at 0x00001000  (not mapped: the program has no instructions, its .text is empty)',
    '(illusion) disasm',
    '0x00001000: not mapped: the program has no instructions, its .text is empty',
    '(illusion) bt',
    "#0  0x00001000 where .text starts, but the program has no instructions there: is its code under .text?",
  ]);
});

// Found by dbg23: the location line of a program that ran off its end showed
// '.word 0x00000000' where disasm says why.
test('the location line of a pc past the last instruction says so, as disasm does', () => {
  expect(transcript(['test/tools/programs/noexit.s'], ['c']).slice(-1)).toEqual([
    'pid 1 (noexit.s) at 0x00001018  past the last instruction: the program ran off its end',
  ]);
});

// Found by dbg24: a reaped process is in ps's list, yet regs 2 said '2' is not a pid.
test('a pid that ended and was reaped is refused as ended, as ps lists it, not as a pid that never was', () => {
  expect(transcript(['test/tools/programs/crashchild.s'], ['break reaped', 'c', 'c', 'regs 2', 'x status 1 2', 'break child 2', 'c', 'regs 1', 'bt 1']).slice(8)).toEqual([
    '(illusion) c',
    'pid 2 (crashchild.s) killed: bad_access: load from 0x00000008 in the null page (below 0x00001000): was the pointer null? (null_page); pc 0x00001034, crashchild.s:17',
    'breakpoint 1, pid 1 at 0x0000101c (reaped, crashchild.s:11)',
    'pid 1 (crashchild.s) at 0x0000101c  lui r3, 0x0  ; 11: la   r3, status',
    '(illusion) regs 2',
    'pid 2 (crashchild.s) has ended: nothing of it is left to show',
    '(illusion) x status 1 2',
    'pid 2 (crashchild.s) has ended: nothing of it is left to show',
    '(illusion) break child 2',
    'break: pid 2 (crashchild.s) has ended',
    '(illusion) c',
    'every process has ended:',
    '  pid 1 (crashchild.s) exited with code 1',
    '  pid 2 (crashchild.s) killed: bad_access',
    '(illusion) regs 1',
    'pid 1 (crashchild.s) has ended: nothing of it is left to show',
    '(illusion) bt 1',
    'pid 1 (crashchild.s) has ended: nothing of it is left to show',
  ]);
});
