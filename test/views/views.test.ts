// The machine views as data (views/): exact contents on small programs, and
// proof that reading them changes nothing the machine does or counts.
import { describe, expect, test } from 'vitest';
import {
  assemble, bootMachine, collectResult, disassemblyOf, framesOf, pageTableOf, processesOf, registersOf,
  swapOf, TlbActivity, tlbOf, walkOf,
} from '../../index.js';
import type { Kernel } from '../../index.js';

function boot(source: string, name: string, config: NonNullable<Parameters<typeof bootMachine>[1]>['config'] = {}): Kernel {
  const r = assemble(source, name);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return bootMachine([{ name, image: r.image }], { config });
}

const TINY = `
        .text
_start: la   r2, value
        lw   r3, 0(r2)
        addi r3, r3, 1
        sw   r3, 0(r2)
        li   r1, 0
        li   r2, 7
        syscall
        .data
value:  .word 41
`;

const FORK = `
        .text
_start: la   r2, value      ; the parent reads its data page before forking
        lw   r3, 0(r2)
        li   r1, 4          ; fork
        syscall
        bnez r1, parent
        li   r3, 9          ; the child writes: its copy splits off
        sw   r3, 0(r2)
        li   r1, 0
        li   r2, 3
        syscall
parent: li   r1, 5          ; wait(0)
        li   r2, 0
        syscall
        li   r1, 0
        li   r2, 0
        syscall
        .data
value:  .word 41
`;

// Stores to 8 pages of bss with 8 frames: 3 go to the kernel and the page
// tables, 1 to text, so the first 4 data pages are swapped out (fifo).
const SWAP = `
        .text
_start: la   r2, pages
        li   r3, 8
loop:   sw   r3, 0(r2)
        addi r2, r2, 4096
        addi r3, r3, -1
        bnez r3, loop
        brk
        .bss
        .align 4096
pages:  .space 32768
`;

describe('tiny program after 4 instructions (la is two)', () => {
  const k = boot(TINY, 'tiny.s', { tlbEntries: 8, tlbWays: 2, frames: 16 });
  const activity = TlbActivity.attach(k);
  k.step(4);
  const p = k.processes[0]!;

  test('page table: one root entry, text r-x and data rw-, A set, D not yet', () => {
    const pt = pageTableOf(k, p)!;
    expect(pt.rootFrame).toBe(1);
    expect(pt.kernelRootEntries).toBe(1);
    expect(pt.roots.map((r) => [r.index, r.tableFrame, r.value])).toEqual([[0, 2, 0x2001]]);
    expect(pt.roots[0]!.leaves.map((l) => [l.index, l.va, l.address, l.pte.value, l.pte.frame, l.pte.rights, l.region, l.pte.a, l.pte.d, l.pte.u])).toEqual([
      [1, 0x1000, 0x2004, 0x305b, 3, 'r-x', 'text', true, false, true],
      [2, 0x2000, 0x2008, 0x4057, 4, 'rw-', 'data', true, false, true],
    ]);
  });

  test('TLB: 4 sets x 2 ways; page 1 in set 1, page 2 in set 2, filled last', () => {
    const t = tlbOf(k, activity);
    expect([t.entries, t.ways, t.sets.length, t.valid, t.currentAsid]).toEqual([8, 2, 4, 2, 1]);
    const valid = t.sets.flat().filter((e) => e.valid).map((e) => [e.set, e.way, e.vpn, e.asid, e.frame, e.rights, e.global]);
    expect(valid).toEqual([[1, 0, 1, 1, 3, 'r-x', false], [2, 0, 2, 1, 4, 'rw-', false]]);
    expect(t.lastFilled).toBe(4);
    expect(t.lastFill).toEqual({ vpn: 2, asid: 1, set: 2, way: 0, seq: 2 });
    expect(t.lastEviction).toBeUndefined();
  });

  test('frames: the kernel, pid 1 root and table, its two pages', () => {
    const used = framesOf(k).frames.filter((f) => f.use !== 'free').map((f) => [f.frame, f.use, f.owners, f.shares]);
    expect(used).toEqual([[0, 'kernel', [], 0], [1, 'root_table', [1], 0], [2, 'page_table', [1], 0], [3, 'user', [1], 1], [4, 'user', [1], 1]]);
    const f = framesOf(k);
    expect([f.total, f.free, f.kernel, f.user]).toEqual([16, 11, 3, 2]);
  });

  test('walk: the 10/10/12 split, each level, the outcome', () => {
    const w = walkOf(k, p, 0x2abc, 'store')!;
    expect([w.vpn, w.rootIndex, w.leafIndex, w.offset, w.outcome, w.physical]).toEqual([2, 0, 2, 0xabc, 'translated', 0x4abc]);
    expect(w.levels.map((l) => [l.level, l.tableFrame, l.index, l.address, l.pte.value])).toEqual([['root', 1, 0, 0x1000, 0x2001], ['leaf', 2, 2, 0x2008, 0x4057]]);
    expect(walkOf(k, p, 0x1000, 'store')!.explanation).toBe('a store needs W; the page is r-x');
    expect(walkOf(k, p, 0x5000)!.outcome).toBe('not_present');
    expect(walkOf(k, p, 0x5000)!.explanation).toBe('not made yet; no region holds this address, so a touch kills the process');
    const kernelHalf = walkOf(k, p, 0x8000_1234, 'load')!;
    expect([kernelHalf.rootIndex, kernelHalf.leafIndex, kernelHalf.outcome, kernelHalf.explanation]).toEqual([512, 1, 'protection', 'the kernel half: U=0, so any user access faults']);
    expect(walkOf(k, p, 0x7fff_f000)!.explanation).toBe('no second-level table yet; the stack region holds it, so a touch brings the page in');
  });

  test('registers with aliases, and disassembly at pc with source lines', () => {
    const r = registersOf(k)!;
    expect(r.registers.map((x) => x.alias ?? x.name)).toEqual(['zero', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'r10', 'r11', 'r12', 'fp', 'sp', 'ra']);
    expect([r.pc, r.registers[2]!.value, r.registers[3]!.value, r.registers[14]!.value, r.instructions]).toEqual([0x1010, 0x2000, 42, 0x8000_0000, 4]);
    const d = disassemblyOf(k, p, TINY, { before: 1, after: 3 })!;
    expect(d.rows.map((row) => [row.address, row.text, row.line, row.source, row.isPc])).toEqual([
      [0x100c, 'addi r3, r3, 1', 5, 'addi r3, r3, 1', false],
      [0x1010, 'sw r3, 0(r2)', 6, 'sw   r3, 0(r2)', true],
      [0x1014, 'addi r1, r0, 0', 7, 'li   r1, 0', false],
      [0x1018, 'addi r2, r0, 7', 8, 'li   r2, 7', false],
    ]);
    // Disassembly stops at the end of .text, not in the zeros after it.
    expect(disassemblyOf(k, p, TINY, { after: 100 })!.rows.at(-1)!.text).toBe('syscall');
    expect(disassemblyOf(k, p, TINY, { around: 0x1000, before: 4, after: 1 })!.rows.map((row) => [row.label, row.text])).toEqual([['_start', 'lui r2, 0x0']]);
  });

  test('process list while running and after the exit', () => {
    expect(processesOf(k)).toEqual([{ pid: 1, name: 'tiny.s', state: 'running', parent: 0, current: true, pc: 0x1010 }]);
  });
});

test('reading every view changes nothing the machine does or counts', () => {
  const plain = boot(FORK, 'fork.s', { quantum: 3 });
  plain.run();
  const viewed = boot(FORK, 'fork.s', { quantum: 3 });
  const activity = TlbActivity.attach(viewed);
  while (viewed.step(1) === 'running') {
    for (const p of viewed.processes) {
      pageTableOf(viewed, p);
      walkOf(viewed, p, 0x2000, 'store');
      disassemblyOf(viewed, p, FORK);
    }
    tlbOf(viewed, activity);
    framesOf(viewed);
    registersOf(viewed);
  }
  expect(collectResult(viewed)).toEqual(collectResult(plain));
});

test('after fork: the data page is copy-on-write in both, one frame shared by pids 1 and 2', () => {
  const k = boot(FORK, 'fork.s', { frames: 32 });
  k.step(5);
  const [parent, child] = k.processes;
  const data = (pid: number) => pageTableOf(k, k.processes[pid - 1]!)!.roots[0]!.leaves.find((l) => l.region === 'data')!;
  for (const pid of [1, 2]) {
    const leaf = data(pid);
    expect([leaf.vpn, leaf.pte.cow, leaf.pte.w, leaf.pte.rights, leaf.pte.frame]).toEqual([2, true, false, 'r--', 4]);
  }
  const shared = framesOf(k).frames[4]!;
  expect([shared.use, shared.owners, shared.shares]).toEqual(['user', [1, 2], 2]);
  expect(walkOf(k, child!, 0x2000, 'store')!.explanation).toBe('a store needs W; the page is r-- (copy-on-write: the kernel copies the page on this fault)');
  expect(processesOf(k).map((p) => [p.pid, p.parent, p.state])).toEqual([[1, 0, 'running'], [2, 1, 'ready']]);
  k.run();
  expect(parent!.state).toBe('reaped');
  expect(processesOf(k).map((p) => [p.pid, p.exitCode, p.killCause])).toEqual([[1, 0, undefined], [2, 3, undefined]]);
});

test('swapped pages carry their slot; a kill carries its report', () => {
  const k = boot(SWAP, 'swap.s', { frames: 8, policy: 'fifo', tlbEntries: 4, tlbWays: 1 });
  const activity = TlbActivity.attach(k);
  k.step(2 + 8 * 4);
  const p = k.processes[0]!;
  const pt = pageTableOf(k, p)!;
  expect([pt.present, pt.swapped]).toEqual([5, 4]);
  expect(pt.roots[0]!.leaves.map((l) => [l.vpn, l.pte.state, l.pte.frame ?? l.pte.slot])).toEqual([
    [1, 'present', 3], [2, 'swapped', 0], [3, 'swapped', 1], [4, 'swapped', 2], [5, 'swapped', 3],
    [6, 'present', 4], [7, 'present', 5], [8, 'present', 6], [9, 'present', 7],
  ]);
  expect(walkOf(k, p, 0x3000, 'load')!.explanation).toBe('swapped out to slot 1; the bss region holds it, so a touch brings the page in');
  expect(framesOf(k).free).toBe(0);
  // A direct-mapped TLB of 4: page 9 shares set 1 with the code's page 1, so
  // the next fetch pushed page 9 straight out again.
  const t = tlbOf(k, activity);
  expect(t.lastEviction).toMatchObject({ set: 1, way: 0, vpn: 1, victim: { vpn: 9, asid: 1 } });
  expect(t.sets[1]![0]).toMatchObject({ valid: true, vpn: 1, rights: 'r-x' });
  k.run();
  expect(processesOf(k)).toEqual([{
    pid: 1, name: 'swap.s', state: 'reaped', parent: 0, current: false, killCause: 'breakpoint', reason: 'brk_instruction',
    killReport: 'pid 1 (swap.s) killed: breakpoint: brk executed outside the debugger (illusion debug stops there instead) (brk_instruction); pc 0x0000101c, swap.s:9', fault: { pc: 0x101c, line: 9, file: 'swap.s' },
  }]);
  expect(pageTableOf(k, p)).toBeUndefined();
});

test('a kill carries its reason and region as words: a store to text is a protection fault in text, one to page 0 is null_page with no region', () => {
  const store = (address: string) => `
        .text
_start: li   r2, ${address}
        li   r3, 1
        sw   r3, 0(r2)
        li   r1, 0
        li   r2, 0
        syscall
`;
  const text = boot(store('0x1000'), 'text-write.s');
  text.run();
  const [killed] = processesOf(text);
  expect([killed!.killCause, killed!.reason, killed!.region, killed!.fault]).toEqual(['bad_access', 'protection', 'text', { access: 'store', address: 0x1000, pc: 0x1008, line: 5, file: 'text-write.s' }]);
  const nul = boot(store('16'), 'null-write.s');
  nul.run();
  const [n] = processesOf(nul);
  expect([n!.killCause, n!.reason, 'region' in n!]).toEqual(['bad_access', 'null_page', false]);
  // A process that exits carries neither.
  const ok = boot(TINY, 'tiny.s');
  ok.run();
  expect(Object.keys(processesOf(ok)[0]!).filter((key) => key === 'reason' || key === 'region')).toEqual([]);
});

/** A machine running `main.s`, which includes one library file (`lib`, with `libText`), read from memory. */
function bootIncluding(source: string, lib: string, libText: string): Kernel {
  const r = assemble(source, 'main.s', { readInclude: (f) => (f === lib ? { ok: true, text: libText } : { ok: false, message: 'no such file' }) });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return bootMachine([{ name: 'main.s', image: r.image }]);
}

test('disassembly names the file of each line: an included line has its own file and text, never the program\'s line of that number', () => {
  const main = 'main.s';
  const lib = 'lib/two.s';
  const source = '        .text\n_start: call two\n        .include "lib/two.s"\n';
  const libText = '; two: r1 = 2\ntwo:    li   r1, 2\n        ret\n';
  const k = bootIncluding(source, lib, libText);
  const p = k.processes[0]!;
  const rows = (src: Parameters<typeof disassemblyOf>[2]) =>
    disassemblyOf(k, p, src, { around: 0x1000, after: 3 })!.rows.map((row) => [row.address, row.file, row.line, row.source]);
  // Given only the program's text, the included lines have no text (not main.s's line 2 and 3).
  expect(rows(source)).toEqual([
    [0x1000, 'main.s', 2, '_start: call two'],
    [0x1004, 'lib/two.s', 2, undefined],
    [0x1008, 'lib/two.s', 3, undefined],
  ]);
  // Given a lookup by file, each line has its own file's text.
  expect(rows((f) => (f === main ? source : f === lib ? libText : undefined))).toEqual([
    [0x1000, 'main.s', 2, '_start: call two'],
    [0x1004, 'lib/two.s', 2, 'two:    li   r1, 2'],
    [0x1008, 'lib/two.s', 3, 'ret'],
  ]);
});

test('a kill inside an included file: the process view\'s fault names that file and its line, as the kill report does', () => {
  const source = '        .text\n_start: call crash\n        .include "lib/crash.s"\n';
  const k = bootIncluding(source, 'lib/crash.s', '; crash: a store to page 0\ncrash:  li   r2, 16\n        sw   r2, 0(r2)\n        ret\n');
  k.run();
  const [p] = processesOf(k);
  expect(p!.fault).toEqual({ access: 'store', address: 16, pc: 0x1008, line: 3, file: 'lib/crash.s' });
  expect(p!.killReport).toMatch(/, lib\/crash\.s:3$/);
});

test('the swap device: each used slot with the page that names it, as the device counts them', () => {
  const k = boot(SWAP, 'swap.s', { frames: 8, policy: 'fifo', swapPages: 16 });
  k.step(2 + 8 * 4);
  const v = swapOf(k);
  expect([v.slots, v.used, v.free]).toEqual([16, 4, 12]);
  expect([v.used, v.free]).toEqual([k.vm.swap.usedSlots, k.vm.swap.freeSlots]);
  expect(v.usedSlots).toEqual([0, 1, 2, 3].map((slot) => ({ slot, refs: 1, pages: [{ pid: 1, vpn: slot + 2 }] })));
  expect(v.byPid).toEqual([{ pid: 1, pages: 4 }]);
  k.run();
  // Ended: its slots are free again, and no page names one.
  expect(swapOf(k)).toEqual({ slots: 16, used: 0, free: 16, usedSlots: [], byPid: [] });
});
