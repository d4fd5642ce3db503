// Watchpoints belong to one process's address space: after a fork the
// child's watch sees its own copy-on-write page, not the parent's
// (programs/debug/forkwatch.s: the parent stores 5, then the child 7).
import { expect, test } from 'vitest';
import { transcript } from './debugSession.js';

test("a watch in the child fires on the child's store, not on the parent's store to the same address", () => {
  expect(transcript(['programs/debug/forkwatch.s'], [
    'break forked',
    'c',
    'ps',
    'walk counter 2',
    'watch counter 2',
    'watch counter+4 3',
    'watch counter+2',
    'delete 1',
    'info breakpoints',
    'c',
    'regs 2',
    'x counter 1 1',
    'x counter 1 2',
    'walk counter 2',
    'walk counter 1',
    'frames',
    'c',
  ])).toEqual([
    'illusion debug: pid 1 (forkwatch.s). Type help for the commands.',
    'pid 1 (forkwatch.s) at 0x00001000  lui r4, 0x0  ; 13: la   r4, counter',
    '(illusion) break forked',
    'breakpoint 1 at 0x00001014 (forked, forkwatch.s:18)',
    '(illusion) c',
    'breakpoint 1, pid 1 at 0x00001014 (forked, forkwatch.s:18)',
    'pid 1 (forkwatch.s) at 0x00001014  lui r4, 0x0  ; 18: la   r4, counter',
    '(illusion) ps',
    '  pid  ppid  name         state    pc          ended',
    '*   1     0  forkwatch.s  running  0x00001014',
    '    2     1  forkwatch.s  ready    0x00001014',
    '(illusion) walk counter 2',
    'walk 0x00002000 in pid 2: vpn 0x00002 = root index 0, leaf index 2, offset 0x000 (data region)',
    '  root[0] at 0x00005000 (table in frame 0x005) = 0x00006001  leaf table at frame 0x006',
    '  leaf[2] at 0x00006008 (table in frame 0x006) = 0x00004153  frame 0x004 VR--U-A- r--, copy-on-write',
    '  physical address 0x00004000',
    '(illusion) watch counter 2',
    'watchpoint 2: 0x00002000 (counter) in pid 2, now 0x00000000',
    '(illusion) watch counter+4 3',
    "'3' is not a pid yet: pid 3 would be the next fork's child (ps lists the processes; break WHERE 3 may name a child not forked yet)",
    '(illusion) watch counter+2',
    'watch: 0x00002002 is not word-aligned (a watch covers one word)',
    '(illusion) delete 1',
    'deleted breakpoint 1',
    '(illusion) info breakpoints',
    'Num  Type   What',
    '2    watch  0x00002000 (counter) in pid 2, now 0x00000000',
    '(illusion) c',
    'watchpoint 2: 0x00002000 (counter) in pid 2 changed 0x00000000 -> 0x00000007, pc 0x0000104c',
    'pid 2 (forkwatch.s) at 0x00001050  lw r2, 0(r4)  ; 32: lw   r2, 0(r4)',
    '(illusion) regs 2',
    ' r0 0x00000000   r1 0x00000000   r2 0x00000000   r3 0x00000000',
    ' r4 0x00002000   r5 0x00000007   r6 0x00000000   r7 0x00000000',
    ' r8 0x00000000   r9 0x00000000  r10 0x00000000  r11 0x00000000',
    'r12 0x00000000   fp 0x00000000   sp 0x80000000   ra 0x00000000',
    ' pc 0x00001050  instructions 18  cycles 4358',
    '(illusion) x counter 1 1',
    '0x00002000: 0x00000005  |....|',
    '(illusion) x counter 1 2',
    '0x00002000: 0x00000007  |....|',
    '(illusion) walk counter 2',
    'walk 0x00002000 in pid 2: vpn 0x00002 = root index 0, leaf index 2, offset 0x000 (data region)',
    '  root[0] at 0x00005000 (table in frame 0x005) = 0x00006001  leaf table at frame 0x006',
    '  leaf[2] at 0x00006008 (table in frame 0x006) = 0x000044d7  frame 0x004 VRW-U-AD rw-, modified',
    '  physical address 0x00004000',
    '(illusion) walk counter 1',
    'walk 0x00002000 in pid 1: vpn 0x00002 = root index 0, leaf index 2, offset 0x000 (data region)',
    '  root[0] at 0x00001000 (table in frame 0x001) = 0x00002001  leaf table at frame 0x002',
    '  leaf[2] at 0x00002008 (table in frame 0x002) = 0x000074d7  frame 0x007 VRW-U-AD rw-, modified',
    '  physical address 0x00007000',
    '(illusion) frames',
    'frames: 1024 total, 1016 free, 5 kernel, 3 user',
    '  0x000  kernel  kernel half page table (fixed)',
    '  0x001  kernel  root table of pid 1',
    '  0x002  kernel  page table of pid 1 (root index 0)',
    '  0x003  user    refs 2  1:0x00001 2:0x00001',
    '  0x004  user    refs 1  2:0x00002',
    '  0x005  kernel  root table of pid 2',
    '  0x006  kernel  page table of pid 2 (root index 0)',
    '  0x007  user    refs 1  1:0x00002',
    '  0x008-0x3ff  free (1016 frames)',
    '(illusion) c',
    'every process has ended:',
    '  pid 1 (forkwatch.s) exited with code 5',
    '  pid 2 (forkwatch.s) exited with code 7',
  ]);
});

test("the parent's store goes unnoticed by the child's watch: break-trap shows the copy-on-write copy it made", () => {
  expect(transcript(['programs/debug/forkwatch.s'], [
    'break forked',
    'c',
    'watch counter 2',
    'break-trap page_fault',
    'c',
    'x counter 1 1',
    'x counter 1 2',
    'c',
    'c',
    'c',
    'c',
  ])).toEqual([
    'illusion debug: pid 1 (forkwatch.s). Type help for the commands.',
    'pid 1 (forkwatch.s) at 0x00001000  lui r4, 0x0  ; 13: la   r4, counter',
    '(illusion) break forked',
    'breakpoint 1 at 0x00001014 (forked, forkwatch.s:18)',
    '(illusion) c',
    'breakpoint 1, pid 1 at 0x00001014 (forked, forkwatch.s:18)',
    'pid 1 (forkwatch.s) at 0x00001014  lui r4, 0x0  ; 18: la   r4, counter',
    '(illusion) watch counter 2',
    'watchpoint 2: 0x00002000 (counter) in pid 2, now 0x00000000',
    '(illusion) break-trap page_fault',
    'breakpoint 3 on trap page_fault',
    '(illusion) c',
    'trap page_fault in pid 1 (store at 0x00002000, pc 0x00001024)',
    '  resolved: copy-on-write copy (the shared page copied for this process)',
    "pid 1 (forkwatch.s) at 0x00001024  sw r5, 0(r4)  ; 21: sw   r5, 0(r4)          ; the parent's store: copies the page for the parent",
    '(illusion) x counter 1 1',
    '0x00002000: 0x00000000  |....|',
    '(illusion) x counter 1 2',
    '0x00002000: 0x00000000  |....|',
    '(illusion) c',
    'breakpoint 1, pid 2 at 0x00001014 (forked, forkwatch.s:18)',
    'pid 2 (forkwatch.s) at 0x00001014  lui r4, 0x0  ; 18: la   r4, counter',
    '(illusion) c',
    'trap page_fault in pid 2 (store at 0x00002000, pc 0x0000104c)',
    '  resolved: copy-on-write reclaim (the last sharer keeps the page, now writable)',
    "pid 2 (forkwatch.s) at 0x0000104c  sw r5, 0(r4)  ; 31: sw   r5, 0(r4)          ; the child's store: the last sharer keeps the page",
    '(illusion) c',
    'watchpoint 2: 0x00002000 (counter) in pid 2 changed 0x00000000 -> 0x00000007, pc 0x0000104c',
    'pid 2 (forkwatch.s) at 0x00001050  lw r2, 0(r4)  ; 32: lw   r2, 0(r4)',
    '(illusion) c',
    'every process has ended:',
    '  pid 1 (forkwatch.s) exited with code 5',
    '  pid 2 (forkwatch.s) exited with code 7',
  ]);
});

test('watch page stops on each access to the page, saying which access and the pc', () => {
  expect(transcript(['programs/debug/forkwatch.s'], [
    'watch page counter',
    'watch page 0x90000000',
    'c',
    'c',
    'delete',
    'break forked',
    'c',
    'watch page counter 1',
    'c',
    'c',
  ])).toEqual([
    'illusion debug: pid 1 (forkwatch.s). Type help for the commands.',
    'pid 1 (forkwatch.s) at 0x00001000  lui r4, 0x0  ; 13: la   r4, counter',
    '(illusion) watch page counter',
    'watchpoint 1: any access to page 0x00002000 in pid 1',
    '(illusion) watch page 0x90000000',
    'watch: 0x90000000 is in the kernel half: no user access reaches it',
    '(illusion) c',
    'watchpoint 1: load at 0x00002000 in pid 1, pc 0x00001008',
    '  it faulted first, resolved: image load (the page filled from the program image)',
    'pid 1 (forkwatch.s) at 0x0000100c  addi r1, r0, 4  ; 15: li   r1, SYS_FORK',
    '(illusion) c',
    'watchpoint 1: store at 0x00002000 in pid 1, pc 0x00001024',
    '  it faulted first, resolved: copy-on-write copy (the shared page copied for this process)',
    'pid 1 (forkwatch.s) at 0x00001028  addi r1, r0, 5  ; 22: li   r1, SYS_WAIT',
    '(illusion) delete',
    'deleted 1 breakpoint',
    '(illusion) break forked',
    'breakpoint 2 at 0x00001014 (forked, forkwatch.s:18)',
    '(illusion) c',
    'breakpoint 2, pid 2 at 0x00001014 (forked, forkwatch.s:18)',
    'pid 2 (forkwatch.s) at 0x00001014  lui r4, 0x0  ; 18: la   r4, counter',
    '(illusion) watch page counter 1',
    'watchpoint 3: any access to page 0x00002000 in pid 1',
    '(illusion) c',
    'watchpoint 3: load at 0x00002000 in pid 1, pc 0x0000103c',
    'pid 1 (forkwatch.s) at 0x00001040  addi r1, r0, 0  ; 27: li   r1, SYS_EXIT',
    '(illusion) c',
    'every process has ended:',
    '  pid 1 (forkwatch.s) exited with code 5',
    '  pid 2 (forkwatch.s) exited with code 7',
  ]);
});

test('watch r6 watches the register (as gdb\'s watch $r6): it stops where a callee clobbers it; watch *REG is the word it points to', () => {
  expect(transcript(['test/tools/programs/clobber.s'], [
    'watch r6', 'c', 'c', 'bt', 'info breakpoints', 'set r6 1', 'c', 'watch pc', 'watch r0', 'watch *sp', 'restart',
  ]).slice(2)).toEqual([
    '(illusion) watch r6',
    'watchpoint 1: register r6 in pid 1, now 0x00000000 (watch *r6 watches the word it points to)',
    '(illusion) c',
    'watchpoint 1: r6 in pid 1 changed 0x00000000 -> 0x00000003, pc 0x00001000',
    'pid 1 (clobber.s) at 0x00001004  jal ra, helper  ; 5: loop:   call helper',
    '(illusion) c',
    'watchpoint 1: r6 in pid 1 changed 0x00000003 -> 0x00000005, pc 0x0000101c',
    'pid 1 (clobber.s) at 0x00001020  jalr r0, ra, 0  ; 12: ret',
    '(illusion) bt',
    '#0  0x00001020 in helper (clobber.s:12)',
    '#1  0x00001004 in _start (clobber.s:5)',
    '(illusion) info breakpoints',
    'Num  Type            What',
    '1    watch register  r6 in pid 1, now 0x00000005',
    '(illusion) set r6 1',
    'r6 = 0x00000001 in pid 1',
    '(illusion) c',
    'watchpoint 1: r6 in pid 1 changed 0x00000001 -> 0x00000000, pc 0x00001008',
    'pid 1 (clobber.s) at 0x0000100c  bne r6, r0, loop  ; 7: bnez r6, loop',
    '(illusion) watch pc',
    'watch: pc changes with every instruction: use step, or break at an address',
    '(illusion) watch r0',
    'watch: r0 is always zero: it never changes',
    '(illusion) watch *sp',
    'watch: 0x80000000 is in the kernel half: no user access reaches it',
    '(illusion) restart',
    'restarted: pid 1 (clobber.s); 0 breakpoints kept, 1 watchpoint deleted (it watched the old run\'s processes)',
    'pid 1 (clobber.s) at 0x00001000  addi r6, r0, 3  ; 4: _start: li   r6, 3',
  ]);
});

test('a watched word written by a system call names the call: read past a buffer, wait storing the status', () => {
  expect(transcript(['test/tools/programs/readover.s'], ['watch flag', 'c'], ['--input', 'test/tools/programs/readover.in']).slice(-2)).toEqual([
    'watchpoint 1: 0x00002004 (flag) in pid 1 changed 0x00000007 -> 0x00000a6f by its read system call, pc 0x00001014',
    'pid 1 (readover.s) at 0x00001018  lui r3, 0x0  ; 9: la   r3, flag',
  ]);
  expect(transcript(['test/tools/programs/waitnap.s'], ['watch status', 'c']).slice(-2)).toEqual([
    'watchpoint 1: 0x00002000 (status) in pid 1 changed 0x00000000 -> 0x00000003 by its wait system call',
    'pid 1 (waitnap.s) at 0x0000101c  addi r6, r1, 0  ; 11: mv   r6, r1             ; the pid wait returned',
  ]);
});

test('break WHERE PID stops only that process, also a child not forked yet; the parent runs the same loop past it', () => {
  expect(transcript(['test/tools/programs/forkboth.s'], ['b loop 2', 'b loop x', 'i b', 'c', 'c', 'c']).slice(2)).toEqual([
    '(illusion) b loop 2',
    'breakpoint 1 at 0x00001010 (loop, forkboth.s:8), pid 2 only',
    '(illusion) b loop x',
    "b: 'x' is not a pid (ps lists the processes)",
    '(illusion) i b',
    'Num  Type        What',
    '1    breakpoint  0x00001010 (loop, forkboth.s:8), pid 2 only',
    '(illusion) c',
    'P',
    'P',
    'breakpoint 1, pid 2 at 0x00001010 (loop, forkboth.s:8)',
    'pid 2 (forkboth.s) at 0x00001010  lui r3, 0x0  ; 8: loop:   la   r3, s_parent       ; each turn prints who it is',
    '(illusion) c',
    'C',
    'breakpoint 1, pid 2 at 0x00001010 (loop, forkboth.s:8)',
    'pid 2 (forkboth.s) at 0x00001010  lui r3, 0x0  ; 8: loop:   la   r3, s_parent       ; each turn prints who it is',
    '(illusion) c',
    'C',
    'every process has ended:',
    '  pid 1 (forkboth.s) exited with code 0',
    '  pid 2 (forkboth.s) exited with code 0',
  ]);
});

test('watch page sees a load that overwrites its own base register (lw r4, 0(r4): a linked list walked)', () => {
  // The address is the base register's value before the load; read after it, it is the loaded word.
  expect(transcript(['test/tools/programs/chase.s'], ['watch page cell', 'c', 'c'])).toEqual([
    'illusion debug: pid 1 (chase.s). Type help for the commands.',
    'pid 1 (chase.s) at 0x00001000  lui r4, 0x0  ; 3: _start: la   r4, cell',
    '(illusion) watch page cell',
    'watchpoint 1: any access to page 0x00002000 in pid 1',
    '(illusion) c',
    'watchpoint 1: load at 0x00002000 in pid 1, pc 0x00001008',
    '  it faulted first, resolved: image load (the page filled from the program image)',
    'pid 1 (chase.s) at 0x0000100c  addi r1, r0, 0  ; 5: li   r1, 0',
    '(illusion) c',
    'every process has ended:',
    '  pid 1 (chase.s) exited with code 0',
  ]);
});

test('a register watch names the system call whose result changed it, as a word watch does', () => {
  expect(transcript(['test/tools/programs/forkr1.s'], ['watch r1', 'c', 'c', 'c'])).toEqual([
    'illusion debug: pid 1 (forkr1.s). Type help for the commands.',
    'pid 1 (forkr1.s) at 0x00001000  addi r1, r0, 4  ; 3: _start: li   r1, 4            ; fork',
    '(illusion) watch r1',
    'watchpoint 1: register r1 in pid 1, now 0x00000000 (watch *r1 watches the word it points to)',
    '(illusion) c',
    'watchpoint 1: r1 in pid 1 changed 0x00000000 -> 0x00000004, pc 0x00001000',
    'pid 1 (forkr1.s) at 0x00001004  syscall  ; 4: syscall',
    '(illusion) c',
    'watchpoint 1: r1 in pid 1 changed 0x00000004 -> 0x00000002 by its fork system call, pc 0x00001004',
    'pid 1 (forkr1.s) at 0x00001008  addi r1, r0, 0  ; 5: li   r1, 0            ; exit(0)',
    '(illusion) c',
    'watchpoint 1: r1 in pid 1 changed 0x00000002 -> 0x00000000, pc 0x00001008',
    'pid 1 (forkr1.s) at 0x0000100c  addi r2, r0, 0  ; 6: li   r2, 0',
  ]);
});

// Found by dbg24: a page watch on a copy-on-write page stopped on the child's store without a word of the copy it took.
test('watch page names the page fault the watched access took first: the image load, the child\'s copy-on-write copy', () => {
  expect(transcript(['test/tools/programs/cowpage.s'], ['watch page word', 'break child', 'c', 'c', 'watch page word', 'c', 'c']).slice(7)).toEqual([
    'watchpoint 1: store at 0x00002000 in pid 1, pc 0x0000100c',
    '  it faulted first, resolved: image load (the page filled from the program image)',
    'pid 1 (cowpage.s) at 0x00001010  addi r1, r0, 4  ; 7: li   r1, 4          ; fork',
    '(illusion) c',
    'breakpoint 2, pid 2 at 0x00001038 (child, cowpage.s:18)',
    'pid 2 (cowpage.s) at 0x00001038  addi r4, r0, 2  ; 18: li   r4, 2',
    '(illusion) watch page word',
    'watchpoint 3: any access to page 0x00002000 in pid 2',
    '(illusion) c',
    'watchpoint 3: store at 0x00002000 in pid 2, pc 0x0000103c',
    '  it faulted first, resolved: copy-on-write copy (the shared page copied for this process)',
    'pid 2 (cowpage.s) at 0x00001040  addi r1, r0, 0  ; 20: li   r1, 0',
    '(illusion) c',
    'watchpoint 1: load at 0x00002000 in pid 1, pc 0x00001028',
    'pid 1 (cowpage.s) at 0x0000102c  addi r1, r0, 0  ; 14: li   r1, 0',
  ]);
});

// Found by student25: `watch page 2` watched the null page (address 2) without a word, where a student meant page 2.
test('watch page with a plain number is refused with both readings: a page number, or an address in hex', () => {
  expect(transcript(['test/tools/programs/partial.s'], ['watch page 2', 'watch page 0', 'watch page 99999999', 'watch page 0x2000', 'watch page msg', 'watch 8']).slice(2)).toEqual([
    '(illusion) watch page 2',
    'watch page: 2 is a plain number; did you mean page 2, at 0x00002000 (watch page 0x2000)? An address is written in hex (0x2) or as a label (watch page buf)',
    '(illusion) watch page 0',
    'watch page: 0 is a plain number; did you mean page 0, at 0x00000000 (watch page 0x0)? An address is written in hex (0x0) or as a label (watch page buf)',
    '(illusion) watch page 99999999',
    'watch page: 99999999 is a plain number, not an address: an address is written in hex (0x5f5e0ff) or as a label (watch page buf)',
    '(illusion) watch page 0x2000',
    'watchpoint 1: any access to page 0x00002000 in pid 1',
    '(illusion) watch page msg',
    'watchpoint 2: any access to page 0x00002000 in pid 1',
    '(illusion) watch 8',
    'watchpoint 3: 0x00000008 in pid 1, in the null page (below 0x00001000), never mapped (a null pointer lands here): an access there kills the process (null_page)',
  ]);
});

// Before, `watch` on the guard page said only 'not readable yet', and `walk 0xffffffff` said 'no region
// holds this address', as for any hole: neither said the address is one no user page can ever hold.
test('watch and walk name the guard page, the null page and the kernel half', () => {
  expect(transcript(['test/tools/programs/deep.s'], [
    'watch page 0x7feff000', 'watch 0x7feff000', 'walk 0x7feff000', 'walk 0xffffffff', 'walk 0x10', 'c',
  ]).slice(2)).toEqual([
    '(illusion) watch page 0x7feff000',
    'watchpoint 1: any access to page 0x7feff000 in pid 1: the guard page below the stack (0x7feff000-0x7fefffff), never mapped (a stack overflow lands here): an access there kills the process (guard_page)',
    '(illusion) watch 0x7feff000',
    'watchpoint 2: 0x7feff000 in pid 1, in the guard page below the stack (0x7feff000-0x7fefffff), never mapped (a stack overflow lands here): an access there kills the process (guard_page)',
    '(illusion) walk 0x7feff000',
    'walk 0x7feff000 in pid 1: vpn 0x7feff = root index 511, leaf index 767, offset 0x000',
    '  root[511] at 0x000017fc (table in frame 0x001) = 0x00000000  not valid',
    '  no second-level table yet; this is the guard page below the stack (0x7feff000-0x7fefffff): never mapped (a stack overflow lands here), so a touch kills the process (guard_page)',
    '(illusion) walk 0xffffffff',
    'walk 0xffffffff in pid 1: vpn 0xfffff = root index 1023, leaf index 1023, offset 0xfff',
    '  root[1023] at 0x00001ffc (table in frame 0x001) = 0x00000000  not valid',
    '  no second-level table yet; this is the kernel half (0x80000000 and up): supervisor-only, and a user process can map nothing here, so a touch kills the process (kernel_half)',
    '(illusion) walk 0x10',
    'walk 0x00000010 in pid 1: vpn 0x00000 = root index 0, leaf index 0, offset 0x010',
    '  root[0] at 0x00001000 (table in frame 0x001) = 0x00000000  not valid',
    '  no second-level table yet; this is the null page (below 0x00001000): never mapped (a null pointer lands here), so a touch kills the process (null_page)',
    '(illusion) c',
    'pid 1 is about to be killed (inspect it now; continue lets it die):',
    '  pid 1 (deep.s) killed: bad_access: store to 0x7feffffc in the guard page below the stack: a stack overflow (the stack holds 1 MiB) (guard_page); pc 0x00001014, deep.s:8',
    'pid 1 (deep.s) at 0x00001014  sw ra, 0(sp)  ; 8: f:      push ra',
  ]);
});

// Before, a watch on a .bss or stack word whose page was not made yet said 'not readable yet', though the
// word is zero and its first store is reported as a change from 0.
test('a watch on a word of a zero-filled page not made yet says it is 0; one where no region is says a touch kills', () => {
  expect(transcript(['test/tools/programs/bsswatch.s'], ['watch buf', 'watch 0x7ffffffc', 'watch 0x5000', 'info breakpoints', 'c', 'c']).slice(2)).toEqual([
    '(illusion) watch buf',
    'watchpoint 1: 0x00002000 (buf) in pid 1, now 0x00000000 (the bss page is made on first touch, filled with zeros)',
    '(illusion) watch 0x7ffffffc',
    'watchpoint 2: 0x7ffffffc in pid 1, now 0x00000000 (the stack page is made on first touch, filled with zeros)',
    '(illusion) watch 0x5000',
    'watchpoint 3: 0x00005000 in pid 1, not readable: no region holds it, so a touch kills the process',
    // Found by student28b: info breakpoints said 'not readable yet' for the first two, which watch had just called 0.
    '(illusion) info breakpoints',
    'Num  Type   What',
    '1    watch  0x00002000 (buf) in pid 1, now 0x00000000',
    '2    watch  0x7ffffffc in pid 1, now 0x00000000',
    '3    watch  0x00005000 in pid 1, not readable yet',
    '(illusion) c',
    'watchpoint 1: 0x00002000 (buf) in pid 1 changed 0x00000000 -> 0x00000005, pc 0x0000100c',
    'pid 1 (bsswatch.s) at 0x00001010  addi r4, r0, 6  ; 7: li   r4, 6',
    '(illusion) c',
    'watchpoint 1: 0x00002000 (buf) in pid 1 changed 0x00000005 -> 0x00000006, pc 0x00001014',
    'pid 1 (bsswatch.s) at 0x00001018  addi sp, sp, -4  ; 9: push r4',
  ]);
});
