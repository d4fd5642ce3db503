// Why a process died (SPEC sections 7 and 9): one small program per kill
// reason, each asserting the cause, reason and region in the result object,
// the exit status `illusion run` gives, and the exact stderr line. Then the
// kills the run itself makes: SIGINT and SIGTERM sent to a spawned run.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { MachineConfig } from '../../kernel/config.js';
import { runExitStatus } from '../../kernel/result.js';
import { bootMachine } from '../../kernel/run.js';
import { collectResult } from '../../kernel/result.js';
import { ROOT, run, source } from './harness.js';

interface KillRow {
  file: string;
  source: string[];
  config?: Partial<MachineConfig>;
  stdin?: string;
  /** The killed process (the others, if any, exit 0). */
  pid: number;
  cause: string;
  reason: string;
  region?: string;
  /** `illusion run`'s exit status: 128 + the POSIX signal when pid 1 is killed. */
  status: number;
  /** The exact stderr line. */
  line: string;
}

const KILLS: Record<string, KillRow> = {
  'load through a null pointer': {
    file: 'null_page.s',
    source: [
      '        .text',
      '_start: lw   r2, 8(r0)       ; a null pointer plus a field offset',
    ],
    pid: 1, cause: 'bad_access', reason: 'null_page', status: 139,
    line: 'pid 1 (null_page.s) killed: bad_access: load from 0x00000008 in the null page (below 0x00001000): was the pointer null? (null_page); pc 0x00001000, null_page.s:2',
  },
  // Found by dbg23: a ret at the end of _start (ra still 0) was asked 'was the pointer null?'.
  'ret from _start, whose ra is 0': {
    file: 'ret_start.s',
    source: [
      '        .text',
      '_start: li   r2, 1',
      '        ret',
    ],
    pid: 1, cause: 'bad_access', reason: 'null_page', status: 139,
    line: 'pid 1 (ret_start.s) killed: bad_access: fetch from 0x00000000 in the null page (below 0x00001000): the program jumped there (a ret with ra still 0, as in _start, which has no caller: end it with exit; or a call through a null pointer?) (null_page); pc 0x00000000',
  },
  'store into the kernel half': {
    file: 'kernel_half.s',
    source: [
      '        .text',
      '_start: li   r2, 0x80000010',
      '        sw   r0, 0(r2)',
    ],
    pid: 1, cause: 'bad_access', reason: 'kernel_half', status: 139,
    line: 'pid 1 (kernel_half.s) killed: bad_access: store to 0x80000010 in the kernel half (0x80000000 and up), which user code may not touch (kernel_half); pc 0x00001008, kernel_half.s:3',
  },
  'stack overflow into the guard page': {
    file: 'guard_page.s',
    source: [
      '; pushes until the stack runs into its guard page',
      '        .text',
      '_start: push r0',
      '        j    _start',
    ],
    pid: 1, cause: 'bad_access', reason: 'guard_page', status: 139,
    line: 'pid 1 (guard_page.s) killed: bad_access: store to 0x7feffffc in the guard page below the stack: a stack overflow (the stack holds 1 MiB) (guard_page); pc 0x00001004, guard_page.s:3',
  },
  'load above the break (empty heap)': {
    file: 'unmapped_above_break.s',
    source: [
      '; no .data or .bss: the heap starts, empty, at 0x2000',
      '        .text',
      '_start: li   r2, 0x2000',
      '        lw   r3, 0(r2)',
    ],
    pid: 1, cause: 'bad_access', reason: 'unmapped', status: 139,
    line: 'pid 1 (unmapped_above_break.s) killed: bad_access: load from 0x00002000, above the heap\'s break at 0x00002000: grow the heap with sbrk first (unmapped); pc 0x00001004, unmapped_above_break.s:4',
  },
  // Found by student25: a load from heap memory an sbrk shrink gave back was told to grow the heap with sbrk.
  'load from heap memory an sbrk shrink gave back': {
    file: 'unmapped_after_shrink.s',
    source: [
      '        .text',
      '_start: li   r1, 6          ; sbrk(8192): two pages',
      '        li   r2, 8192',
      '        syscall',
      '        mv   r6, r1',
      '        sw   r6, 4096(r6)',
      '        li   r1, 6          ; sbrk(-4096): the second page goes',
      '        li   r2, -4096',
      '        syscall',
      '        lw   r4, 4096(r6)   ; used after it was given back',
    ],
    pid: 1, cause: 'bad_access', reason: 'unmapped', status: 139,
    line: "pid 1 (unmapped_after_shrink.s) killed: bad_access: load from 0x00003000, above the heap's break at 0x00003000: the heap reached 0x00004000 before an sbrk shrank it (memory used after it was given back?) (unmapped); pc 0x00001020, unmapped_after_shrink.s:10",
  },
  'an array read one past its end, off the data page (the heap never grown)': {
    file: 'unmapped_past_array.s',
    source: [
      '        .text',
      '_start: la   r4, arr',
      '        li   r5, 1025        ; arr has 1024 words: one too many',
      'loop:   lw   r6, 0(r4)',
      '        addi r4, r4, 4',
      '        addi r5, r5, -1',
      '        bnez r5, loop',
      '        .bss',
      'arr:    .space 4096',
    ],
    pid: 1, cause: 'bad_access', reason: 'unmapped', status: 139,
    line: "pid 1 (unmapped_past_array.s) killed: bad_access: load from 0x00003000, past the end of the program's data, where the heap (empty until sbrk grows it) begins; the last label before it is 'arr' at 0x00002000: an index past the end of an array? (unmapped); pc 0x0000100c, unmapped_past_array.s:4",
  },
  'store after sbrk shrank the heap': {
    file: 'unmapped_sbrk_shrink.s',
    source: [
      '        .text',
      '_start: li   r1, 6           ; sbrk(8192)',
      '        li   r2, 8192',
      '        syscall',
      '        mv   r5, r1',
      '        li   r1, 6           ; sbrk(-8192): the pages are gone',
      '        li   r2, -8192',
      '        syscall',
      '        sw   r0, 0(r5)',
    ],
    pid: 1, cause: 'bad_access', reason: 'unmapped', status: 139,
    line: "pid 1 (unmapped_sbrk_shrink.s) killed: bad_access: store to 0x00002000, above the heap's break at 0x00002000: the heap reached 0x00004000 before an sbrk shrank it (memory used after it was given back?) (unmapped); pc 0x0000101c, unmapped_sbrk_shrink.s:9",
  },
  'load after munmap': {
    file: 'unmapped_munmap.s',
    source: [
      '        .text',
      '_start: li   r1, 8           ; mmap(4096, PROT_R|PROT_W)',
      '        li   r2, 4096',
      '        li   r3, 3',
      '        syscall',
      '        mv   r5, r1',
      '        li   r1, 9           ; munmap it',
      '        mv   r2, r5',
      '        li   r3, 4096',
      '        syscall',
      '        lw   r3, 0(r5)',
    ],
    pid: 1, cause: 'bad_access', reason: 'unmapped', status: 139,
    line: 'pid 1 (unmapped_munmap.s) killed: bad_access: load from 0x7fdff000, which no region holds (never mapped, or unmapped by munmap) (unmapped); pc 0x00001024, unmapped_munmap.s:11',
  },
  'store into .text': {
    file: 'protection_text.s',
    source: [
      '        .text',
      '_start: la   r2, _start',
      '        sw   r0, 0(r2)       ; .text is r-x',
    ],
    pid: 1, cause: 'bad_access', reason: 'protection', region: 'text', status: 139,
    line: 'pid 1 (protection_text.s) killed: bad_access: store to 0x00001000 in text, which is r-x (protection); pc 0x00001008, protection_text.s:3',
  },
  // Found by student25: a call through a null or bad function pointer left a pc with no line: nothing said which call it was.
  'call through a null function pointer': {
    file: 'null_call.s',
    source: [
      '        .text',
      '_start: la   r3, handler',
      '        lw   r5, 0(r3)',
      '        jalr ra, r5, 0       ; handler was never set',
      '        .data',
      'handler: .word 0',
    ],
    pid: 1, cause: 'bad_access', reason: 'null_page', status: 139,
    line: 'pid 1 (null_call.s) killed: bad_access: fetch from 0x00000000 in the null page (below 0x00001000): a call through a null pointer; the call at 0x0000100c (null_call.s:4) jumped there (null_page); pc 0x00000000',
  },
  'call through a table entry past its end': {
    file: 'bad_call.s',
    source: [
      '        .text',
      '_start: la   r3, table',
      '        lw   r5, 8(r3)        ; table[2]: the table has 2 entries',
      '        call f0',
      '        jalr ra, 0(r5)',
      'f0:     ret',
      '        .data',
      'table:  .word f0, f0',
      'count:  .word 0x12344',
    ],
    pid: 1, cause: 'bad_access', reason: 'unmapped', status: 139,
    line: 'pid 1 (bad_call.s) killed: bad_access: fetch from 0x00012344, which no region holds: a call through a bad pointer; the call at 0x00001010 (bad_call.s:5) jumped there (unmapped); pc 0x00012344',
  },
  'a ret through a return address overwritten with a number': {
    file: 'bad_ret.s',
    source: [
      '        .text',
      '_start: call f',
      'f:      li   ra, 0x12344',
      '        ret',
    ],
    pid: 1, cause: 'bad_access', reason: 'unmapped', status: 139,
    line: 'pid 1 (bad_ret.s) killed: bad_access: fetch from 0x00012344, which no region holds: a jump through a bad pointer, a return address overwritten, or code run off its end? (unmapped); pc 0x00012344',
  },
  'jalr through a pointer that is no code address, not a multiple of 4': {
    file: 'odd_call.s',
    source: [
      '        .text',
      '_start: li   r5, 0x12345',
      '        jalr ra, 0(r5)',
    ],
    pid: 1, cause: 'misaligned', reason: 'jump_target', status: 135,
    line: "pid 1 (odd_call.s) killed: misaligned: jalr to 0x00012345, which is not a multiple of 4 and lies outside the program's code: a jump through a bad pointer, or a return address overwritten? (jump_target); pc 0x00001008, odd_call.s:3",
  },
  'jump into .data': {
    file: 'protection_data.s',
    source: [
      '        .text',
      '_start: la   r2, table',
      '        jalr r0, 0(r2)       ; data is not code',
      '        .data',
      'table:  .word 1, 2',
    ],
    pid: 1, cause: 'bad_access', reason: 'protection', region: 'data', status: 139,
    line: 'pid 1 (protection_data.s) killed: bad_access: fetch from 0x00002000 in data, which is rw-: instructions run only from .text (code written under .data or .bss? put it under .text) (protection); pc 0x00002000, protection_data.s:5',
  },
  'jump into .bss': {
    file: 'protection_bss.s',
    source: [
      '        .text',
      '_start: la   r2, buffer',
      '        jalr r0, 0(r2)',
      '        .data',
      'one:    .word 1',
      '        .bss',
      'buffer: .space 64',
    ],
    pid: 1, cause: 'bad_access', reason: 'protection', region: 'bss', status: 139,
    line: 'pid 1 (protection_bss.s) killed: bad_access: fetch from 0x00002004 in bss, which is rw-: instructions run only from .text (code written under .data or .bss? put it under .text) (protection); pc 0x00002004',
  },
  // Found by dbg23: a fetch refused by the rights said the rights but not what they mean for code.
  'jump onto the stack': {
    file: 'protection_stack.s',
    source: [
      '        .text',
      '_start: sw   r0, -4(sp)',
      '        addi r2, sp, -4',
      '        jalr r0, 0(r2)',
    ],
    pid: 1, cause: 'bad_access', reason: 'protection', region: 'stack', status: 139,
    line: 'pid 1 (protection_stack.s) killed: bad_access: fetch from 0x7ffffffc in stack, which is rw-: no page of the heap or the stack runs as code (none is both writable and executable): a jump through a bad pointer, or a return address overwritten? (protection); pc 0x7ffffffc',
  },
  'load from a PROT_NONE mmap page': {
    file: 'protection_prot_none.s',
    source: [
      '        .text',
      '_start: li   r1, 8           ; mmap(4096, PROT_NONE)',
      '        li   r2, 4096',
      '        li   r3, 0',
      '        syscall',
      '        lw   r3, 0(r1)',
    ],
    pid: 1, cause: 'bad_access', reason: 'protection', region: 'mmap', status: 139,
    line: 'pid 1 (protection_prot_none.s) killed: bad_access: load from 0x7fdff000 in mmap, which is --- (protection); pc 0x00001010, protection_prot_none.s:6',
  },
  'running past the last instruction': {
    file: 'past_end.s',
    source: [
      '; forgets to call exit',
      '        .text',
      '_start: li   r2, 1',
      '        addi r2, r2, 1',
    ],
    pid: 1, cause: 'illegal_instruction', reason: 'past_end', region: 'text', status: 132,
    line: 'pid 1 (past_end.s) killed: illegal_instruction: pc ran past the last instruction (the last is at 0x00001004): did the program forget to call exit? (past_end); pc 0x00001008',
  },
  'running past the last instruction onto the next page (no .data: the heap starts there)': {
    file: 'past_end_page.s',
    source: [
      '; forgets to call exit, and its .text fills its page exactly',
      '        .text',
      '_start: li   r2, 1',
      ...Array<string>(1023).fill('        addi r2, r2, 1'),
    ],
    pid: 1, cause: 'illegal_instruction', reason: 'past_end', status: 132,
    line: 'pid 1 (past_end_page.s) killed: illegal_instruction: pc ran past the last instruction (the last is at 0x00001ffc): did the program forget to call exit? (past_end); pc 0x00002000',
  },
  'running past the last instruction into .data on the next page': {
    file: 'past_end_data.s',
    source: [
      '        .text',
      '_start: li   r2, 1',
      ...Array<string>(1023).fill('        addi r2, r2, 1'),
      '        .data',
      'w:      .word 7',
    ],
    pid: 1, cause: 'illegal_instruction', reason: 'past_end', region: 'data', status: 132,
    line: 'pid 1 (past_end_data.s) killed: illegal_instruction: pc ran past the last instruction (the last is at 0x00001ffc): did the program forget to call exit? (past_end); pc 0x00002000, past_end_data.s:1027',
  },
  // Found by student28b: a function without its ret, the last code of .text, was asked whether the program forgot exit.
  'a function reached by call runs past the last instruction (its ret missing)': {
    file: 'past_end_call.s',
    source: [
      '        .text',
      '_start: li   r1, 1',
      '        call f',
      '        li   r1, 0',
      '        li   r2, 0',
      '        syscall',
      'f:      addi r1, r1, 1',
    ],
    pid: 1, cause: 'illegal_instruction', reason: 'past_end', region: 'text', status: 132,
    line: "pid 1 (past_end_call.s) killed: illegal_instruction: pc ran past the last instruction (the last is at 0x00001014), the end of function 'f' (called at past_end_call.s:3): is its 'ret' missing? (a function ends with ret; only _start ends with exit) (past_end); pc 0x00001018",
  },
  'a function without ret that fills .text to its page end (the fetch past it faults)': {
    file: 'past_end_call_page.s',
    source: [
      '        .text',
      '_start: call work',
      '        li   r1, 0',
      '        li   r2, 0',
      '        syscall',
      'work:   addi r5, r5, 1',
      ...Array<string>(1019).fill('        addi r5, r5, 1'),
    ],
    pid: 1, cause: 'illegal_instruction', reason: 'past_end', status: 132,
    line: "pid 1 (past_end_call_page.s) killed: illegal_instruction: pc ran past the last instruction (the last is at 0x00001ffc), the end of function 'work' (called at past_end_call_page.s:2): is its 'ret' missing? (a function ends with ret; only _start ends with exit) (past_end); pc 0x00002000",
  },
  // ra still points after the call of f, but f returned: the code past it is _start's, jumped to with j.
  "_start's own code past a function that returned runs off the end: still 'forgot exit'": {
    file: 'past_end_after_call.s',
    source: [
      '        .text',
      '_start: call f',
      '        j    done',
      'f:      addi r1, r1, 1',
      '        ret',
      'done:   addi r2, r2, 1',
    ],
    pid: 1, cause: 'illegal_instruction', reason: 'past_end', region: 'text', status: 132,
    line: 'pid 1 (past_end_after_call.s) killed: illegal_instruction: pc ran past the last instruction (the last is at 0x00001010): did the program forget to call exit? (past_end); pc 0x00001014',
  },
  "_start placed after a function it called, running off the end: still 'forgot exit'": {
    file: 'past_end_start_last.s',
    source: [
      '        .text',
      'f:      addi r1, r1, 1',
      '        ret',
      '_start: call f',
      '        addi r2, r2, 1',
    ],
    pid: 1, cause: 'illegal_instruction', reason: 'past_end', region: 'text', status: 132,
    line: 'pid 1 (past_end_start_last.s) killed: illegal_instruction: pc ran past the last instruction (the last is at 0x0000100c): did the program forget to call exit? (past_end); pc 0x00001010',
  },
  // Found by student28b: 'li r1, 3' then 'syscall' (the code put where the number goes) was asked whether it forgot exit.
  'the last syscall made another call than exit (the exit code put in r1)': {
    file: 'past_end_syscall.s',
    source: [
      '        .text',
      '_start: li   r1, 3          ; meant exit(3)',
      '        syscall',
    ],
    pid: 1, cause: 'illegal_instruction', reason: 'past_end', region: 'text', status: 132,
    line: "pid 1 (past_end_syscall.s) killed: illegal_instruction: pc ran past the last instruction (the last is at 0x00001004): the syscall there made system call 3 (getpid), which returns; exit is call 0: 'li r1, 0', the exit code in r2, then 'syscall' (past_end); pc 0x00001008",
  },
  'a program with no instructions': {
    file: 'no_text.s',
    source: [
      '; the code was never written: .text is empty, .data starts at 0x1000',
      '        .data',
      'w:      .word 7',
    ],
    pid: 1, cause: 'illegal_instruction', reason: 'past_end', region: 'data', status: 132,
    line: 'pid 1 (no_text.s) killed: illegal_instruction: pc 0x00001000 is where .text starts, but the program has no instructions there: is its code under .text? (past_end); pc 0x00001000, no_text.s:3',
  },
  'the all-zero word': {
    file: 'zero_word.s',
    source: [
      '        .text',
      '_start: nop',
      '        .word 0',
    ],
    pid: 1, cause: 'illegal_instruction', reason: 'zero_word', region: 'text', status: 132,
    line: 'pid 1 (zero_word.s) killed: illegal_instruction: the word at pc is 0x00000000, which is no instruction (data, or memory never written?) (zero_word); pc 0x00001004, zero_word.s:3',
  },
  'an unassigned opcode': {
    file: 'unassigned_opcode.s',
    source: [
      '        .text',
      '_start: .word 0xFF000000',
    ],
    pid: 1, cause: 'illegal_instruction', reason: 'unassigned_opcode', region: 'text', status: 132,
    line: 'pid 1 (unassigned_opcode.s) killed: illegal_instruction: the word at pc, 0xff000000, has opcode 0xff, which no instruction uses (unassigned_opcode); pc 0x00001000, unassigned_opcode.s:2',
  },
  'must-be-zero bits set': {
    file: 'nonzero_reserved_bits.s',
    source: [
      '        .text',
      '_start: .word 0x01000001      ; add with bit 0 set',
    ],
    pid: 1, cause: 'illegal_instruction', reason: 'nonzero_reserved_bits', region: 'text', status: 132,
    line: 'pid 1 (nonzero_reserved_bits.s) killed: illegal_instruction: the word at pc, 0x01000001, is add with must-be-zero bits set (0x00000001) (nonzero_reserved_bits); pc 0x00001000, nonzero_reserved_bits.s:2',
  },
  'a privileged instruction': {
    file: 'privileged.s',
    source: [
      '        .text',
      '_start: tlbflush',
    ],
    pid: 1, cause: 'privileged_instruction', reason: 'supervisor_only', status: 132,
    line: 'pid 1 (privileged.s) killed: privileged_instruction: tlbflush is privileged: only the kernel may run it, and guest code runs in user mode (supervisor_only); pc 0x00001000, privileged.s:2',
  },
  // Found by dbg23: a beginner ends the program with halt, as on other teaching machines.
  'halt to end the program': {
    file: 'halt.s',
    source: [
      '        .text',
      '_start: li   r2, 1',
      '        halt',
    ],
    pid: 1, cause: 'privileged_instruction', reason: 'supervisor_only', status: 132,
    line: "pid 1 (halt.s) killed: privileged_instruction: halt is privileged: only the kernel may run it, and guest code runs in user mode; a program ends with exit: 'li r1, 0', 'li r2, CODE', 'syscall' (supervisor_only); pc 0x00001004, halt.s:3",
  },
  'misaligned lw': {
    file: 'misaligned_load.s',
    source: [
      '        .text',
      '_start: la   r2, w',
      '        lw   r3, 2(r2)',
      '        .data',
      'w:      .word 7, 8',
    ],
    pid: 1, cause: 'misaligned', reason: 'word_load', region: 'data', status: 135,
    line: 'pid 1 (misaligned_load.s) killed: misaligned: lw from 0x00002002 (w+2), which is not a multiple of 4: word i of an array is 4*i bytes in (an index or a pointer stepped by 1, not 4?) (word_load); pc 0x00001008, misaligned_load.s:3',
  },
  'a pop past the top of the stack: a recursive call that did not save ra': {
    file: 'underflow.s',
    source: [
      '        .text',
      '_start: li   r2, 2',
      '        call f',
      '        li   r1, 0',
      '        syscall',
      'f:      beqz r2, back',
      '        push r2',
      '        addi r2, r2, -1',
      '        call f',
      '        pop  r2',
      'back:   ret',
    ],
    pid: 1, cause: 'bad_access', reason: 'kernel_half', status: 139,
    line: 'pid 1 (underflow.s) killed: bad_access: load from 0x80000000 in the kernel half (0x80000000 and up), which user code may not touch: through sp, just above the top of the stack (0x80000000, where sp starts): the stack was popped more than pushed (a call made without saving ra first?) (kernel_half); pc 0x00001024, underflow.s:10',
  },
  'misaligned sw into .bss, past its first label': {
    file: 'misaligned_bss.s',
    source: [
      '        .text',
      '_start: la   r2, table',
      '        li   r3, 7',
      '        sw   r3, 9(r2)',
      '        .bss',
      'head:   .space 4',
      'table:  .space 64',
    ],
    pid: 1, cause: 'misaligned', reason: 'word_store', region: 'bss', status: 135,
    line: "pid 1 (misaligned_bss.s) killed: misaligned: sw to 0x0000200d (table+9), which is not a multiple of 4: word i of an array is 4*i bytes in (an index or a pointer stepped by 1, not 4?) (word_store); pc 0x0000100c, misaligned_bss.s:4",
  },
  // Found by student28b: a string copied with lw was told 'word i of an array is 4*i bytes in (a pointer stepped by 1, not 4?)',
  // which would have it step by 4; a string's characters are bytes.
  'misaligned lw into a string: the characters are bytes': {
    file: 'misaligned_string.s',
    source: [
      '        .text',
      '_start: la   r2, src',
      'copy:   lw   r4, 0(r2)      ; meant lb',
      '        addi r2, r2, 1',
      '        bnez r4, copy',
      '        .data',
      'src:    .asciz "hello\\tworld, a long line\\n"',
    ],
    pid: 1, cause: 'misaligned', reason: 'word_load', region: 'data', status: 135,
    line: 'pid 1 (misaligned_string.s) killed: misaligned: lw from 0x00002001 (src+1), which is not a multiple of 4: \'src\' holds text ("hello\\tworld, a l..."): its characters are bytes, read with lb or lbu and written with sb (word_load); pc 0x00001008, misaligned_string.s:3',
  },
  'misaligned lw a whole word past a label that is itself unaligned: the label is named': {
    file: 'misaligned_label.s',
    source: [
      '        .text',
      '_start: la   r2, table',
      '        lw   r3, 40(r2)',
      '        .bss',
      'flag:   .space 3',
      'table:  .space 64',
    ],
    pid: 1, cause: 'misaligned', reason: 'word_load', region: 'bss', status: 135,
    line: "pid 1 (misaligned_label.s) killed: misaligned: lw from 0x0000202b (table+40), which is not a multiple of 4: 'table' itself is at 0x00002003, which is not a multiple of 4 (it follows bytes or a string): put '.align 4' on the line before it (word_load); pc 0x00001008, misaligned_label.s:3",
  },
  'misaligned lw on the stack: no label to name': {
    file: 'misaligned_stack.s',
    source: [
      '        .text',
      '_start: addi sp, sp, -8',
      '        sw   r0, 0(sp)',
      '        lw   r3, 2(sp)',
    ],
    pid: 1, cause: 'misaligned', reason: 'word_load', region: 'stack', status: 135,
    line: 'pid 1 (misaligned_stack.s) killed: misaligned: lw from 0x7ffffffa, 2(sp) with sp at 0x7ffffff8: the offset 2 is not a multiple of 4 (a frame\'s words are at 0(sp), 4(sp), 8(sp), ...) (word_load); pc 0x00001008, misaligned_stack.s:4',
  },
  // Found by student28b: an sp moved by 2 was reported as a misaligned address only, with nothing about sp.
  'misaligned sw through an sp moved by 2: sp itself is named, and the addi that moved it': {
    file: 'misaligned_sp.s',
    source: [
      '        .text',
      '_start: addi sp, sp, -2',
      '        sw   r4, 0(sp)',
    ],
    pid: 1, cause: 'misaligned', reason: 'word_store', region: 'stack', status: 135,
    line: "pid 1 (misaligned_sp.s) killed: misaligned: sw to 0x7ffffffe through sp, which is 0x7ffffffe: the stack pointer itself is not a multiple of 4 ('addi sp, sp, -2' at misaligned_sp.s:2 moved it by -2); stack adjustments must be multiples of 4 (addi sp, sp, -4 for each word pushed) (word_store); pc 0x00001004, misaligned_sp.s:3",
  },
  'a pop after sp was moved by 6: sp itself is named': {
    file: 'misaligned_pop.s',
    source: [
      '        .text',
      '_start: addi sp, sp, -6',
      '        li   r5, 1',
      '        pop  r5',
    ],
    pid: 1, cause: 'misaligned', reason: 'word_load', region: 'stack', status: 135,
    line: "pid 1 (misaligned_pop.s) killed: misaligned: lw from 0x7ffffffa through sp, which is 0x7ffffffa: the stack pointer itself is not a multiple of 4 ('addi sp, sp, -6' at misaligned_pop.s:2 moved it by -6); stack adjustments must be multiples of 4 (addi sp, sp, -4 for each word pushed) (word_load); pc 0x00001008, misaligned_pop.s:4",
  },
  'misaligned jalr target': {
    file: 'misaligned_jump.s',
    source: [
      '        .text',
      '_start: la   r2, _start',
      '        jalr r0, 2(r2)',
    ],
    pid: 1, cause: 'misaligned', reason: 'jump_target', region: 'text', status: 135,
    line: 'pid 1 (misaligned_jump.s) killed: misaligned: jalr to 0x00001002, which is not a multiple of 4 (jump_target); pc 0x00001008, misaligned_jump.s:3',
  },
  // Found by student28b: a recursive function that popped ra and r2 in the order it pushed them returned to r2's value,
  // and was asked about 'a jump through a bad pointer'; the instruction is a ret, so ra is what went wrong.
  'ret through an ra popped in the wrong order': {
    file: 'ret_bad_ra.s',
    source: [
      '        .text',
      '_start: li   r2, 1',
      '        call f',
      '        li   r1, 0',
      '        syscall',
      'f:      push ra',
      '        push r2',
      '        pop  ra             ; pops r2 into ra: the pops are not in reverse order',
      '        pop  r2',
      '        ret',
    ],
    pid: 1, cause: 'misaligned', reason: 'jump_target', status: 135,
    line: "pid 1 (ret_bad_ra.s) killed: misaligned: ret to 0x00000001, which is not a multiple of 4 and lies outside the program's code: ra holds no return address (popped in another order than pushed, or overwritten?) (jump_target); pc 0x00001030, ret_bad_ra.s:10",
  },
  // Found by student28b: a node of 6 bytes from sbrk left the next one unaligned, and the kill named only the address.
  'misaligned sw in the heap after an sbrk of 6 bytes': {
    file: 'misaligned_heap.s',
    source: [
      '        .text',
      '_start: li   r7, 2',
      'node:   li   r1, 6          ; sbrk(6): value and half a next pointer',
      '        li   r2, 6',
      '        syscall',
      '        sw   r7, 0(r1)',
      '        addi r7, r7, -1',
      '        bnez r7, node',
    ],
    pid: 1, cause: 'misaligned', reason: 'word_store', region: 'heap', status: 135,
    line: 'pid 1 (misaligned_heap.s) killed: misaligned: sw to 0x00002006, which is not a multiple of 4: in the heap, whose break moves by any number of bytes (an sbrk of a size that is not a multiple of 4 before it? round sizes up to a multiple of 4; or a pointer stepped by 1, not 4?) (word_store); pc 0x00001010, misaligned_heap.s:6',
  },
  'division by zero': {
    file: 'divide.s',
    source: [
      '        .text',
      '_start: li   r2, 10',
      '        li   r3, 0',
      '        div  r4, r2, r3',
    ],
    pid: 1, cause: 'divide_by_zero', reason: 'zero_divisor', status: 136,
    line: 'pid 1 (divide.s) killed: divide_by_zero: div by zero (the divisor, r3, is 0) (zero_divisor); pc 0x00001008, divide.s:4',
  },
  'brk outside the debugger': {
    file: 'brk.s',
    source: [
      '        .text',
      '_start: brk',
    ],
    pid: 1, cause: 'breakpoint', reason: 'brk_instruction', status: 133,
    line: 'pid 1 (brk.s) killed: breakpoint: brk executed outside the debugger (illusion debug stops there instead) (brk_instruction); pc 0x00001000, brk.s:2',
  },
  'killed by its parent': {
    file: 'killed.s',
    source: [
      '        .text',
      '_start: li   r1, 4           ; fork',
      '        syscall',
      '        beqz r1, child',
      '        mv   r2, r1          ; parent: kill(child), then exit 0',
      '        li   r1, 12',
      '        syscall',
      '        li   r1, 0',
      '        li   r2, 0',
      '        syscall',
      'child:  j    child',
    ],
    pid: 2, cause: 'killed', reason: 'kill_syscall', status: 0,
    line: 'pid 2 (killed.s) killed: killed: pid 1 called kill(2) (kill_syscall); pc 0x00001008, killed.s:4',
  },
  'out of memory and swap': {
    file: 'oom.s',
    source: [
      '; touches one heap page after another until memory and swap run out',
      '        .text',
      '_start: li   r1, 6           ; sbrk(1 MiB)',
      '        li   r2, 0x100000',
      '        syscall',
      '        li   r3, 4096',
      'loop:   sw   r3, 0(r1)',
      '        add  r1, r1, r3',
      '        j    loop',
    ],
    config: { frames: 8, swapPages: 0 },
    pid: 1, cause: 'out_of_memory', reason: 'memory_and_swap_full', status: 137,
    line: 'pid 1 (oom.s) killed: out_of_memory: memory and swap are full and the kernel chose it as the largest process; it held 7 frames and 0 swap slots (memory_and_swap_full); pc 0x00001010, oom.s:7',
  },
  'the instruction limit': {
    file: 'instruction_limit.s',
    source: [
      '        .text',
      '_start: j    _start',
    ],
    config: { maxInstructions: 100 },
    pid: 1, cause: 'instruction_limit', reason: 'max_instructions', status: 152,
    line: 'pid 1 (instruction_limit.s) killed: instruction_limit: the machine reached its limit of 100 instructions (--max-instructions) before it ended (max_instructions); pc 0x00001000, instruction_limit.s:2',
  },
  'killed by its parent while it sleeps (named at its sleep, not the line after)': {
    file: 'killed_asleep.s',
    source: [
      '        .text',
      '_start: li   r1, 4           ; fork',
      '        syscall',
      '        bnez r1, parent',
      '        li   r1, 11          ; child: sleep(100)',
      '        li   r2, 100',
      '        syscall',
      '        li   r1, 0',
      '        li   r2, 0',
      '        syscall',
      'parent: mv   r5, r1',
      '        li   r1, 7           ; yield: the child runs and falls asleep',
      '        syscall',
      '        li   r1, 12          ; kill(child)',
      '        mv   r2, r5',
      '        syscall',
      '        li   r1, 0',
      '        li   r2, 0',
      '        syscall',
    ],
    pid: 2, cause: 'killed', reason: 'kill_syscall', status: 0,
    line: 'pid 2 (killed_asleep.s) killed: killed: pid 1 called kill(2) (kill_syscall); pc 0x00001014, killed_asleep.s:7',
  },
  'out of memory inside a system call (read into a buffer never touched)': {
    file: 'oom_in_syscall.s',
    source: [
      '; read() into 64 KiB of heap never touched: the kernel faults the pages in for it, and runs out',
      '        .text',
      '_start: li   r1, 6           ; sbrk(64 KiB)',
      '        li   r2, 0x10000',
      '        syscall',
      '        mv   r3, r1',
      '        li   r1, 2           ; read(0, heap, 64 KiB)',
      '        li   r2, 0',
      '        li   r4, 0x10000',
      '        syscall',
      '        li   r1, 0',
      '        li   r2, 0',
      '        syscall',
    ],
    config: { frames: 8, swapPages: 0 },
    stdin: 'x'.repeat(0x10000),
    pid: 1, cause: 'out_of_memory', reason: 'memory_and_swap_full', status: 137,
    line: 'pid 1 (oom_in_syscall.s) killed: out_of_memory: memory and swap are full and the kernel chose it as the largest process; it held 7 frames and 0 swap slots (memory_and_swap_full); pc 0x0000101c, oom_in_syscall.s:10',
  },
};

describe('every kill says why: cause, reason, region, exit status and the exact line', () => {
  test.each(Object.keys(KILLS))('%s', (name) => {
    const row = KILLS[name]!;
    const { result, killLines } = run([source(row.file, `${row.source.join('\n')}\n`)], row.config ?? {}, row.stdin ?? '');
    expect(killLines).toEqual([row.line]);
    const killed = result.processes.find((p) => p.pid === row.pid)!;
    expect(killed.status).toBe('killed');
    expect(killed.cause).toBe(row.cause);
    expect(killed.reason).toBe(row.reason);
    expect(killed.region).toBe(row.region);
    for (const p of result.processes) if (p !== killed) expect([p.status, p.code]).toEqual(['exited', 0]);
    expect(runExitStatus(result)).toBe(row.status);
  });

  test('killed names the killer, out_of_memory what the victim held', () => {
    const killedRow = KILLS['killed by its parent']!;
    const killed = run([source(killedRow.file, `${killedRow.source.join('\n')}\n`)]).result.processes[1]!;
    expect(killed).toMatchObject({ cause: 'killed', reason: 'kill_syscall', killer: 1 });
    const oomRow = KILLS['out of memory and swap']!;
    const oom = run([source(oomRow.file, `${oomRow.source.join('\n')}\n`)], oomRow.config).result.processes[0]!;
    expect(oom).toMatchObject({ cause: 'out_of_memory', frames: 7, swap_slots: 0 });
  });

  // Found by dbg23: a process blocked in sleep or wait has its pc past the
  // syscall already, and the report named the line after the call.
  test('the instruction limit names the sleep and the wait a blocked process stands in', () => {
    const prog = source('blocked.s', [
      '        .text',
      '_start: li   r1, 4           ; fork',
      '        syscall',
      '        bnez r1, parent',
      'spin:   j    spin            ; child 1 (pid 2) runs until the limit',
      'parent: li   r1, 4           ; fork again',
      '        syscall',
      '        bnez r1, waiter',
      '        li   r1, 11          ; child 2 (pid 3): sleep(1000)',
      '        li   r2, 1000',
      '        syscall',
      '        j    spin',
      'waiter: li   r1, 5           ; pid 1: wait(0)',
      '        li   r2, 0',
      '        syscall',
      '        j    spin',
      '',
    ].join('\n'));
    const { result, killLines } = run([prog], { maxInstructions: 1000, quantum: 100 });
    expect(result.processes.map((p) => [p.pid, p.reason, p.line])).toEqual([[1, 'max_instructions', 15], [2, 'max_instructions', 5], [3, 'max_instructions', 11]]);
    expect(killLines).toEqual([
      'pid 1 (blocked.s) killed: instruction_limit: the machine reached its limit of 1000 instructions (--max-instructions) before it ended (max_instructions); pc 0x00001034, blocked.s:15',
      'pid 2 (blocked.s) killed: instruction_limit: the machine reached its limit of 1000 instructions (--max-instructions) before it ended (max_instructions); pc 0x0000100c, blocked.s:5',
      'pid 3 (blocked.s) killed: instruction_limit: the machine reached its limit of 1000 instructions (--max-instructions) before it ended (max_instructions); pc 0x00001024, blocked.s:11',
    ]);
  });

  test('a stopped run kills what is alive with interrupted, wherever each process stands', () => {
    const loop = source('spin.s', '        .text\n_start: addi r2, r2, 1\n        j    _start\n');
    const lines: string[] = [];
    const kernel = bootMachine([loop, loop], { onKill: (l) => lines.push(l) });
    kernel.step(25_001);
    kernel.interrupt('SIGTERM');
    const result = collectResult(kernel);
    expect(result.processes.map((p) => [p.cause, p.reason])).toEqual([['interrupted', 'sigterm'], ['interrupted', 'sigterm']]);
    expect(runExitStatus(result)).toBe(130);
    // 25,001 instructions with quantum 10,000: pid 1 ran 10,000 + 5,001 (an odd count: it stands at
    // the j), pid 2 ran 10,000 (it stands at the addi). The syscall row above is reported at the syscall.
    expect(lines).toEqual([
      'pid 1 (spin.s) killed: interrupted: the run was stopped by SIGTERM (sigterm); pc 0x00001004, spin.s:3',
      'pid 2 (spin.s) killed: interrupted: the run was stopped by SIGTERM (sigterm); pc 0x00001000, spin.s:2',
    ]);
    expect(result.processes.map((p) => p.stats.instructions)).toEqual([15_001, 10_000]);
  });
});

const CLI = resolve(ROOT, 'dist/cli/main.js');

interface Spawned {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `illusion ARGS`, waits until its stdout holds `ready`, then sends
 * `signal`; resolves with what it printed and its exit status.
 */
function interruptAfter(args: string[], ready: string, signal: 'SIGINT' | 'SIGTERM', stdin: 'ignore' | 'pipe' = 'ignore'): Promise<Spawned> {
  return new Promise((done, fail) => {
    // A 'pipe' stdin is never written to nor closed: a reader waits on it for ever.
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: [stdin, 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const timer = setTimeout(() => { child.kill('SIGKILL'); fail(new Error(`no '${ready}' within 20 s: ${stdout}`)); }, 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (!sent && stdout.includes(ready)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('close', (status) => { clearTimeout(timer); done({ status, stdout, stderr }); });
  });
}

describe('output as it happens, and a run that can be stopped', () => {
  const dir = mkdtempSync(join(tmpdir(), 'illusion-kill-'));
  // Prints, then spins forever: its line must show while it spins.
  const spinner = join(dir, 'spinner.s');
  writeFileSync(spinner, [
    '        .text',
    '_start: li   r1, 1           ; write(1, msg, 13)',
    '        li   r2, 1',
    '        la   r3, msg',
    '        li   r4, 13',
    '        syscall',
    'spin:   j    spin',
    '        .data',
    'msg:    .ascii "spinning now\\n"',
    '',
  ].join('\n'));

  test('the output of a program that then loops forever shows under --max-instructions', async () => {
    const r = await new Promise<Spawned>((done) => {
      const child = spawn(process.execPath, [CLI, 'run', spinner, '--max-instructions', '5000000'], { cwd: ROOT });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
      child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
      child.on('close', (status) => done({ status, stdout, stderr }));
    });
    expect(r).toEqual({
      status: 152,
      stdout: 'spinning now\n',
      stderr: 'pid 1 (spinner.s) killed: instruction_limit: the machine reached its limit of 5000000 instructions (--max-instructions) before it ended (max_instructions); pc 0x00001018, spinner.s:7\n',
    });
  });

  test.each(['SIGINT', 'SIGTERM'] as const)('%s after its output appeared: output kept, killed interrupted, exit 130', async (signal) => {
    const r = await interruptAfter(['run', spinner], 'spinning now', signal);
    expect(r.status).toBe(130);
    expect(r.stdout).toBe('spinning now\n');
    // No progress line: stderr is a pipe, not a terminal.
    const words = signal === 'SIGINT' ? 'SIGINT (Ctrl-C) (sigint)' : 'SIGTERM (sigterm)';
    expect(r.stderr).toBe(`pid 1 (spinner.s) killed: interrupted: the run was stopped by ${words}; pc 0x00001018, spinner.s:7\n`);
  });

  // Found by explore19: a slice was 1,000,000 instructions whatever they cost, so a
  // run whose instructions are mostly forks of a large process (each marks its
  // 256 pages copy-on-write) heard Ctrl-C only seconds later.
  test('SIGINT stops at once a run whose every instruction costs the host much (forks of a large process)', async () => {
    const forker = join(dir, 'forker.s');
    writeFileSync(forker, [
      '        .text',
      '_start: li   r1, 6           ; sbrk(1 MiB), then touch its 256 pages',
      '        li   r2, 1048576',
      '        syscall',
      '        mv   r5, r1',
      '        li   r6, 256',
      'touch:  sw   r6, 0(r5)',
      '        addi r5, r5, 2047',
      '        addi r5, r5, 2049',
      '        addi r6, r6, -1',
      '        bnez r6, touch',
      '        li   r1, 1           ; write(1, msg, 6)',
      '        li   r2, 1',
      '        la   r3, msg',
      '        li   r4, 6',
      '        syscall',
      'loop:   li   r1, 4           ; fork and reap, forever',
      '        syscall',
      '        beqz r1, child',
      '        li   r1, 5',
      '        li   r2, 0',
      '        syscall',
      '        j    loop',
      'child:  li   r1, 0',
      '        li   r2, 0',
      '        syscall',
      '        .data',
      'msg:    .ascii "ready\\n"',
      '',
    ].join('\n'));
    const started = { at: 0 };
    const r = await new Promise<Spawned>((done) => {
      const child = spawn(process.execPath, [CLI, 'run', forker], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (started.at === 0 && stdout.includes('ready')) {
          started.at = performance.now();
          child.kill('SIGINT');
        }
      });
      child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
      child.on('close', (status) => done({ status, stdout, stderr }));
    });
    const tookMs = performance.now() - started.at;
    expect(r.status).toBe(130);
    expect(r.stdout).toBe('ready\n');
    expect(r.stderr).toMatch(/^pid 1 \(forker\.s\) killed: interrupted: the run was stopped by SIGINT \(Ctrl-C\) \(sigint\); pc 0x0000\w{4}, forker\.s:(1[7-9]|2[0-3])\n/);
    // A million of these instructions take the host several seconds; a stop at once takes well under one.
    expect(tookMs).toBeLessThan(2500);
  }, 30_000);

  test('a run longer than 2 s shows no progress line when stderr is not a terminal', async () => {
    const r = await new Promise<Spawned>((done) => {
      const child = spawn(process.execPath, [CLI, 'run', spinner], { cwd: ROOT });
      let stdout = '';
      let stderr = '';
      const timer = setTimeout(() => child.kill('SIGINT'), 2600);
      child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
      child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
      child.on('close', (status) => { clearTimeout(timer); done({ status, stdout, stderr }); });
    });
    expect(r).toEqual({
      status: 130,
      stdout: 'spinning now\n',
      stderr: 'pid 1 (spinner.s) killed: interrupted: the run was stopped by SIGINT (Ctrl-C) (sigint); pc 0x00001018, spinner.s:7\n',
    });
  });

  // Found by attack20: the first read(0) took all of stdin with a blocking
  // read, during which no signal handler could run, so Ctrl-C ended illusion
  // at once with no kill line, no --stats and no --json (SPEC section 9).
  test.each(['SIGINT', 'SIGTERM'] as const)('%s while a guest waits for stdin that never ends: killed interrupted, --stats printed, exit 130', async (signal) => {
    const reader = join(dir, 'reader.s');
    writeFileSync(reader, [
      '        .text',
      '_start: li   r1, 1           ; write(1, prompt, 6)',
      '        li   r2, 1',
      '        la   r3, prompt',
      '        li   r4, 6',
      '        syscall',
      '        li   r1, 2           ; read(0, buf, 16)',
      '        li   r2, 0',
      '        la   r3, buf',
      '        li   r4, 16',
      '        syscall',
      '        li   r1, 0',
      '        li   r2, 0',
      '        syscall',
      '        .data',
      'prompt: .ascii "name? "',
      'buf:    .space 16',
      '',
    ].join('\n'));
    const r = await interruptAfter(['run', reader, '--stats'], 'name? ', signal, 'pipe');
    expect(r.status).toBe(130);
    expect(r.stdout).toBe('name? ');
    const words = signal === 'SIGINT' ? 'SIGINT (Ctrl-C) (sigint)' : 'SIGTERM (sigterm)';
    expect(r.stderr.startsWith(`pid 1 (reader.s) killed: interrupted: the run was stopped by ${words}; pc 0x0000102c, reader.s:11\n`)).toBe(true);
    expect(r.stderr).toMatch(/\ninstructions +12\n/); // the --stats table
  });

  test('--json and --stats still print after SIGINT', async () => {
    // With --json the guest's output is in the object, not on stdout: wait for the run to be under way instead.
    const r = await new Promise<Spawned>((done, fail) => {
      // The run is under way once its trace (every TLB hit, so it is written at once) has bytes.
      const trace = join(dir, 'spinner-trace.jsonl');
      const child = spawn(process.execPath, [CLI, 'run', spinner, '--json', '--stats', '--trace', trace, '--trace-hits'], { cwd: ROOT });
      let stdout = '';
      let stderr = '';
      // A fixed delay raced node's start-up on a loaded machine (a SIGINT before the CLI's
      // handler ends node by the signal itself, status null).
      let timer: ReturnType<typeof setTimeout> | undefined;
      const poll = (): void => {
        timer = setTimeout(() => (existsSync(trace) && statSync(trace).size > 0 ? child.kill('SIGINT') : poll()), 20);
      };
      poll();
      child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
      child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
      child.on('error', fail);
      child.on('close', (status) => { clearTimeout(timer); done({ status, stdout, stderr }); });
    });
    expect(r.status).toBe(130);
    const json = JSON.parse(r.stdout);
    expect(json.processes).toHaveLength(1);
    expect(json.processes[0]).toMatchObject({
      pid: 1, name: 'spinner.s', status: 'killed', cause: 'interrupted', reason: 'sigint', pc: 0x1018, line: 7, stdout: 'spinning now\n',
    });
    expect(json.processes[0].stats.instructions).toBe(json.stats.instructions);
    expect(r.stderr.startsWith('pid 1 (spinner.s) killed: interrupted: the run was stopped by SIGINT (Ctrl-C) (sigint); pc 0x00001018, spinner.s:7\n')).toBe(true);
    expect(r.stderr).toMatch(/\binstructions\b/); // the --stats table
  });
});
