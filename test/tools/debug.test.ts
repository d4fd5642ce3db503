// illusion debug driven by piped commands: exact transcripts for programs/hello.s.
import { expect, test } from 'vitest';
import { illusion } from './cli.js';

const START = [
  'illusion debug: pid 1 (hello.s). Type help for the commands.',
  'pid 1 (hello.s) at 0x00001000  addi r1, r0, 1  ; 7: li   r1, 1              ; write(fd, buf, len)',
];

function debug(commands: string[]): string[] {
  const r = illusion(['debug', 'programs/hello.s'], `${commands.join('\n')}\n`);
  expect(r.status).toBe(0);
  return r.stdout.split('\n').slice(0, -1);
}

test('step, registers, walk, breakpoints, continue, tlb, memory, ps, frames', () => {
  expect(debug([
    'step 3', 'regs', 'walk 0x1000', 'break message_end', 'break 0x101c', 'break', 'continue',
    'tlb', 'mem message 6', 'mem 0', 'mem 0x7ffffffc 2', 'ps', 'frames', 'delete', 'continue', 'regs',
  ])).toEqual([
    ...START,
    '(illusion) step 3',
    'pid 1 (hello.s) at 0x0000100c  ori r3, r3, 0x2000  ; 9: la   r3, message',
    '(illusion) regs',
    ' r0 0x00000000   r1 0x00000001   r2 0x00000001   r3 0x00000000',
    ' r4 0x00000000   r5 0x00000000   r6 0x00000000   r7 0x00000000',
    ' r8 0x00000000   r9 0x00000000  r10 0x00000000  r11 0x00000000',
    'r12 0x00000000   fp 0x00000000   sp 0x80000000   ra 0x00000000',
    // 3 instructions, one page fault (1000), two walks of 2 references at 20 and one of 1.
    ' pc 0x0000100c  instructions 3  cycles 1063',
    '(illusion) walk 0x1000',
    'walk 0x00001000 in pid 1: vpn 0x00001 = root index 0, leaf index 1, offset 0x000 (text region)',
    '  root[0] at 0x00001000 (table in frame 0x001) = 0x00002001  leaf table at frame 0x002',
    '  leaf[1] at 0x00002004 (table in frame 0x002) = 0x0000305b  frame 0x003 VR-XU-A- r-x',
    '  physical address 0x00003000',
    '(illusion) break message_end',
    'break: 0x00002015 is not an instruction address (not a multiple of 4)',
    '(illusion) break 0x101c',
    'breakpoint 1 at 0x0000101c (hello.s:12)',
    '(illusion) break',
    'Num  Type        What',
    '1    breakpoint  0x0000101c (hello.s:12)',
    '(illusion) continue',
    'Hello from illusion!',
    'breakpoint 1, pid 1 at 0x0000101c (hello.s:12)',
    'pid 1 (hello.s) at 0x0000101c  addi r1, r0, 0  ; 12: li   r1, 0              ; exit(0)',
    '(illusion) tlb',
    'TLB: 64 entries, 16 sets x 4 ways, lru, ASIDs on, hardware refill; 1 valid',
    ' set  way  vpn      asid  frame  flags',
    '   1    0  0x00001     1  0x003  VR-XU-A-',
    '(illusion) mem message 6',
    '0x00002000: 0x6c6c6548 0x7266206f 0x69206d6f 0x73756c6c  |Hello from illus|',
    '0x00002010: 0x216e6f69 0x0000000a  |ion!....|',
    '(illusion) mem 0',
    '0x00000000: not mapped (the null page, below 0x00001000: a null pointer?)',
    '(illusion) mem 0x7ffffffc 2',
    '0x7ffffffc: not present (made on first touch)',
    '(illusion) ps',
    '  pid  ppid  name     state    pc          ended',
    '*   1     0  hello.s  running  0x0000101c',
    '(illusion) frames',
    'frames: 1024 total, 1019 free, 3 kernel, 2 user',
    '  0x000  kernel  kernel half page table (fixed)',
    '  0x001  kernel  root table of pid 1',
    '  0x002  kernel  page table of pid 1 (root index 0)',
    '  0x003  user    refs 1  1:0x00001',
    '  0x004  user    refs 1  1:0x00002',
    '  0x005-0x3ff  free (1019 frames)',
    '(illusion) delete',
    'deleted 1 breakpoint',
    '(illusion) continue',
    'every process has ended:',
    '  pid 1 (hello.s) exited with code 0',
    '(illusion) regs',
    'no process is alive',
  ]);
});

test('a trap breakpoint stops after the kernel handled the fault, before the retry', () => {
  expect(debug(['break-trap page_fault', 'continue', 'walk _start', 'disasm _start 2'])).toEqual([
    ...START,
    '(illusion) break-trap page_fault',
    'breakpoint 1 on trap page_fault',
    '(illusion) continue',
    'trap page_fault in pid 1 (fetch at 0x00001000, pc 0x00001000)',
    '  resolved: image load (the page filled from the program image)',
    'pid 1 (hello.s) at 0x00001000  addi r1, r0, 1  ; 7: li   r1, 1              ; write(fd, buf, len)',
    '(illusion) walk _start',
    'walk 0x00001000 in pid 1: vpn 0x00001 = root index 0, leaf index 1, offset 0x000 (text region)',
    '  root[0] at 0x00001000 (table in frame 0x001) = 0x00002001  leaf table at frame 0x002',
    '  leaf[1] at 0x00002004 (table in frame 0x002) = 0x0000301b  frame 0x003 VR-XU--- r-x',
    '  physical address 0x00003000',
    '(illusion) disasm _start 2',
    '_start:',
    '=> 0x00001000  11100001  addi r1, r0, 1            ; 7: li   r1, 1              ; write(fd, buf, len)',
    '   0x00001004  11200001  addi r2, r0, 1            ; 8: li   r2, 1              ; fd 1: stdout',
  ]);
});

test('bad commands get a helpful message; quit and end of input leave cleanly', () => {
  const lines = debug(['frobnicate', 'step x', 'mem', 'mem nowhere', 'break-trap timer', 'delete 9', 'quit', 'step']);
  expect(lines.slice(2)).toEqual([
    '(illusion) frobnicate',
    "unknown command 'frobnicate': type help for the list",
    '(illusion) step x',
    "'x' is not a count (a whole number from 1)",
    '(illusion) mem',
    'mem: give an address, e.g. mem sp+8 (help mem)',
    '(illusion) mem nowhere',
    "'nowhere' is neither a number, a register nor a label of hello.s",
    '(illusion) break-trap timer',
    'break-trap: give a cause: syscall, page_fault, illegal_instruction, privileged_instruction, misaligned, divide_by_zero, breakpoint, tlb_miss, tlb_modified',
    '(illusion) delete 9',
    'delete: no breakpoint 9 (info breakpoints lists them)',
    '(illusion) quit',
  ]);
  expect(illusion(['debug', 'programs/hello.s'], 'help\n').stdout).toMatch(/\n {2}walk ADDR \[PID\] +the page-table walk of an address, level by level\n/);
});
