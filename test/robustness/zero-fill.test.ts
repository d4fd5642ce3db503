// New pages are zero-filled even when their frames held another process's
// data a moment ago (SPEC section 7): a secret written by one process must
// never show up in the fresh heap, mmap or stack pages of the next.
import { expect, test } from 'vitest';
import { run, source, STRESS_CONFIGS } from '../e2e/harness.js';

const WRITER = source('writer.s', [
  '; fills 8 pages of .bss with a secret, then exits with the number of pages filled: its frames go back to the free list',
  '_start: la r2, area', 'li r3, 8192', 'li r4, 0x5EC2E7',
  'fill: sw r4, 0(r2)', 'addi r2, r2, 4', 'addi r3, r3, -1', 'bnez r3, fill',
  'la r5, area', 'sub r2, r2, r5', 'shri r2, r2, 12', // bytes filled / 4096
  'li r1, 0', 'syscall',
  '.bss', 'area: .space 32768',
].join('\n'));

const READER = source('reader.s', [
  '; waits for the writer to end, then checks that fresh heap, mmap and stack pages read as zero',
  '_start: li r1, 11', 'li r2, 40', 'syscall', // sleep 40 ticks: the writer needs about 33
  'li r1, 6', 'li r2, 16384', 'syscall', 'mv r2, r1', 'li r3, 4096', 'call check', // heap
  'li r1, 8', 'li r2, 16384', 'li r3, 3', 'syscall', 'mv r2, r1', 'li r3, 4096', 'call check', // mmap
  'li r2, 0x7fff0000', 'li r3, 4096', 'call check', // stack pages far below sp
  'li r1, 1', 'li r2, 1', 'la r3, pass', 'li r4, 11', 'syscall',
  'li r1, 0', 'li r2, 0', 'syscall',
  'check: lw r5, 0(r2)', 'bnez r5, bad', 'addi r2, r2, 4', 'addi r3, r3, -1', 'bnez r3, check', 'ret',
  'bad: li r1, 1', 'li r2, 1', 'la r3, fail', 'li r4, 11', 'syscall', 'li r1, 0', 'li r2, 1', 'syscall',
  '.data', 'pass: .ascii "PASS: zero\\n"', 'fail: .ascii "FAIL: dirt\\n"',
].join('\n'));

test.each(Object.entries(STRESS_CONFIGS))('fresh pages are zero after another process used the frames (%s)', (_, config) => {
  const { result } = run([WRITER, READER], { quantum: 1000, ...config });
  expect(result.processes.map((p) => [p.name, p.status, p.code, p.stdout])).toEqual([
    ['writer.s', 'exited', 8, ''],
    ['reader.s', 'exited', 0, 'PASS: zero\n'],
  ]);
});
