// The page's model without a browser: a session runs like `illusion run`,
// its chart does not depend on how the run was stepped, the event log and
// the chart stay bounded, and a share link round-trips.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { assemble, disassemblyOf, framesOf, pageTableOf, runPrograms, swapOf, tlbOf, walkOf, type IncludeReader, type ProcessView } from '../../index.js';
import { EVENT_CAPACITY, EventLog } from '../../web/eventLog.js';
import { validateConfig } from '../../web/configForm.js';
import { DEFAULT_WEB_CONFIG, Session } from '../../web/session.js';
import { decodeState, encodeState } from '../../web/share.js';
import { SAMPLE_INSTRUCTIONS, StatsHistory } from '../../web/statsHistory.js';
import { count, hex, percent } from '../../web/format.js';
import { evictionText, FRAME_BLOCK, frameLabel, framesNotDrawnText, framesShown, frameText, FREED_SINCE, ringedFrames, swapInText } from '../../web/panels/frames.js';
import { victimMark } from '../../web/panels/tlb.js';
import { moveCursor } from '../../web/mapCursor.js';
import { parseValues, planSweep, type SweepPlan } from '../../web/sweepPlan.js';
import { chartOf, outputPattern, renderSvg } from '../../sweep/chart.js';
import { configJson, DEFAULT_CONFIG } from '../../index.js';
import type { StopKind } from '../../web/eventStop.js';
import { REAPED_EXITS_SHOWN, shownProcesses } from '../../web/panels/processes.js';
import { statisticRows } from '../../web/panels/statistics.js';
import { DEFAULT_CHART, sweepChart } from '../../web/sweepChart.js';
import { rootEntryText, tableSummary } from '../../web/panels/pageTable.js';
import { ENDED_SHOWN, endedOf, residencyOf } from '../../web/residency.js';
import { emptySwapText, holdersText, MAX_SLOTS_SHOWN, slotLabel, slotsShown, slotText } from '../../web/panels/swap.js';
import { evictedPageOf, evictedPageText } from '../../web/evictedPage.js';

const program = (name: string) => ({ name, source: readFileSync(`programs/${name}`, 'utf8') });

/** What the page's bundle gives .include (web/programs.ts readLibrary): the shipped lib/ files. */
const readLibrary: IncludeReader = (name) => {
  for (const dir of ['programs', 'programs/attacks']) {
    try { return { ok: true, text: readFileSync(`${dir}/${name}`, 'utf8') }; } catch { /* the next folder */ }
  }
  return { ok: false, message: 'no such library file' };
};

function boot(names: string[], config = DEFAULT_WEB_CONFIG, stdin = ''): Session {
  const r = Session.boot(names.map((n) => (n.includes('/') ? { name: n.split('/').pop()!, source: readFileSync(`programs/${n}`, 'utf8') } : program(n))), config, stdin, readLibrary);
  if (!('session' in r)) throw new Error('did not assemble');
  return r.session;
}

describe('Session', () => {
  test('runs to the same output, kills and statistics as runPrograms', () => {
    const s = boot(['attacks/mem-null-write.s', 'attacks/bystander.s']);
    while (!s.step(5000));
    const images = ['attacks/mem-null-write.s', 'attacks/bystander.s'].map((n) => {
      const r = assemble(readFileSync(`programs/${n}`, 'utf8'), n.split('/').pop()!, { readInclude: readLibrary });
      if (!r.ok) throw new Error('asm');
      return { name: n.split('/').pop()!, image: r.image };
    });
    const direct = runPrograms(images, { config: DEFAULT_WEB_CONFIG });
    expect(s.stats()).toEqual(direct.stats);
    expect(s.outputs.get(2)).toEqual({ stdout: direct.processes[1]!.stdout, stderr: '' });
    expect(s.kills).toEqual(['pid 1 (mem-null-write.s) killed: bad_access: store to 0x00000ffc in the null page (below 0x00001000): was the pointer null? (null_page); pc 0x0000100c, mem-null-write.s:11']);
  });

  test('standard input reaches read(0)', () => {
    const s = boot(['echo.s'], DEFAULT_WEB_CONFIG, 'hi there\n');
    while (!s.step(1000));
    expect(s.outputs.get(1)?.stdout).toBe('hi there\n');
  });

  test('assembler errors come back per program, with line and column', () => {
    const r = Session.boot([program('hello.s'), { name: 'bad.s', source: 'nop\n  addx r1\n' }], DEFAULT_WEB_CONFIG, '', readLibrary);
    expect('errors' in r && r.errors.errors).toEqual([{ program: 1, errors: [{ file: 'bad.s', line: 2, column: 3, message: "unknown instruction 'addx'; did you mean 'add'?" }] }]);
  });

  test('a pc in an included file: the disassembly names that file and shows its line, the editor is not moved', () => {
    const s = boot(['swap.s']);
    // Run until swap.s is inside puts (programs/lib/print.s, line 11 on).
    const puts = s.kernel.processes[0]!.space!.image.symbols.find((x) => x.name === 'puts')!.value;
    while (s.kernel.pcOf(s.process(1)!) !== puts) s.step(1);
    const rows = disassemblyOf(s.kernel, s.process(1)!, s.readSource(1), { before: 0, after: 2 })!.rows;
    const print = readFileSync('programs/lib/print.s', 'utf8').split('\n');
    expect(rows.map((r) => [r.file, r.line, r.source])).toEqual([
      ['lib/print.s', 11, print[10]!.trim()],
      ['lib/print.s', 11, print[10]!.trim()],
    ]);
    // The editor holds swap.s: its cursor must not jump to swap.s's line 11.
    expect(s.pcLineOf(1)).toBeUndefined();
  });

  test('the page table lights the TLB\'s last fill only in the process it belongs to, ASIDs on or off', () => {
    for (const asids of [true, false]) {
      const twice = { name: 'twice.s', source: '_start: li r1, 7\n        j _start\n' };
      const r = Session.boot([twice, { ...twice, name: 'again.s' }], { ...DEFAULT_WEB_CONFIG, asids, quantum: 4 }, '', readLibrary);
      if (!('session' in r)) throw new Error('asm');
      const s = r.session;
      // pid 1 runs 4 instructions, then pid 2 faults its text page in and the TLB caches it.
      while (s.kernel.current?.pid !== 2 || s.kernel.machine.tlb.stats().misses < 3) s.step(1);
      expect([asids, s.lastFillVpnOf(2), s.lastFillVpnOf(1)]).toEqual([asids, 1, -1]);
    }
  });

  test('a .bss page is in region bss in the page table and the walk, as a kill report names it', () => {
    const s = boot(['cow.s']);
    const image = s.kernel.processes[0]!.space!.image;
    // Run until the parent has filled its .bss array (it forks then).
    while (s.kernel.processes.length < 2) s.step(100);
    const p = s.process(1)!;
    const leaves = pageTableOf(s.kernel, p)!.roots.flatMap((r) => r.leaves);
    const bssPage = ((image.bssBase + 0xfff) & ~0xfff) >>> 0;
    expect(leaves.find((l) => l.va === bssPage)?.region).toBe('bss');
    expect(walkOf(s.kernel, p, bssPage)!.region).toBe('bss');
    expect(leaves.find((l) => l.va === 0x1000)?.region).toBe('text');
  });

  test('the chart is the same whether the run is stepped by 1, by 777 or in one go', () => {
    const runs = [1, 777, 1e9].map((n) => {
      const s = boot(['swap.s'], { ...DEFAULT_WEB_CONFIG, frames: 64 });
      while (!s.step(n));
      return s.history.points;
    });
    expect(runs[0]!.length).toBeGreaterThan(20);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });
});

test('StatsHistory merges neighbours when full: at most 240 points, nothing lost once the run ends', () => {
  const h = new StatsHistory();
  const at = (i: number) => ({ instructions: i, tlb_hits: i, tlb_misses: 0, page_faults: 0 });
  h.sample(at(0));
  for (let i = 1; i <= 1000; i++) h.sample(at(i * SAMPLE_INSTRUCTIONS), i === 1000);
  expect(h.points.length).toBeLessThanOrEqual(240);
  expect(h.points.reduce((n, p) => n + p.hits, 0)).toBe(1000 * SAMPLE_INSTRUCTIONS);
  expect(h.points.at(-1)!.instructions).toBe(1000 * SAMPLE_INSTRUCTIONS);
});

test('EventLog keeps the last EVENT_CAPACITY events, counts all, filters by kind', () => {
  const log = new EventLog(() => 7);
  for (let i = 0; i < EVENT_CAPACITY + 10; i++) log.emit({ kind: 'frame_alloc', frame: i, use: 'user' }, i);
  log.tlbMiss(5, 1, 2);
  expect(log.total).toBe(EVENT_CAPACITY + 11);
  expect(log.counts.get('frame_alloc')).toBe(EVENT_CAPACITY + 10);
  expect(log.latest(2)).toEqual([
    { seq: EVENT_CAPACITY + 10, cycle: 7, kind: 'tlb_miss', fields: { vpn: 5, asid: 1, access: 'store' } },
    { seq: EVENT_CAPACITY + 9, cycle: EVENT_CAPACITY + 9, kind: 'frame_alloc', fields: { frame: EVENT_CAPACITY + 9, use: 'user' } },
  ]);
  expect(log.latest(EVENT_CAPACITY * 2, (k) => k === 'frame_alloc').length).toBe(EVENT_CAPACITY - 1);
});

test('a share link round-trips programs, configuration and input; a damaged one is ignored', async () => {
  const state = { programs: [program('hello.s')], config: { ...DEFAULT_WEB_CONFIG, tlbWays: 1 }, stdin: 'x' };
  const hash = await encodeState(state);
  expect(hash.startsWith('#s=')).toBe(true);
  expect(await decodeState(hash)).toEqual(state);
  expect(await decodeState('#s=not-deflate')).toBeUndefined();
  expect(await decodeState('#other')).toBeUndefined();
});

test('a share link carries the refill mode; a link made before it existed opens with hardware refill', async () => {
  const state = { programs: [program('tlb.s')], config: { ...DEFAULT_WEB_CONFIG, tlbRefill: 'software' as const, tlbPolicy: 'plru' as const }, stdin: '' };
  expect(await decodeState(await encodeState(state))).toEqual(state);
  const { tlbRefill: _dropped, ...old } = DEFAULT_WEB_CONFIG;
  const decoded = await decodeState(await encodeState({ programs: state.programs, config: old as typeof DEFAULT_WEB_CONFIG }));
  expect(decoded?.config.tlbRefill).toBe('hardware');
  expect(decoded?.config).toEqual(DEFAULT_WEB_CONFIG);
});

test('a share link carries breakpoints and the Stop at boxes; a link without them opens with none, and damaged lines are dropped', async () => {
  const state = { programs: [program('hello.s'), program('forkwait.s')], config: DEFAULT_WEB_CONFIG, stdin: '', breakpoints: [[], [27, 40]], breakAt: ['puts', 'lib/print.s:16'], stopAtKill: true, stopAt: ['page_fault', 'fork'] as StopKind[] };
  expect(await decodeState(await encodeState(state))).toEqual(state);
  const plain = await decodeState(await encodeState({ programs: state.programs, config: DEFAULT_WEB_CONFIG }));
  expect([plain?.breakpoints, plain?.breakAt, plain?.stopAtKill, plain?.stopAt]).toEqual([undefined, undefined, undefined, undefined]);
  // Only whole line numbers from 1 up, one list per program (a missing list is none), sorted and without repeats.
  const damaged = { programs: state.programs, config: DEFAULT_WEB_CONFIG, breakpoints: [[9, 'x', -1, 2.5, 0, 3, 9], 'no', [4]], stopAtKill: 'yes', stopAt: ['fork', 'reboot', 3, 'evict'], breakAt: [' puts ', 7, '', 'puts', 'main'] };
  const decoded = await decodeState(await encodeState(damaged as never));
  expect([decoded?.breakpoints, decoded?.breakAt, decoded?.stopAtKill, decoded?.stopAt]).toEqual([[[3, 9], []], ['puts', 'main'], undefined, ['evict', 'fork']]);
});

test('the form refuses software refill with one TLB way, and plru with ways not a power of two, before the machine would', () => {
  expect(validateConfig({ ...DEFAULT_WEB_CONFIG, tlbRefill: 'software', tlbEntries: 8, tlbWays: 1 }))
    .toBe('software refill needs at least 2 TLB ways (with one, an instruction whose fetch and data pages share a set would refill forever), not 1');
  expect(validateConfig({ ...DEFAULT_WEB_CONFIG, tlbRefill: 'software', tlbEntries: 8, tlbWays: 2 })).toBeUndefined();
  expect(validateConfig({ ...DEFAULT_WEB_CONFIG, tlbRefill: 'hardware', tlbEntries: 8, tlbWays: 1 })).toBeUndefined();
  expect(validateConfig({ ...DEFAULT_WEB_CONFIG, tlbPolicy: 'plru', tlbEntries: 12, tlbWays: 3 })).toBe('plru needs a power-of-two number of TLB ways (1, 2, 4, ...), not 3');
  // What it refuses, the machine would throw on at boot.
  expect(() => boot(['hello.s'], { ...DEFAULT_WEB_CONFIG, tlbRefill: 'software', tlbEntries: 8, tlbWays: 1 })).toThrow(RangeError);
});

test('a session in software refill counts the kernel\'s refill traps, as runPrograms does', () => {
  const config = { ...DEFAULT_WEB_CONFIG, tlbRefill: 'software' as const };
  const s = boot(['tlb.s'], config);
  while (!s.step(50_000));
  const r = assemble(readFileSync('programs/tlb.s', 'utf8'), 'tlb.s', { readInclude: readLibrary });
  if (!r.ok) throw new Error('asm');
  const direct = runPrograms([{ name: 'tlb.s', image: r.image }], { config });
  expect(s.stats()).toEqual(direct.stats);
  expect(s.stats().tlb_refill_traps).toBe(s.stats().tlb_misses);
  expect(s.stats().tlb_refill_traps).toBeGreaterThan(0);
});

test('a rate reads 100% or 0% only when it is exactly that: (tlb.s in an 8-entry TLB, mid-run: 14 misses in 69 960 accesses read 100.0%)', () => {
  expect(percent(69946, 69960)).toBe('99.98%');
  expect(percent(999_999, 1_000_000)).toBe('99.9999%');
  expect(percent(1, 100_000)).toBe('0.001%');
  expect(percent(5, 5)).toBe('100.0%');
  expect(percent(0, 5)).toBe('0.0%');
  expect(percent(1, 3)).toBe('33.3%');
  expect(percent(0, 0)).toBe('-');
});

test('the frame map\'s paging activity: the newest eviction and swap-in, in words', () => {
  const log = new EventLog(() => 0);
  log.emit({ kind: 'evict', pid: 2, vpn: 0x1e9, frame: 25, to: 'swap', slot: 485, sharers: 1 }, 10);
  log.emit({ kind: 'swap_in', pid: 2, vpn: 0x1e9, slot: 486, frame: 25 }, 11);
  for (let i = 0; i < EVENT_CAPACITY; i++) log.emit({ kind: 'frame_alloc', frame: i, use: 'user' }, 12);
  // Long gone from the kept events, still the last of their kinds.
  expect(log.latest(EVENT_CAPACITY, (k) => k === 'evict')).toEqual([]);
  expect(evictionText(log.last.get('evict')!)).toBe('last eviction: frame 0x019, pid 2\'s page 0x001e9000, written to swap slot 485');
  expect(swapInText(log.last.get('swap_in')!)).toBe('last swap-in: pid 2 page 0x001e9000 from swap slot 486 into frame 0x019');
  log.emit({ kind: 'evict', pid: 1, vpn: 0x10, frame: 7, to: 'drop', sharers: 3 }, 13);
  expect(evictionText(log.last.get('evict')!)).toBe('last eviction: frame 0x007, pid 1\'s page 0x00010000 and 2 more mappings of it, clean, so dropped without a write');
});

test('a swapping session: the last eviction and swap-in it reports are the newest of their kinds', () => {
  const s = boot(['swap.s'], { ...DEFAULT_WEB_CONFIG, frames: 40 });
  while (!s.step(10_000));
  const stats = s.stats();
  expect(stats.swap_outs).toBeGreaterThan(0);
  expect(stats.swap_ins).toBeGreaterThan(0);
  expect(s.events.counts.get('evict')).toBe(stats.swap_outs + stats.clean_drops);
  expect(s.events.counts.get('swap_in')).toBe(stats.swap_ins);
  for (const kind of ['evict', 'swap_in']) expect(s.events.last.get(kind)).toEqual(s.events.latest(1, (k) => k === kind)[0]);
});

test('marks about a frame or a TLB way go once the frame is freed or the way flushed: a process\'s end leaves no ring on a free frame, no victim in an empty way', () => {
  const s = boot(['swap.s'], { ...DEFAULT_WEB_CONFIG, frames: 40 });
  s.stopAt = new Set(['page_fault']);
  // At a swap-in stop the frame it filled is ringed; an eviction's frame holds the page brought in for it.
  let swapIn: ReturnType<typeof s.events.last.get>;
  while (!s.done && (swapIn = s.events.last.get('swap_in')) === undefined) s.step(1_000_000);
  expect(s.eventStop?.text).toMatch(/, swap-in$/);
  const evict = s.events.last.get('evict')!;
  expect(ringedFrames(s.events)).toEqual({ evictedFrame: Number(evict.fields['frame']), swappedInFrame: Number(swapIn!.fields['frame']) });
  s.stopAt = new Set();
  while (!s.step(1_000_000));
  // The end: every user frame is free again; the lines still say what happened, and that the frame was freed.
  expect(framesOf(s.kernel).user).toBe(0);
  expect(ringedFrames(s.events)).toEqual({ evictedFrame: -1, swappedInFrame: -1 });
  expect(FREED_SINCE).toBe('; that frame was freed since');
  // The TLB (default 1024 frames: no paging, but 600 pages through 64 entries): the way of the last eviction, 0x0021f pushed out.
  const t = boot(['swap.s']);
  while (t.activity.lastEviction === undefined) t.step(1);
  const ev = t.activity.lastEviction;
  expect(victimMark(tlbOf(t.kernel, t.activity), ev.set, ev.way)).toBe(`evicted ${hex(ev.victim!.vpn, 5)} a1`);
  while (!t.step(1_000_000));
  const end = tlbOf(t.kernel, t.activity);
  expect([end.lastEviction!.victim!.vpn, end.valid, victimMark(end, end.lastEviction!.set, end.lastEviction!.way)]).toEqual([0x21f, 0, undefined]);
});

test('the Swap panel\'s rings go once their slot is taken again or freed: two swap.s in 40 frames, a page read back early, its slot then holding another', () => {
  const s = boot(['swap.s', 'swap.s'], { ...DEFAULT_WEB_CONFIG, frames: 40 });
  const refs = (slot: number) => s.kernel.vm.swap.refsOf(slot);
  const pageOf = (e: { fields: Readonly<Record<string, number | string>> }) => `pid ${e.fields['pid']}'s page ${hex(Number(e.fields['vpn']) << 12)}`;
  // Just after a swap-in, its slot (of one page) is free, freed by the read itself: the ring stays there.
  while (s.events.last.get('swap_in') === undefined) s.step(1);
  const first = s.events.last.get('swap_in')!;
  expect([refs(Number(first.fields['slot'])), s.events.ringedSlots().read]).toEqual([0, Number(first.fields['slot'])]);
  // Later, with no swap-in since, an eviction writes another page to that slot: a ring 'read back last' there would
  // name a slot holding a page that was never read back (before, it stayed); 'written last' marks the eviction's slot.
  let taken = false;
  let steps = 0;
  while (!s.done && !taken && steps++ < 200) {
    s.step(1000);
    const read = s.events.last.get('swap_in')!;
    const slot = Number(read.fields['slot']);
    const bySlot = new Map(swapOf(s.kernel).usedSlots.map((u) => [u.slot, u]));
    taken = refs(slot) > 0 && !slotText(slot, bySlot.get(slot)).includes(pageOf(read));
  }
  expect(taken).toBe(true);
  const evict = s.events.last.get('evict')!;
  expect(refs(Number(evict.fields['slot']))).toBe(1);
  expect(s.events.ringedSlots()).toEqual({ written: Number(evict.fields['slot']), read: -1 });
  // To the end (pid 1's end frees its slots while pid 2's pages are in swap): 'written last' is on a slot in use,
  // and 'read back last' on a used slot only while it holds the page read back.
  while (!s.done) {
    s.step(1000);
    const { written, read } = s.events.ringedSlots();
    if (written >= 0) expect(refs(written)).toBeGreaterThan(0);
    if (read >= 0 && refs(read) > 0) expect(slotText(read, new Map(swapOf(s.kernel).usedSlots.map((u) => [u.slot, u])).get(read))).toContain(pageOf(s.events.last.get('swap_in')!));
  }
});

/** The highest frame not free, or -1. */
const highestInUse = (frames: readonly { use: string }[]): number => { for (let i = frames.length - 1; i >= 0; i--) if (frames[i]!.use !== 'free') return i; return -1; };

test('a big memory\'s map is drawn to the block of 64 frames holding the highest frame in use, the rest counted; a small one whole; the empty Swap panel is one line', () => {
  const cow = boot(['cow.s']);
  cow.stopAt = new Set(['fork']);
  cow.step(1_000_000);
  const at = framesOf(cow.kernel);
  // cow.s at its fork holds frames 0x000..0x00f or so of 1024: one block is drawn, not 27 rows of empty squares.
  expect(highestInUse(at.frames)).toBeLessThan(FRAME_BLOCK);
  expect([framesShown(at), framesNotDrawnText(at, framesShown(at))]).toEqual([64, 'frames 0x040 to 0x3ff not drawn: all free']);
  // swap.s 20 000 instructions in: to the block of its highest frame, every frame in use drawn.
  const swap = boot(['swap.s']);
  swap.step(20_000);
  const mid = framesOf(swap.kernel);
  const highest = highestInUse(mid.frames);
  expect(highest).toBeGreaterThan(FRAME_BLOCK);
  expect(framesShown(mid)).toBe(Math.ceil((highest + 1) / FRAME_BLOCK) * FRAME_BLOCK);
  expect(framesNotDrawnText(mid, framesShown(mid))).toBe(`frames ${hex(framesShown(mid), 3)} to 0x3ff not drawn: all free`);
  while (!swap.step(1_000_000));
  expect(framesShown(framesOf(swap.kernel))).toBe(64);
  // 40 frames: the big squares, every one drawn.
  const small = boot(['swap.s'], { ...DEFAULT_WEB_CONFIG, frames: 40 });
  expect([framesShown(framesOf(small.kernel)), framesNotDrawnText(framesOf(small.kernel), 40)]).toEqual([40, undefined]);
  // A frame in use past the drawn ones is counted.
  const fake = { total: 1024, frames: at.frames.map((f, i) => (i === 900 ? { ...f, use: 'user' as const } : f)) };
  expect([framesShown(fake), framesNotDrawnText(fake, 64)]).toEqual([960, 'frames 0x040 to 0x3ff not drawn: 1 in use there, the rest free']);
  expect([emptySwapText(0, 0), emptySwapText(1169, 602), emptySwapText(1, 0)]).toEqual([
    'no page has gone to swap yet', 'no page is in swap now: 1,169 pages written to it, 602 read back, so far', 'no page is in swap now: 1 page written to it, 0 read back, so far',
  ]);
});

test('Processes lists every live, zombie and killed process, and only the newest reaped exits', () => {
  const view = (pid: number, state: ProcessView['state'], killed = false): ProcessView => ({
    pid, name: 'p.s', state, parent: 1, current: false, ...(killed ? { killCause: 'killed' } : { exitCode: 0 }),
  });
  const list = [view(1, 'running'), ...Array.from({ length: REAPED_EXITS_SHOWN + 30 }, (_, i) => view(i + 2, 'reaped', i === 3)), view(200, 'zombie')];
  // Two programs (pids 1 and 2, the bystander, always listed); pids 3..81 reaped, pid 5 killed: 78 exits, the oldest 28 unlisted.
  const { rows, unlisted } = shownProcesses(list, 2);
  expect(unlisted).toBe(28);
  expect(rows.map((p) => p.pid)).toEqual([1, 2, 5, ...Array.from({ length: REAPED_EXITS_SHOWN }, (_, i) => i + 32), 200]);
  expect(shownProcesses(list.slice(0, 10), 2)).toEqual({ rows: list.slice(0, 10), unlisted: 0 });
});

describe('breakpoints', () => {
  // Written for these tests: three turns of a loop, then a two-word la, then exit 0.
  const LOOP = [
    '; counts down from 3',      // 1
    '        .text',             // 2
    '_start: li   r5, 3',        // 3
    'loop:',                     // 4
    '        addi r5, r5, -1',   // 5
    '        bne  r5, zero, loop', // 6
    '        la   r3, word',     // 7  two words
    '        li   r1, 0',        // 8  exit(0)
    '        li   r2, 0',        // 9
    '        syscall',           // 10
    '        .data',             // 11
    'word:   .word 7',           // 12
  ].join('\n') + '\n';
  const programs = [program('hello.s'), { name: 'loop.s', source: LOOP }];
  const bootLoop = (lines: number[][]) => {
    const r = Session.boot(programs, DEFAULT_WEB_CONFIG, '', readLibrary);
    if (!('session' in r)) throw new Error('asm');
    expect(r.session.setBreakpoints(lines)).toEqual([]);
    return r.session;
  };
  const at = (s: Session) => [s.breakStop?.pid, s.breakStop?.file, s.breakStop?.line, s.breakStop?.pc, s.kernel.pcOf(s.process(s.breakStop!.pid)!), s.instructions];

  test('stops before the line\'s first word in the process running it, after exactly the instructions before it; Run again goes on to the next hit, then to the end', () => {
    const s = bootLoop([[], [5]]);
    // hello.s runs its 10 instructions first (quantum 10 000), then loop.s its li: 11 before the first addi.
    expect(s.step(1_000_000)).toBe(true);
    expect(at(s)).toEqual([2, 'loop.s', 5, 0x1004, 0x1004, 11]);
    // A session without breakpoints, stepped one instruction at a time, reaches that pc after as many.
    const plain = bootLoop([]);
    while (!(plain.kernel.current?.pid === 2 && plain.kernel.pcOf(plain.process(2)!) === 0x1004)) plain.step(1);
    expect(plain.instructions).toBe(11);
    // Each turn is addi + bne: the next hits are 2 and 4 instructions on.
    expect(s.step(1_000_000)).toBe(true);
    expect(at(s)).toEqual([2, 'loop.s', 5, 0x1004, 0x1004, 13]);
    expect(s.step(1_000_000)).toBe(true);
    expect(at(s)).toEqual([2, 'loop.s', 5, 0x1004, 0x1004, 15]);
    // The third turn falls through: addi, bne, la (2 words), li, li, syscall: 22 in all, and nothing stops.
    expect(s.step(1_000_000)).toBe(true);
    expect([s.done, s.breakStop, s.instructions]).toEqual([true, undefined, 22]);
    // Stopping changes nothing the machine counts.
    while (!plain.step(1000));
    expect(s.stats()).toEqual(plain.stats());
  });

  test('each stop is where the terminal debugger\'s `break loop.s:5` and `continue` stop: the same pid, pc, instructions and cycles', () => {
    const dir = mkdtempSync(join(tmpdir(), 'illusion-bp-'));
    try {
      writeFileSync(join(dir, 'loop.s'), LOOP);
      const input = 'break loop.s:5\n' + 'continue\ninfo registers\n'.repeat(3);
      const cli = spawnSync(process.execPath, ['dist/cli/main.js', 'debug', 'programs/hello.s', join(dir, 'loop.s')], { input, encoding: 'utf8' });
      const cliStops = [...cli.stdout.matchAll(/breakpoint 1, pid (\d+) at (0x[0-9a-f]+)[^]*? pc (0x[0-9a-f]+) {2}instructions (\d+) {2}cycles (\d+)/g)]
        .map((m) => [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])]);
      const s = bootLoop([[], [5]]);
      const stops: number[][] = [];
      for (let i = 0; i < 3; i++) {
        s.step(1_000_000);
        stops.push([s.breakStop!.pid, s.breakStop!.pc, s.kernel.pcOf(s.process(s.breakStop!.pid)!), s.instructions, s.kernel.cpu.cycles()]);
      }
      expect(stops.map((x) => x[3])).toEqual([11, 13, 15]);
      expect(cliStops).toEqual(stops);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a two-word line stops at its first word only; Step from a stop runs the stopped instruction', () => {
    const s = bootLoop([[], [7]]);
    s.step(1_000_000);
    expect(at(s)).toEqual([2, 'loop.s', 7, 0x100c, 0x100c, 17]);
    // Step 1 runs la's first word (lui) and stops nowhere: its second word is no breakpoint.
    expect(s.step(1)).toBe(false);
    expect([s.breakStop, s.kernel.pcOf(s.process(2)!), s.instructions]).toEqual([undefined, 0x1010, 18]);
  });

  test('Step N stops at a breakpoint before its count is used up', () => {
    const s = bootLoop([[8], [5]]);
    // hello.s's line 8 is its second instruction: one instruction in.
    expect(s.step(100)).toBe(true);
    expect(at(s)).toEqual([1, 'hello.s', 8, 0x1004, 0x1004, 1]);
    expect(s.step(100)).toBe(true);
    expect(at(s)).toEqual([2, 'loop.s', 5, 0x1004, 0x1004, 11]);
    // A single Step that lands before a breakpoint's instruction says so too; the next Step runs it.
    const one = bootLoop([[8], []]);
    expect(one.step(1)).toBe(true);
    expect(at(one)).toEqual([1, 'hello.s', 8, 0x1004, 0x1004, 1]);
    expect(one.step(1)).toBe(false);
    expect([one.breakStop, one.instructions]).toEqual([undefined, 2]);
  });

  test('a removed breakpoint does not stop; after a Reset (a new session, the same lines) it stops as before', () => {
    const s = bootLoop([[], [5]]);
    s.step(1_000_000);
    expect(s.instructions).toBe(11);
    expect(s.setBreakpoints([[], []])).toEqual([]);
    expect(s.step(1_000_000)).toBe(true);
    expect([s.done, s.breakStop, s.instructions]).toEqual([true, undefined, 22]);
    const again = bootLoop([[], [5]]);
    again.step(1_000_000);
    expect(at(again)).toEqual([2, 'loop.s', 5, 0x1004, 0x1004, 11]);
  });

  test('a line with no instruction (a comment, a label alone, a blank, data) holds none: it is returned as dropped and never stops', () => {
    const r = Session.boot(programs, DEFAULT_WEB_CONFIG, '', readLibrary);
    if (!('session' in r)) throw new Error('asm');
    const s = r.session;
    expect(s.setBreakpoints([[1, 15], [1, 4, 12, 40, 9]])).toEqual([{ program: 0, lines: [1, 15] }, { program: 1, lines: [1, 4, 12, 40] }]);
    expect(s.step(1_000_000)).toBe(true);
    expect(at(s)).toEqual([2, 'loop.s', 9, 0x1018, 0x1018, 20]);
  });

  test('a breakpoint stops a fork child too: both processes run the line after the fork', () => {
    const source = [
      '        .text',
      '_start: li   r1, 4',  // 2: fork
      '        syscall',     // 3
      '        mv   r6, r1', // 4: parent and child
      '        li   r1, 0',  // 5
      '        li   r2, 0',  // 6
      '        syscall',     // 7
    ].join('\n') + '\n';
    const r = Session.boot([{ name: 'fork.s', source }], DEFAULT_WEB_CONFIG, '', readLibrary);
    if (!('session' in r)) throw new Error('asm');
    const s = r.session;
    s.setBreakpoints([[4]]);
    const stops: (string | number | undefined)[][] = [];
    for (s.step(1_000_000); !s.done; s.step(1_000_000)) stops.push(at(s));
    // The parent goes on from its fork first; the child starts at the same pc.
    expect(stops).toEqual([[1, 'fork.s', 4, 0x1008, 0x1008, 2], [2, 'fork.s', 4, 0x1008, 0x1008, 6]]);
    expect(s.instructions).toBe(10);
  });
});

describe('statistics panel', () => {
  test('lists every statistic --stats prints, in its order; the refill traps only in software refill', () => {
    for (const tlbRefill of ['hardware', 'software'] as const) {
      const s = boot(['cow.s'], { ...DEFAULT_WEB_CONFIG, tlbRefill });
      while (!s.step(5000));
      const cli = spawnSync(process.execPath, ['dist/cli/main.js', 'run', 'programs/cow.s', '--json', '--tlb-refill', tlbRefill], { encoding: 'utf8' });
      const stats = (JSON.parse(cli.stdout) as { stats: Record<string, number> }).stats;
      const shown = tlbRefill === 'software' ? Object.keys(stats) : Object.keys(stats).filter((k) => k !== 'tlb_refill_traps' && k !== 'tlb_modified_traps');
      expect(statisticRows(s.config.tlbRefill).map(([, key]) => key)).toEqual(shown);
      expect(Object.fromEntries(statisticRows(s.config.tlbRefill).map(([, key]) => [key, s.stats()[key]]))).toEqual(Object.fromEntries(shown.map((k) => [k, stats[k]])));
    }
  });
});

describe('page table panel', () => {
  test('counts in words that agree with the number: 1 entry, 1 root entry', () => {
    const s = boot(['hello.s']);
    s.step(1);
    const view = pageTableOf(s.kernel, s.process(1)!)!;
    expect(rootEntryText(view.roots[0]!)).toBe('root[0] 0x00000000-0x003fffff: 1 entry, table in frame 0x002; root entry at 0x00001000 = 0x00002001');
    expect(tableSummary(view)).toBe('1 entry under 1 root entry; plus 1 root entry of the kernel half (0x80000000 and up, U=0, shared by every process)');
    while (!s.step(1000));
    const cow = boot(['cow.s']);
    cow.step(12_400);
    expect(tableSummary(pageTableOf(cow.kernel, cow.process(1)!)!)).toBe('5 entries under 1 root entry; plus 1 root entry of the kernel half (0x80000000 and up, U=0, shared by every process)');
  });
});

describe('stop at a kill', () => {
  // Written for these tests, as a student would: the loop walks off the end of its 4-word array.
  const WILD = [
    '; sums an array, but counts 2000 words of a 4-word array', // 1
    '        .text',             // 2
    '_start:',                   // 3
    '        la   r3, array',    // 4
    '        li   r4, 0',        // 5
    '        li   r5, 2000',     // 6
    'loop:',                     // 7
    '        lw   r6, 0(r3)',    // 8  the load that leaves the data page
    '        add  r4, r4, r6',   // 9
    '        addi r3, r3, 4',    // 10
    '        addi r5, r5, -1',   // 11
    '        bnez r5, loop',     // 12
    '        li   r1, 0',        // 13
    '        li   r2, 0',        // 14
    '        syscall',           // 15
    '        .data',             // 16
    'array:  .word 1, 2, 3, 4',  // 17
  ].join('\n') + '\n';
  const KILL = "pid 1 (wild.s) killed: bad_access: load from 0x00003000, past the end of the program's data, where the heap (empty until sbrk grows it) begins; the last label before it is 'array' at 0x00002000: an index past the end of an array? (unmapped); pc 0x00001010, wild.s:8";
  const bootWild = () => {
    const r = Session.boot([{ name: 'wild.s', source: WILD }, program('hello.s')], DEFAULT_WEB_CONFIG, '', readLibrary);
    if (!('session' in r)) throw new Error('asm');
    return r.session;
  };

  test('pauses before the kill with the process whole: its pc on the faulting line, its page table readable, nothing printed yet', () => {
    const s = bootWild();
    s.stopAtKill = true;
    expect(s.step(1_000_000)).toBe(true);
    expect(s.killStop).toEqual({ pid: 1, program: 0, file: 'wild.s', line: 8, pc: 0x1010, cause: 'bad_access', reason: 'unmapped', access: 'load', address: 0x3000, text: KILL });
    expect(s.done).toBe(false);
    expect(s.kills).toEqual([]);
    expect(s.process(1)!.alive).toBe(true);
    expect(s.kernel.pcOf(s.process(1)!)).toBe(0x1010);
    expect(s.pcLineOf(1)).toBe(8);
    expect(pageTableOf(s.kernel, s.process(1)!)!.present).toBe(2);
    expect(walkOf(s.kernel, s.process(1)!, 0x3000)!.outcome).toBe('not_present');
    // la (two words) and two li, then 1024 turns of 5 over the data page: the 1025th load is the fault, not run.
    expect(s.instructions).toBe(4 + 1024 * 5);
  });

  test('Run from the stop carries the kill out as it would have happened: the same kill line, output and statistics as a run that never stopped', () => {
    const s = bootWild();
    s.stopAtKill = true;
    s.step(1_000_000);
    expect(s.step(1_000_000)).toBe(true);
    expect(s.killStop).toBeUndefined();
    expect(s.done).toBe(true);
    const plain = bootWild();
    while (!plain.step(5000));
    expect(s.kills).toEqual([KILL]);
    expect(plain.kills).toEqual([KILL]);
    expect(s.outputs.get(2)).toEqual(plain.outputs.get(2));
    expect(s.stats()).toEqual(plain.stats());
  });

  test('with breakpoints set too, the kill still stops the run (the session steps one instruction at a time then)', () => {
    const s = bootWild();
    s.stopAtKill = true;
    expect(s.setBreakpoints([[4]])).toEqual([]);
    expect(s.step(1_000_000)).toBe(true);
    expect(s.breakStop?.line).toBe(4);
    expect(s.step(1_000_000)).toBe(true);
    expect(s.breakStop).toBeUndefined();
    expect([s.killStop?.pid, s.killStop?.line, s.instructions]).toEqual([1, 8, 4 + 1024 * 5]);
    expect(s.step(1_000_000)).toBe(true);
    expect(s.kills).toEqual([KILL]);
  });

  test('off (the default), a kill does not stop the run', () => {
    const s = bootWild();
    expect(s.stopAtKill).toBe(false);
    expect(s.step(1_000_000)).toBe(true);
    expect([s.done, s.killStop, s.kills]).toEqual([true, undefined, [KILL]]);
  });

  test('a misaligned load stops at its line with its cause and reason', () => {
    const r = Session.boot([{ name: 'odd.s', source: '_start: la r3, bytes\n        lw r4, 1(r3)\n        li r1, 0\n        syscall\n        .data\nbytes:  .byte 1, 2, 3, 4, 5\n' }], DEFAULT_WEB_CONFIG, '', readLibrary);
    if (!('session' in r)) throw new Error('asm');
    r.session.stopAtKill = true;
    r.session.step(100);
    const k = r.session.killStop!;
    expect([k.pid, k.line, k.cause, k.reason, k.access, k.address]).toEqual([1, 2, 'misaligned', 'word_load', 'load', 0x2001]);
    expect(k.text).toBe('pid 1 (odd.s) killed: misaligned: lw from 0x00002001 (bytes+1), which is not a multiple of 4: word i of an array is 4*i bytes in (an index or a pointer stepped by 1, not 4?) (word_load); pc 0x00001008, odd.s:2');
  });
});

describe('stop at a page fault, an eviction, a fork', () => {
  const bootOne = (name: string, config = DEFAULT_WEB_CONFIG) => boot([name], config);

  test('a page fault: pauses after the kernel resolved it, before the retried instruction; the page is in the table', () => {
    const s = bootOne('cow.s');
    s.stopAt = new Set(['page_fault']);
    expect(s.step(1_000_000)).toBe(true);
    // The first fault is the fetch of the first instruction: its text page, loaded from the image.
    expect(s.eventStop).toEqual({ kind: 'page_fault', pid: 1, text: 'paused after a page fault: pid 1, fetch at 0x00001000, image', address: 0x1000, access: 'fetch', events: 1 });
    expect([s.instructions, s.kernel.pcOf(s.process(1)!)]).toEqual([0, 0x1000]);
    expect(pageTableOf(s.kernel, s.process(1)!)!.present).toBe(1);
    expect(s.step(1_000_000)).toBe(true);
    expect(s.eventStop?.text).toBe('paused after a page fault: pid 1, store at 0x00003000, zero-fill');
  });

  test('the page table lights the page a stop is about: the faulting page at a fault, none at a fork or an eviction, a kill\'s page; else the TLB\'s last fill', () => {
    const s = bootOne('cow.s');
    s.stopAt = new Set(['page_fault', 'fork']);
    const rowsOf = (pid: number) => pageTableOf(s.kernel, s.process(pid)!)!.roots.flatMap((r) => r.leaves).map((l) => l.vpn);
    const seen: string[] = [];
    while (!s.step(1_000_000) || s.stopped) {
      const stop = s.eventStop!;
      if (stop.kind === 'fork') { expect(s.litVpnOf(2)).toBe(-1); expect(s.litVpnOf(1)).toBe(-1); continue; }
      // The faulting page, which has its row (the fault made it), not the page the TLB filled before it.
      expect(s.litVpnOf(stop.pid)).toBe(stop.address! >>> 12);
      expect(rowsOf(stop.pid)).toContain(stop.address! >>> 12);
      if (stop.pid === 2 && stop.address === 0x3000) seen.push(`lit ${s.litVpnOf(2)}, last fill ${s.lastFillVpnOf(2)}`);
    }
    // The teacher's stop: the child's first copy-on-write store; the TLB's last fill was page 0x6000.
    expect(seen).toEqual(['lit 3, last fill 6']);
    // Between stops, the last fill as before.
    const plain = bootOne('cow.s');
    plain.step(12_400);
    expect(plain.litVpnOf(plain.focusPid())).toBe(plain.lastFillVpnOf(plain.focusPid()));
    expect(plain.litVpnOf(plain.focusPid())).toBeGreaterThan(0);
    // An eviction stop: the evicted page is ringed (evictedPageOf), nothing is lit green.
    const ev = bootOne('swap.s', { ...DEFAULT_WEB_CONFIG, frames: 40 });
    ev.stopAt = new Set(['evict']);
    ev.step(10_000_000);
    expect([ev.eventStop?.kind, ev.litVpnOf(1)]).toEqual(['evict', -1]);
    // A kill stop: the page the refused access touched (mprotect made it read-only), not the stack page filled last.
    const kill = bootOne('attacks/mem-mprotect-cow.s');
    kill.stopAtKill = true;
    kill.step(2_000_000);
    const pid = kill.killStop!.pid;
    expect([kill.killStop?.address, kill.litVpnOf(pid), kill.lastFillVpnOf(pid), kill.litVpnOf(pid === 1 ? 2 : 1)]).toEqual([0x7fdfd000, 0x7fdfd, 0x7fdfe, -1]);
  });

  test('the TLB panel lights what the page table does: at a fault or kill stop that page\'s entry (or none), between stops the last fill', () => {
    const s = bootOne('cow.s');
    s.stopAt = new Set(['page_fault', 'fork']);
    const vpnOf = (entry: number) => s.kernel.machine.tlb.vpns[entry]! >>> 0;
    const seen: string[] = [];
    let held = 0;
    while (!s.step(1_000_000) || s.stopped) {
      const stop = s.eventStop!;
      const lit = s.tlbStopEntry();
      if (stop.kind === 'fork') { expect(lit).toBeUndefined(); continue; }
      expect([lit?.pid, lit?.vpn]).toEqual([stop.pid, stop.address! >>> 12]);
      if (lit!.entry >= 0) { held++; expect(vpnOf(lit!.entry)).toBe(stop.address! >>> 12); }
      if (stop.pid === 2 && stop.address === 0x3000) seen.push(`entry ${lit!.entry}, filled last ${hex(vpnOf(tlbOf(s.kernel, s.activity).lastFilled), 5)}`);
    }
    // The child's first copy-on-write store: before, the green way was page 0x6000's, filled last.
    expect(seen).toEqual(['entry -1, filled last 0x00006']);
    // The handler has run at a fault stop: the page was not present, or its read-only entry invalidated for the copy.
    expect(held).toBe(0);
    // Between stops, none: the panel lights the way filled last.
    const plain = bootOne('cow.s');
    plain.step(12_400);
    expect(plain.tlbStopEntry()).toBeUndefined();
    // A kill stop: the refused access's page; mprotect invalidated its entry, so none is lit (before: the stack page filled last).
    const kill = bootOne('attacks/mem-mprotect-cow.s');
    kill.stopAtKill = true;
    kill.step(2_000_000);
    const k = kill.tlbStopEntry()!;
    expect([k.pid, k.vpn, k.entry, hex(kill.kernel.machine.tlb.vpns[tlbOf(kill.kernel, kill.activity).lastFilled]! >>> 0, 5)]).toEqual([kill.killStop!.pid, 0x7fdfd, -1, '0x7fdfe']);
    // A store into its own code: the text page's entry, filled by the fetches, is the one lit.
    const text = bootOne('attacks/mem-text-write.s');
    text.stopAtKill = true;
    text.step(2_000_000);
    const t = text.tlbStopEntry()!;
    expect([text.killStop?.address, t.vpn, t.entry >= 0 ? hex(text.kernel.machine.tlb.vpns[t.entry]! >>> 0, 5) : 'none']).toEqual([0x1010, 1, '0x00001']);
  });

  test('a fork: pauses after it with the child made; the panels show the child', () => {
    const s = bootOne('cow.s');
    s.stopAt = new Set(['fork']);
    expect(s.step(1_000_000)).toBe(true);
    expect(s.eventStop).toEqual({ kind: 'fork', pid: 2, text: 'paused after a fork: pid 1 made pid 2', events: 1 });
    expect(s.process(2)!.alive).toBe(true);
    // The child shares the parent's 4 array pages, copy-on-write.
    expect(pageTableOf(s.kernel, s.process(2)!)!.roots.flatMap((r) => r.leaves).filter((l) => l.pte.cow).length).toBe(4);
    expect(s.step(1_000_000)).toBe(true);
    expect(s.done).toBe(true);
  });

  test('an eviction in swap.s with 40 frames: says whose page went where, as the frame map does', () => {
    const s = bootOne('swap.s', { ...DEFAULT_WEB_CONFIG, frames: 40 });
    s.stopAt = new Set(['evict']);
    expect(s.step(10_000_000)).toBe(true);
    const evict = s.events.last.get('evict')!;
    expect(s.eventStop).toEqual({ kind: 'evict', pid: 1, text: `paused after an eviction: ${evictionText(evict).replace(/^last eviction: /, '')}`, events: 1 });
    expect(s.eventStop!.text).toMatch(/^paused after an eviction: frame 0x0[0-9a-f]{2}, pid 1's page 0x00003000, written to swap slot 0$/);
  });

  test('stopping at every page fault, eviction or fork: one stop for each, and the output and statistics of a run that never stopped', () => {
    const config = { ...DEFAULT_WEB_CONFIG, frames: 40 };
    for (const name of ['cow.s', 'swap.s', 'forkwait.s']) {
      const plain = bootOne(name, config);
      while (!plain.step(1_000_000));
      const st = plain.stats();
      const each: [StopKind, number][] = [['page_fault', st.page_faults], ['evict', plain.events.counts.get('evict') ?? 0], ['fork', st.processes - 1]];
      for (const [kind, expected] of each) {
        const s = bootOne(name, config);
        s.stopAt = new Set([kind]);
        let stops = 0;
        let events = 0;
        let twice = '';
        while (!s.done) {
          s.step(1_000_000);
          if (s.eventStop === undefined) continue;
          stops++;
          events += s.eventStop.events;
          if (s.eventStop.events > 1) twice = s.eventStop.text;
        }
        expect([name, kind, events]).toEqual([name, kind, expected]);
        // Only swap.s's stack, which grows while memory is full, needs a table frame and a page in one fault: two evictions, one stop.
        expect([name, kind, expected - stops]).toEqual([name, kind, name === 'swap.s' && kind === 'evict' ? 1 : 0]);
        // That fault freed frame 0x01d for the table, then 0x01e for the page: the stop names the last, as the frame map rings it
        // (heap page 0x239: swap.s writes its heap in order from page 3, which took slot 0, so page 3 + 566).
        if (expected > stops) expect(twice).toBe('paused after 2 evictions, the last: frame 0x01e, pid 1\'s page 0x00239000, written to swap slot 566');
        expect(s.stats()).toEqual(st);
        expect([...s.outputs]).toEqual([...plain.outputs]);
      }
    }
  });

  test('an out-of-memory kill: pauses after it, the victim gone and its frames free, the bystander alive; Run from there ends as a run that never stopped', () => {
    const config = { ...DEFAULT_WEB_CONFIG, frames: 64, swapPages: 64 };
    const names = ['attacks/proc-memory-hog.s', 'attacks/bystander.s'];
    const plain = boot(names, config);
    while (!plain.step(1_000_000));
    const s = boot(names, config);
    s.stopAt = new Set(['oom']);
    expect(s.step(10_000_000)).toBe(true);
    expect(s.eventStop).toEqual({ kind: 'oom', pid: 1, text: 'paused after an out-of-memory kill: pid 1 was the victim (memory_and_swap_full)', events: 1 });
    expect([s.process(1)?.alive, s.process(2)?.alive, s.stats().oom_kills]).toEqual([false, true, 1]);
    // What it held is free now, and the bystander holds the rest.
    expect(residencyOf(s.kernel).map((r) => r.pid)).toEqual([2]);
    while (!s.step(1_000_000)) expect(s.eventStop).toBeUndefined();
    expect(s.stats()).toEqual(plain.stats());
    expect([...s.outputs]).toEqual([...plain.outputs]);
  });

  test('the last eviction\'s page: the one that left the frame for the slot, as the event names it, still in that slot; none once its process has ended', () => {
    const s = bootOne('swap.s', { ...DEFAULT_WEB_CONFIG, frames: 40 });
    s.stopAt = new Set(['page_fault', 'evict']);
    const leaves = () => pageTableOf(s.kernel, s.process(1)!)!.roots.flatMap((r) => r.leaves);
    let before = leaves();
    let checked = 0;
    const vpns: number[] = [];
    while (checked < 60 && !s.done) {
      s.step(1_000_000);
      if (s.eventStop?.kind === 'evict' && s.eventStop.events === 1) {
        const evict = s.events.last.get('evict')!;
        // Independently: the page that was in the evicted frame at the stop before, and is in swap now.
        const was = before.find((l) => l.pte.state === 'present' && l.pte.frame === Number(evict.fields['frame']))!;
        expect(evictedPageOf(s.kernel, evict)).toEqual({ pid: 1, vpn: was.vpn, to: 'swap', slot: Number(evict.fields['slot']), now: 'in-slot' });
        expect(evict.fields['vpn']).toBe(was.vpn);
        vpns.push(was.vpn);
        expect(leaves().find((l) => l.vpn === was.vpn)!.pte.slot).toBe(Number(evict.fields['slot']));
        checked++;
      }
      before = leaves();
    }
    expect(checked).toBe(60);
    // The first: clock took page 0x3000, the first heap page written, to slot 0.
    expect(vpns.slice(0, 3)).toEqual([3, 4, 5]);
    s.stopAt = new Set();
    while (!s.step(1_000_000));
    // The run's end: the process and its tables are gone, so no page is named.
    expect(evictedPageOf(s.kernel, s.events.last.get('evict'))).toBeUndefined();
  });

  test('a clean page dropped is named too: the page that was in the frame, with no entry until it is used again, then back in', () => {
    const s = bootOne('cow.s', { ...DEFAULT_WEB_CONFIG, frames: 8 });
    s.stopAt = new Set(['page_fault', 'evict']);
    const leaves = (pid: number) => pageTableOf(s.kernel, s.process(pid)!)!.roots.flatMap((r) => r.leaves);
    let before = new Map<number, ReturnType<typeof leaves>>();
    let drops = 0;
    while (drops < 3 && !s.done) {
      s.step(1_000_000);
      const evict = s.events.last.get('evict');
      if (s.eventStop?.kind === 'evict' && s.eventStop.events === 1 && evict!.fields['to'] === 'drop') {
        const pid = Number(evict!.fields['pid']);
        // Independently: the owner's page that was in the evicted frame at the stop before.
        const was = before.get(pid)!.find((l) => l.pte.state === 'present' && l.pte.frame === Number(evict!.fields['frame']))!;
        const gone = evictedPageOf(s.kernel, evict)!;
        expect(gone).toEqual({ pid, vpn: was.vpn, to: 'drop', now: 'none' });
        expect(leaves(pid).some((l) => l.vpn === was.vpn)).toBe(false);
        expect(evictedPageText(gone)).toBe(`last eviction: page 0x${was.va.toString(16).padStart(8, '0')}, clean, so dropped without a write (no entry now)`);
        drops++;
      }
      before = new Map(s.kernel.processes.filter((p) => p.space !== undefined).map((p) => [p.pid, leaves(p.pid)]));
    }
    expect(drops).toBe(3);
  });

  test('the last eviction\'s page in memory again: named, where it went, and that it is back', () => {
    const s = bootOne('swap.s', { ...DEFAULT_WEB_CONFIG, frames: 40 });
    s.step(20_000);
    const text = pageTableOf(s.kernel, s.process(1)!)!.roots.flatMap((r) => r.leaves).find((l) => l.vpn === 1)!;
    expect(text.pte.state).toBe('present');
    // As the event would be had the text page been evicted and brought back since (the log keeps what the kernel emitted).
    const event = (fields: Record<string, number | string>) => ({ seq: 0, cycle: 0, kind: 'evict', fields });
    const swapped = evictedPageOf(s.kernel, event({ pid: 1, vpn: 1, frame: 9, to: 'swap', slot: 7, sharers: 1 }))!;
    expect(swapped).toEqual({ pid: 1, vpn: 1, to: 'swap', slot: 7, now: 'present' });
    expect(evictedPageText(swapped)).toBe('last eviction: page 0x00001000, written to swap slot 7, since back in memory (ringed below)');
    const dropped = evictedPageOf(s.kernel, event({ pid: 1, vpn: 1, frame: 9, to: 'drop', sharers: 1 }))!;
    expect(evictedPageText(dropped)).toBe('last eviction: page 0x00001000, clean, so dropped without a write, since back in memory (ringed below)');
    // A page swap.s has not touched by now has no entry.
    expect(evictedPageOf(s.kernel, event({ pid: 1, vpn: 0x7000, frame: 9, to: 'drop', sharers: 1 }))!.now).toBe('none');
  });

  test('a breakpoint and a page fault stop in the order they happen', () => {
    const s = bootOne('cow.s');
    s.stopAt = new Set(['page_fault']);
    expect(s.setBreakpoints([[24]])).toEqual([]);
    s.step(1_000_000);
    expect(s.eventStop?.text).toBe('paused after a page fault: pid 1, fetch at 0x00001000, image');
    s.step(1_000_000);
    expect([s.breakStop?.line, s.eventStop]).toEqual([24, undefined]);
    s.step(1_000_000);
    expect(s.eventStop?.text).toBe('paused after a page fault: pid 1, store at 0x00003000, zero-fill');
  });
});

describe('breakpoints by label or file:line (Break at)', () => {
  const bootCow = () => boot(['cow.s']);

  test('a label in an included file stops every program that includes it, at the label\'s first word, naming that file\'s line', () => {
    const s = bootCow();
    expect(s.setBreakpoints([[]], ['puts'])).toEqual([]);
    expect(s.unresolvedBreaks).toEqual([]);
    expect(s.step(1_000_000)).toBe(true);
    // The child prints first (its parent is waiting): pid 2 at puts, lib/print.s line 11.
    const puts = s.kernel.procs.byPid(2)!.space!.image.symbols.find((y) => y.name === 'puts')!.value;
    expect(s.breakStop).toEqual({ pid: 2, program: 0, file: 'lib/print.s', line: 11, pc: puts });
    expect(s.kernel.pcOf(s.process(2)!)).toBe(puts);
    expect(s.step(1_000_000)).toBe(true);
    expect([s.breakStop?.pid, s.breakStop?.file, s.breakStop?.line]).toEqual([1, 'lib/print.s', 11]);
  });

  test('a label of the program\'s own and a file:line of an included file, as the kill reports name files', () => {
    const s = bootCow();
    expect(s.setBreakpoints([[]], ['fill_loop', 'lib/print.s:16'])).toEqual([]);
    s.step(1_000_000);
    expect([s.breakStop?.file, s.breakStop?.line, s.instructions]).toEqual(['cow.s', 79, 6]);
    const plain = bootCow();
    expect(plain.setBreakpoints([[], []], ['cow.s:79'])).toEqual([]);
    plain.step(1_000_000);
    expect([plain.breakStop?.file, plain.breakStop?.line, plain.instructions]).toEqual(['cow.s', 79, 6]);
  });

  test('what names no instruction in any program is left unset and listed, in words', () => {
    const s = bootCow();
    s.setBreakpoints([[]], ['nosuch', 'array', 'lib/print.s:54', 'lib/print.s:x', 'other.s:3', 'puts']);
    expect(s.unresolvedBreaks).toEqual([
      "nosuch: no such label in any program",
      "array: a label of data, not of code",
      "lib/print.s:54: no instruction on that line in any program",
      "lib/print.s:x: not a label or FILE:LINE",
      "other.s:3: no instruction on that line in any program",
    ]);
    s.step(1_000_000);
    expect(s.breakStop?.line).toBe(11);
  });
});

describe('who holds memory (the Frames panel\'s summary)', () => {
  test('two swap.s in 40 frames: each process\'s frames, swap and tables add up to the frame map, and its paging is what `illusion run --json` counts at the same instruction', () => {
    const s = boot(['swap.s', 'swap.s'], { ...DEFAULT_WEB_CONFIG, frames: 40, policy: 'fifo' });
    s.step(100_000);
    const rows = residencyOf(s.kernel);
    const view = framesOf(s.kernel);
    expect(rows.map((r) => r.pid)).toEqual([1, 2]);
    // Nothing shared here: every user frame is one process's, every table frame too.
    expect(rows.map((r) => r.shared)).toEqual([0, 0]);
    expect(rows.reduce((n, r) => n + r.resident, 0)).toBe(view.user);
    expect(rows.reduce((n, r) => n + r.tables, 0)).toBe(view.frames.filter((f) => f.use === 'root_table' || f.use === 'page_table').length);
    for (const r of rows) {
      const p = s.process(r.pid)!;
      expect(r.resident).toBe(p.stats.residentPages);
      expect(r.swapped).toBe(pageTableOf(s.kernel, p)!.roots.flatMap((root) => root.leaves).filter((l) => l.pte.state === 'swapped').length);
    }
    expect(rows.reduce((n, r) => n + r.swapped, 0)).toBe(s.stats().swap_slots_at_end);
    // The swap device drawn beside: the same pages per pid, in as many slots as the kernel's device has in use.
    const swap = swapOf(s.kernel);
    expect(swap.byPid).toEqual(rows.map((r) => ({ pid: r.pid, pages: r.swapped })));
    expect([swap.slots, swap.used, swap.free, swap.usedSlots.length]).toEqual([4096, 1172, 4096 - 1172, 1172]);
    expect(swap.used).toBe(s.kernel.vm.swap.usedSlots);
    // The same run cut at the same instruction on the command line: the same faults, swap-outs and swap-ins per process.
    const cli = spawnSync(process.execPath, ['dist/cli/main.js', 'run', 'programs/swap.s', 'programs/swap.s', '--frames', '40', '--policy', 'fifo', '--max-instructions', '100000', '--json'], { encoding: 'utf8' });
    const json = JSON.parse(cli.stdout) as { processes: { pid: number; stats: { page_faults: number; swap_ins: number; swap_outs: number } }[] };
    expect(rows.map((r) => [r.pid, r.pageFaults, r.swapOuts, r.swapIns])).toEqual(json.processes.map((p) => [p.pid, p.stats.page_faults, p.stats.swap_outs, p.stats.swap_ins]));
    // fifo, 100 000 instructions in: pid 2 runs, and every page of pid 1 is in swap.
    expect(rows.map((r) => [r.resident, r.swapped, r.tables, r.pageFaults, r.swapOuts, r.swapIns])).toEqual([[0, 602, 3, 754, 749, 147], [33, 570, 3, 754, 717, 147]]);
    // Once every process has ended, none holds memory: no rows (the panel then says so in words).
    while (!s.step(100_000));
    expect(residencyOf(s.kernel)).toEqual([]);
  });

  test('the swap device, read at every eviction stop of cow.s in 8 frames, is the kernel\'s: its used and free counts, each slot\'s references one per page naming it, and the memory table\'s pages in swap per pid', () => {
    const s = boot(['cow.s'], { ...DEFAULT_WEB_CONFIG, frames: 8 });
    s.stopAt = new Set(['evict']);
    let stops = 0;
    let sharedSlots = 0;
    while (!s.done) {
      s.step(1_000_000);
      const k = s.kernel;
      const v = swapOf(k);
      expect([v.used, v.free]).toEqual([k.vm.swap.usedSlots, k.vm.swap.freeSlots]);
      for (const u of v.usedSlots) expect([u.slot, u.refs]).toEqual([u.slot, u.pages.length]);
      // Each pid's pages in swap: what the kernel counts for an OOM kill (vm.holdings), and the memory table's column.
      const held = [...k.vm.spaces].map(([pid, space]) => ({ pid, pages: k.vm.holdings(space).swapSlots })).filter((h) => h.pages > 0).sort((a, b) => a.pid - b.pid);
      expect(v.byPid).toEqual(held);
      expect(residencyOf(k).filter((r) => r.swapped > 0).map((r) => ({ pid: r.pid, pages: r.swapped }))).toEqual(held);
      const evict = s.events.last.get('evict');
      if (evict !== undefined && s.eventStop?.kind === 'evict' && evict.fields['to'] === 'swap') {
        // The slot the eviction wrote names the page it evicted (and its sharers', a fork's child's too when the fork made the eviction).
        const slot = v.usedSlots.find((u) => u.slot === Number(evict.fields['slot']))!;
        expect(slot.pages.some((p) => p.pid === Number(evict.fields['pid']) && p.vpn === Number(evict.fields['vpn']))).toBe(true);
      }
      sharedSlots = Math.max(sharedSlots, v.usedSlots.filter((u) => u.pages.length > 1).length);
      stops++;
    }
    // 27 eviction stops and the last step to the end; at most 3 slots at once held a page the parent and the child still shared: one slot, named by both.
    expect([stops, sharedSlots]).toEqual([27 + 1, 3]);
    expect(swapOf(s.kernel).used).toBe(0);
  });

  test('the Swap panel in words: the slots drawn run to the row after the last used one, each says whose pages it holds, a shared one its count', () => {
    const s = boot(['swap.s', 'swap.s'], { ...DEFAULT_WEB_CONFIG, frames: 40, policy: 'fifo' });
    s.step(100_000);
    const v = swapOf(s.kernel);
    // The last used slot is 1172 (one below it is free again): slots 0..1183 are drawn, whole rows of 32; the other 2912 are counted.
    expect([v.usedSlots[v.usedSlots.length - 1]!.slot, slotsShown(v)]).toEqual([1172, 1184]);
    expect(holdersText(v)).toBe('pid 1: 602 pages, pid 2: 570');
    const evict = s.events.last.get('evict')!;
    const written = v.usedSlots.find((u) => u.slot === Number(evict.fields['slot']))!;
    expect(slotText(written.slot, written)).toBe(`swap slot ${written.slot}: pid ${evict.fields['pid']}'s page ${hex(Number(evict.fields['vpn']) << 12)}`);
    expect([slotLabel(written, true), slotLabel(written, false), slotLabel(undefined, true)]).toEqual([String(evict.fields['pid']), '', '']);
    expect(slotText(4095, undefined)).toBe('swap slot 4095: free');
    // A slot two processes name (a copy-on-write page swapped out while shared): its count, whatever the size.
    const shared = { slot: 7, refs: 2, pages: [{ pid: 1, vpn: 3 }, { pid: 2, vpn: 3 }] };
    expect([slotLabel(shared, false), slotText(7, shared)]).toEqual(['2', "swap slot 7: shared by 2: pid 1's page 0x00003000, pid 2's page 0x00003000"]);
    // An empty device draws one row; a full big one its first MAX_SLOTS_SHOWN.
    expect(slotsShown({ slots: 4096, used: 0, free: 4096, usedSlots: [], byPid: [] })).toBe(32);
    expect(slotsShown({ slots: 8, used: 0, free: 8, usedSlots: [], byPid: [] })).toBe(8);
    expect(slotsShown({ slots: 65536, used: 1, free: 65535, usedSlots: [{ slot: 60000, refs: 1, pages: [{ pid: 1, vpn: 2 }] }], byPid: [{ pid: 1, pages: 1 }] })).toBe(MAX_SLOTS_SHOWN);
  });

  test('ended processes keep their rows: how each ended, in words, and its paging to the end, as `illusion run --json` counts it; a new machine has none', () => {
    const s = boot(['attacks/proc-memory-hog.s', 'attacks/bystander.s'], { ...DEFAULT_WEB_CONFIG, frames: 64, swapPages: 64 });
    while (!s.step(1_000_000));
    expect(residencyOf(s.kernel)).toEqual([]);
    const cli = spawnSync(process.execPath, ['dist/cli/main.js', 'run', 'programs/attacks/proc-memory-hog.s', 'programs/attacks/bystander.s', '--frames', '64', '--swap-pages', '64', '--json'], { encoding: 'utf8' });
    const json = JSON.parse(cli.stdout) as { processes: { pid: number; stats: { page_faults: number; swap_ins: number; swap_outs: number; peak_resident_pages: number } }[] };
    const { rows, unlisted } = endedOf(s.kernel, 2);
    expect(unlisted).toBe(0);
    expect(rows.map((r) => [r.pid, r.pageFaults, r.swapOuts, r.swapIns, r.peakResident])).toEqual(json.processes.map((p) => [p.pid, p.stats.page_faults, p.stats.swap_outs, p.stats.swap_ins, p.stats.peak_resident_pages]));
    // The hog's kill says what it held when the kernel chose it (the kill report's numbers); the bystander exited.
    expect(rows.map((r) => r.end)).toEqual(['killed: out_of_memory (memory_and_swap_full), holding 62 frames and 64 swap slots', 'exit 0']);
    // A kill by another process names the killer; a fault its reason and region.
    const k = boot(['attacks/mem-text-write.s', 'attacks/bystander.s']);
    while (!k.step(1_000_000));
    expect(endedOf(k.kernel, 2).rows.map((r) => r.end)).toEqual(['killed: bad_access (protection, in text)', 'exit 0']);
    const c = boot(['attacks/proc-cow-privacy.s']);
    while (!c.step(1_000_000));
    expect(endedOf(c.kernel, 1).rows.map((r) => [r.pid, r.end])).toEqual([[1, 'exit 0'], [2, 'exit 0'], [3, 'exit 0'], [4, 'killed by pid 1 (kill_syscall)']]);
    // Reset boots a new machine: nothing ended there yet.
    expect(endedOf(boot(['attacks/mem-text-write.s', 'attacks/bystander.s']).kernel, 2)).toEqual({ rows: [], unlisted: 0 });
  });

  test('ended rows stay bounded: a fork bomb\'s many ended children are counted, the programs\' own always listed', () => {
    const s = boot(['attacks/proc-fork-bomb.s', 'attacks/bystander.s']);
    while (!s.step(1_000_000));
    const all = s.kernel.processes.filter((p) => !p.alive).length;
    const { rows, unlisted } = endedOf(s.kernel, 2);
    expect(rows.length).toBe(2 + ENDED_SHOWN);
    expect(unlisted).toBe(all - rows.length);
    expect(rows.slice(0, 2).map((r) => r.pid)).toEqual([1, 2]);
    // The others listed are the last to end.
    const newest = s.kernel.processes.filter((p) => !p.alive && p.pid > 2).sort((a, b) => b.endSeq - a.endSeq).slice(0, ENDED_SHOWN).map((p) => p.pid).sort((a, b) => a - b);
    expect(rows.slice(2).map((r) => r.pid)).toEqual(newest);
  });

  test('cow.s just after its fork: parent and child each hold the five shared frames, counted for both', () => {
    const s = boot(['cow.s']);
    s.stopAt = new Set(['fork']);
    expect(s.step(1_000_000)).toBe(true);
    const rows = residencyOf(s.kernel);
    expect(rows.map((r) => [r.pid, r.shared])).toEqual([[1, 5], [2, 5]]);
    for (const r of rows) expect(r.resident).toBe(s.process(r.pid)!.stats.residentPages);
    expect(framesOf(s.kernel).frames.filter((f) => f.shares > 1).length).toBe(5);
  });
});

describe('a big map\'s owners without colour: each square in words, a keyboard cursor over the squares', () => {
  test('cow.s at its fork in 512 frames (squares without pids): every frame names its number, use, owner and pages', () => {
    const s = boot(['cow.s'], { ...DEFAULT_WEB_CONFIG, frames: 512 });
    s.stopAt = new Set(['fork']);
    expect(s.step(1_000_000)).toBe(true);
    const frames = framesOf(s.kernel).frames;
    // Over 256 frames the squares are small and carry no pid (a shared page still its count): the words say whose.
    expect(frames.slice(0, 11).map((f) => frameLabel(f, false))).toEqual(['', '', '', '2', '2', '2', '2', '2', '', '', '']);
    expect(frames.slice(0, 11).map(frameText)).toEqual([
      'frame 0x000: kernel (maps the kernel half)',
      'frame 0x001: root page table of pid 1',
      'frame 0x002: page table of pid 1 (root index 0)',
      'frame 0x003: user, shared by 2: pid 1 page 0x00001000, pid 2 page 0x00001000',
      ...[3, 4, 5, 6].map((page, i) => `frame 0x00${4 + i}: user, shared by 2: pid 1 page 0x0000${page}000, pid 2 page 0x0000${page}000`),
      'frame 0x008: root page table of pid 2',
      'frame 0x009: page table of pid 2 (root index 0)',
      'frame 0x00a: free',
    ]);
    // The child's first store copies its page: a frame of its own, one owner; the parent's is its own again.
    s.stopAt = new Set(['page_fault']);
    expect(s.step(1_000_000)).toBe(true);
    const own = framesOf(s.kernel).frames.filter((f) => f.use === 'user' && f.shares === 1);
    expect(own.map(frameText)).toEqual(['frame 0x004: user, pid 1 page 0x00003000', 'frame 0x00a: user, pid 2 page 0x00003000']);
  });

  test('the arrows move by a square or a row, Home and End to the ends, never off the map; other keys do not move it', () => {
    const cases: [string, number, number][] = [
      ['ArrowRight', -1, 0], ['ArrowRight', 5, 6], ['ArrowRight', 99, 99], ['ArrowLeft', 5, 4], ['ArrowLeft', 0, 0],
      ['ArrowDown', 5, 37], ['ArrowDown', 90, 99], ['ArrowUp', 40, 8], ['ArrowUp', 3, 0], ['Home', 50, 0], ['End', 3, 99],
      ['PageDown', 0, 99], ['PageUp', 99, 0],
    ];
    for (const [key, at, to] of cases) expect([key, at, moveCursor(key, at, 100, 32)]).toEqual([key, at, to]);
    expect([moveCursor('a', 3, 100, 32), moveCursor('Enter', 3, 100, 32), moveCursor('ArrowRight', -1, 0, 32)]).toEqual([undefined, undefined, undefined]);
    expect(moveCursor('ArrowDown', 0, 10, 0)).toBe(1);
  });
});

describe('the Sweep panel: the same runs, numbers and chart as illusion sweep', () => {
  /** Runs a plan as the page does, a few thousand instructions at a time; returns how many pieces it took. */
  function runAll(plan: SweepPlan): number {
    let pieces = 0;
    while (!plan.sweep.advance(20_000)) pieces++;
    return pieces;
  }
  /** The plan's own command line, run: what the page tells the student gives the same numbers. */
  function cli(plan: SweepPlan, files: string[], extra: string[] = []): ReturnType<typeof spawnSync> {
    const args = plan.command.replace(/^illusion sweep /, '').split(' ').filter((a) => !/\.s$/.test(a));
    return spawnSync(process.execPath, ['dist/cli/main.js', 'sweep', ...files, ...args, ...extra], { encoding: 'utf8' });
  }

  test('tlb.s over TLB entries 4,8,16,32,64: every run\'s statistics, status and configuration are the CLI\'s, and so is the chart, byte for byte', () => {
    const values = parseValues('4, 8,16,32,64', 'tlbEntries');
    expect(values).toEqual([4, 8, 16, 32, 64]);
    const plan = planSweep([program('tlb.s')], DEFAULT_WEB_CONFIG, 'tlbEntries', values as number[], 20_000_000, readLibrary);
    if (typeof plan === 'string') throw new Error(plan);
    expect(plan.command).toBe('illusion sweep tlb.s --tlb-entries 4,8,16,32,64 --tlb-ways 4 --max-instructions 20000000');
    expect(plan.skipped).toEqual([]);
    // In pieces: 257 061 instructions a run, so each run took several.
    expect(runAll(plan)).toBeGreaterThan(5 * 12);
    const dir = mkdtempSync(join(tmpdir(), 'illusion-sweep-'));
    try {
      const pattern = 'pages (?<pages_touched>\\d+): (?<cycles_per_access>[\\d.]+)';
      const svg = join(dir, 'tlb.svg');
      const r = cli(plan, ['programs/tlb.s'], ['--json', '--svg', svg, '--plot-output', pattern]);
      expect(r.status).toBe(0);
      const rows = JSON.parse(String(r.stdout)) as { config: unknown; stats: unknown; status: string }[];
      const outcomes = plan.sweep.outcomes;
      expect(outcomes.map((o) => [o.point.tlbEntries, o.stats.cycles, o.status])).toEqual(rows.map((row) => [(row.config as { tlb_entries: number }).tlb_entries, (row.stats as { cycles: number }).cycles, row.status]));
      expect(outcomes.map((o) => o.stats)).toEqual(rows.map((row) => row.stats));
      expect(outcomes.map((o) => configJson({ ...DEFAULT_CONFIG, ...DEFAULT_WEB_CONFIG, maxInstructions: 20_000_000, ...o.point }))).toEqual(rows.map((row) => row.config));
      // The knee: the 64-entry TLB is cheaper than the 4-entry one, and every run passed.
      expect([outcomes[4]!.stats.cycles < outcomes[0]!.stats.cycles, new Set(outcomes.map((o) => o.status))]).toEqual([true, new Set(['exit 0'])]);
      const re = outputPattern(pattern);
      if (typeof re === 'string') throw new Error(re);
      expect(renderSvg(chartOf('tlb.s', outcomes, { metric: 'cycles', pattern: re }))).toBe(readFileSync(svg, 'utf8'));
      // A metric chart too (the hit rate), as --metric draws it.
      const hit = cli(plan, ['programs/tlb.s'], ['--svg', svg, '--metric', 'hit-rate']);
      expect(hit.status).toBe(0);
      expect(renderSvg(chartOf('tlb.s', outcomes, { metric: 'hit-rate' }))).toBe(readFileSync(svg, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a guest that never ends cannot hold the sweep: each run stops at the instruction limit, as --max-instructions stops the CLI\'s', () => {
    const forever = { name: 'forever.s', source: '_start: addi r1, r1, 1\n        j _start\n' };
    const plan = planSweep([forever], DEFAULT_WEB_CONFIG, 'frames', [16, 32], 50_000, readLibrary);
    if (typeof plan === 'string') throw new Error(plan);
    expect(plan.command).toBe('illusion sweep forever.s --tlb-ways 4 --frames 16,32 --max-instructions 50000');
    runAll(plan);
    expect(plan.sweep.outcomes.map((o) => [o.point.frames, o.stats.instructions, o.status])).toEqual([[16, 50_000, 'killed: instruction_limit'], [32, 50_000, 'killed: instruction_limit']]);
    const dir = mkdtempSync(join(tmpdir(), 'illusion-sweep-'));
    try {
      writeFileSync(join(dir, 'forever.s'), forever.source);
      const rows = JSON.parse(String(cli(plan, [join(dir, 'forever.s')], ['--json']).stdout)) as { stats: unknown; status: string }[];
      expect(plan.sweep.outcomes.map((o) => [o.stats, o.status])).toEqual(rows.map((row) => [row.stats, row.status]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the panel\'s chart is the CLI\'s --svg for the same runs: runs cut short at the limit are noted, TLB misses charts the misses, the default draws for any program', () => {
    const dir = mkdtempSync(join(tmpdir(), 'illusion-sweep-'));
    try {
      const forever = { name: 'forever.s', source: '_start: addi r1, r1, 1\n        j _start\n' };
      writeFileSync(join(dir, 'forever.s'), forever.source);
      const plan = planSweep([forever], DEFAULT_WEB_CONFIG, 'frames', [16, 32], 50_000, readLibrary);
      if (typeof plan === 'string') throw new Error(plan);
      runAll(plan);
      const svg = join(dir, 'chart.svg');
      expect(cli(plan, [join(dir, 'forever.s')], ['--svg', svg, '--metric', 'cycles']).status).toBe(0);
      const chart = sweepChart('forever.s', plan.sweep.outcomes, 'cycles', '', plan.limit);
      expect(chart).toEqual({ svg: readFileSync(svg, 'utf8'), warnings: [] });
      expect(readFileSync(svg, 'utf8')).toContain('2 of 2 runs stopped at the limit of 50,000 instructions: their figures are of a run cut short');
      // TLB misses: tlb.s over 4..64 entries, the misses of each run (fewer with more entries), as --metric tlb-misses draws them.
      const tlb = planSweep([program('tlb.s')], DEFAULT_WEB_CONFIG, 'tlbEntries', [4, 64], 20_000_000, readLibrary);
      if (typeof tlb === 'string') throw new Error(tlb);
      runAll(tlb);
      expect(cli(tlb, ['programs/tlb.s'], ['--svg', svg, '--metric', 'tlb-misses']).status).toBe(0);
      expect(sweepChart('tlb.s', tlb.sweep.outcomes, 'tlb-misses', '', tlb.limit)).toEqual({ svg: readFileSync(svg, 'utf8'), warnings: [] });
      const spec = chartOf('tlb.s', tlb.sweep.outcomes, { metric: 'tlb-misses' });
      expect(spec.series.flatMap((s) => s.points.map((p) => p.y))).toEqual(tlb.sweep.outcomes.map((o) => o.stats.tlb_misses));
      expect(tlb.sweep.outcomes[1]!.stats.tlb_misses).toBeLessThan(tlb.sweep.outcomes[0]!.stats.tlb_misses);
      // swap.s prints no "pages N: X": the default chart (cycles) draws; tlb.s's pattern says so and what to do.
      const swap = planSweep([program('swap.s')], DEFAULT_WEB_CONFIG, 'tlbEntries', [16, 64], 20_000_000, readLibrary);
      if (typeof swap === 'string') throw new Error(swap);
      runAll(swap);
      expect(DEFAULT_CHART).toBe('cycles');
      expect(typeof sweepChart('swap.s', swap.sweep.outcomes, DEFAULT_CHART, '', swap.limit)).toBe('object');
      expect(sweepChart('swap.s', swap.sweep.outcomes, 'output', 'pages (?<pages_touched>\\d+): (?<cycles_per_access>[\\d.]+)', swap.limit))
        .toBe("no chart: /pages (?<pages_touched>\\d+): (?<cycles_per_access>[\\d.]+)/ matched no numbers in pid 1's output of any run; choose a statistic in Chart (cycles, TLB hit rate, ...), or a pattern whose two groups, x then y, match what the program prints");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('what the panel refuses, in one line', () => {
    expect([parseValues('4,,8', 'tlbEntries'), parseValues('4,x', 'tlbEntries'), parseValues('8,8', 'frames'), parseValues('4', 'frames'), parseValues('0', 'tlbWays')]).toEqual([
      'TLB entries: expected a comma-separated list of numbers, e.g. 4,8,16,32,64', "TLB entries: 'x' is not a whole number in 1..65536",
      'frames: 8 is listed twice', "frames: '4' is not a whole number in 8..262144", "TLB ways: '0' is not a whole number in 1..65536",
    ]);
    expect(planSweep([program('tlb.s')], DEFAULT_WEB_CONFIG, 'tlbEntries', [2], 1000, readLibrary)).toBe('no combination is valid: the ways must divide the entries');
    expect(planSweep([{ name: 'bad.s', source: 'nop r1\n' }], DEFAULT_WEB_CONFIG, 'tlbEntries', [8], 1000, readLibrary)).toMatch(/^bad\.s does not assemble: 1:\d+: /);
    expect(planSweep([program('tlb.s')], DEFAULT_WEB_CONFIG, 'tlbEntries', [8], 0, readLibrary)).toBe('instruction limit: expected a whole number from 1');
    const some = planSweep([program('tlb.s')], { ...DEFAULT_WEB_CONFIG, tlbPolicy: 'plru' }, 'tlbWays', [2, 3, 4], 1000, readLibrary);
    expect(typeof some === 'string' ? some : some.skipped).toEqual(['entries=64 ways=3 tlb-policy=plru tlb-refill=hardware policy=clock frames=1024: the ways must divide the entries']);
  });
});

test('counts read at a glance: grouped by thousands as the Statistics panel groups them, the noun agreeing', () => {
  expect([count(1, 'instruction'), count(999, 'instruction'), count(86902, 'instruction'), count(169688342, 'cycle'), count(1000, 'entry')])
    .toEqual(['1 instruction', '999 instructions', '86,902 instructions', '169,688,342 cycles', '1,000 entries']);
});
