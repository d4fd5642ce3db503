// The page's watchpoints (web/watch.ts) stop where the CLI debugger's
// `watch` stops on the same program: the same pid, pc, instruction count,
// old and new value, and the system call that wrote the word.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DEFAULT_WEB_CONFIG, Session } from '../../web/session.js';
import { decodeState, encodeState } from '../../web/share.js';
import { parseWatch, watchStopText } from '../../web/watch.js';
import { transcript } from '../tools/debugSession.js';

interface Seen { pid: number; old: number; now: number; pc?: number; call?: string; instructions: number }

function boot(files: string[], stdin = ''): Session {
  const r = Session.boot(files.map((f) => ({ name: f.split('/').pop()!, source: readFileSync(f, 'utf8') })), DEFAULT_WEB_CONFIG, stdin);
  if (!('session' in r)) throw new Error('did not assemble');
  return r.session;
}

/** The page's stops, up to `most`, each with the machine's instruction count there. */
function pageStops(s: Session, watches: string[], most = 20, stepSize = 100_000): Seen[] {
  expect(s.setWatches(watches)).toEqual([]);
  const seen: Seen[] = [];
  while (seen.length < most) {
    const ended = s.step(stepSize);
    const w = s.watchStop;
    if (w !== undefined && 'access' in w) throw new Error(`a page stop where a change was watched: ${watchStopText(w)}`);
    if (w !== undefined) {
      seen.push({ pid: w.pid, old: w.old, now: w.now, ...(w.pc !== undefined ? { pc: w.pc } : {}), ...(w.call !== undefined ? { call: w.call } : {}), instructions: s.instructions });
    } else if (ended) break;
  }
  return seen;
}

const STOP = /^watchpoint \d+: \S+(?: \(\S+\))? in pid (\d+) changed (0x[0-9a-f]+) -> (0x[0-9a-f]+)(?: by its (\w+) system call)?(?:, pc (0x[0-9a-f]+))?$/;

/** The CLI debugger's watch stops in a transcript, each with the instruction count `regs` printed after it. */
function cliStops(lines: string[]): Seen[] {
  const seen: Seen[] = [];
  lines.forEach((line, i) => {
    const m = STOP.exec(line);
    if (m === null) return;
    const regs = lines.slice(i).find((l) => / pc 0x[0-9a-f]+ {2}instructions \d+/.test(l))!;
    seen.push({
      pid: Number(m[1]), old: Number(m[2]), now: Number(m[3]), ...(m[5] !== undefined ? { pc: Number(m[5]) } : {}),
      ...(m[4] !== undefined ? { call: m[4] } : {}), instructions: Number(/instructions (\d+)/.exec(regs)![1]),
    });
  });
  return seen;
}

interface Touch { pid: number; access: string; address: number; pc: number; instructions: number }

/** The page's page-watch stops, each with the instruction count there. */
function pageTouches(s: Session, watches: string[], most = 20): Touch[] {
  expect(s.setWatches(watches)).toEqual([]);
  const seen: Touch[] = [];
  while (seen.length < most) {
    const ended = s.step(100_000);
    const w = s.watchStop;
    if (w !== undefined && 'access' in w) seen.push({ pid: w.pid, access: w.access, address: w.address, pc: w.pc, instructions: s.instructions });
    else if (ended) break;
  }
  return seen;
}

/** The CLI debugger's `watch page` stops in a transcript, each with the instruction count `regs` printed after it. */
function cliTouches(lines: string[]): Touch[] {
  const seen: Touch[] = [];
  lines.forEach((line, i) => {
    const m = /^watchpoint \d+: (fetch|load|store) at (0x[0-9a-f]+) in pid (\d+), pc (0x[0-9a-f]+)$/.exec(line);
    if (m === null) return;
    const regs = lines.slice(i).find((l) => / pc 0x[0-9a-f]+ {2}instructions \d+/.test(l))!;
    seen.push({ pid: Number(m[3]), access: m[1]!, address: Number(m[2]), pc: Number(m[4]), instructions: Number(/instructions (\d+)/.exec(regs)![1]) });
  });
  return seen;
}

describe('Watch page, as the CLI debugger\'s watch page', () => {
  test('every load and store of pid 1 to the page of counter, and a load that overwrites its own base register', () => {
    const page = pageTouches(boot(['programs/debug/forkwatch.s']), ['page counter 1']);
    const cli = cliTouches(transcript(['programs/debug/forkwatch.s'], ['watch page counter', 'c', 'regs', 'c', 'regs', 'c', 'regs', 'c']));
    expect(page).toEqual(cli);
    expect(page.map((t) => t.access)).toEqual(['load', 'store', 'load']);
    const chase = pageTouches(boot(['test/tools/programs/chase.s']), ['page cell']);
    expect(chase).toEqual(cliTouches(transcript(['test/tools/programs/chase.s'], ['watch page cell', 'c', 'regs', 'c'])));
    expect(chase).toEqual([{ pid: 1, access: 'load', address: 0x2000, pc: 0x1008, instructions: 3 }]);
  });

  test('a fetch from a watched code page, the stop in one line, and page entries refused with why', () => {
    const s = boot(['test/tools/programs/chase.s']);
    expect(s.setWatches(['page _start'])).toEqual([]);
    s.step(100);
    expect(watchStopText(s.watchStop!)).toBe('watch page 0x00001000 (_start) in pid 1: fetch at 0x00001000, pc 0x00001000 (chase.s:3)');
    const t = boot(['test/tools/programs/chase.s']);
    expect(t.setWatches(['page 0x2003'])).toEqual([]);
    while (!t.step(100) && t.watchStop === undefined);
    expect(watchStopText(t.watchStop!)).toBe('watch page 0x00002000 in pid 1: load at 0x00002000, pc 0x00001008 (chase.s:4)');
    expect(t.setWatches(['page', 'page r4', 'page 0x80000000', 'page nosuch', 'page cell x'])).toEqual([
      'page: give the address or label of a word in the page (page buf, page 0x3000 2)',
      "page r4: a register's value differs per process: watch the page of a label or an address",
      'page 0x80000000: 0x80000000 is in the kernel half: no user access reaches it',
      "page nosuch: 'nosuch' is neither a number, a register nor a label of any program",
      "page cell x: 'x' is not a pid (a whole number from 1: r5 2 watches r5 in pid 2 only)",
    ]);
    expect(parseWatch('page cell 2')).toEqual({ kind: 'page', spec: 'page cell', expr: 'cell', pid: 2 });
    // A mistyped label gets the nearest one, as in the debugger.
    expect(t.setWatches(['cel', 'page cel'])).toEqual([
      "cel: 'cel' is neither a number, a register nor a label of any program; did you mean 'cell'?",
      "page cel: 'cel' is neither a number, a register nor a label of any program; did you mean 'cell'?",
    ]);
  });
});

describe('Watch, as the CLI debugger watches', () => {
  test('a register a system call wrote: both name the call (fork\'s result in r1)', () => {
    const page = pageStops(boot(['test/tools/programs/forkr1.s']), ['r1 1']);
    expect(page).toEqual(cliStops(transcript(['test/tools/programs/forkr1.s'], ['watch r1', 'c', 'regs', 'c', 'regs', 'c', 'regs', 'c'])));
    expect(page.map((p) => p.call)).toEqual([undefined, 'fork', undefined]);
  });

  test('a register: the callee that clobbers r6 (the same three stops as watch r6)', () => {
    const page = pageStops(boot(['test/tools/programs/clobber.s']), ['r6'], 3);
    const cli = cliStops(transcript(['test/tools/programs/clobber.s'], ['watch r6', 'c', 'regs', 'c', 'regs', 'c', 'regs']));
    expect(page).toEqual(cli);
    expect(page.map((p) => [p.pid, p.old, p.now, p.pc])).toEqual([[1, 0, 3, 0x1000], [1, 3, 5, 0x101c], [1, 5, 4, 0x1008]]);
  });

  test("after a fork each process's own copy: the parent's store of 5, then the child's of 7", () => {
    const page = pageStops(boot(['programs/debug/forkwatch.s']), ['counter']);
    // The CLI watches one process each: pid 1 from the start, the child once it exists (at `forked`).
    const cli = cliStops(transcript(['programs/debug/forkwatch.s'], ['watch counter', 'break forked', 'c', 'watch counter 2', 'delete 2', 'c', 'regs', 'c', 'regs', 'c']));
    expect(page).toEqual(cli);
    expect(page.map((p) => [p.pid, p.old, p.now])).toEqual([[1, 0, 5], [2, 0, 7]]);
  });

  test('a word the read system call wrote past its buffer, and the status a wait stored', () => {
    const stdin = readFileSync('test/tools/programs/readover.in', 'utf8');
    const read = pageStops(boot(['test/tools/programs/readover.s'], stdin), ['flag']);
    const cliRead = cliStops(transcript(['test/tools/programs/readover.s'], ['watch flag', 'c', 'regs', 'c'], ['--input', 'test/tools/programs/readover.in']));
    expect(read).toEqual(cliRead);
    expect(read).toEqual([{ pid: 1, old: 7, now: 0xa6f, pc: 0x1014, call: 'read', instructions: read[0]!.instructions }]);
    const wait = pageStops(boot(['test/tools/programs/waitnap.s']), ['status']);
    expect(wait).toEqual(cliStops(transcript(['test/tools/programs/waitnap.s'], ['watch status', 'c', 'regs', 'c'])));
    expect(wait.map((w) => [w.pid, w.old, w.now, w.call, w.pc])).toEqual([[1, 0, 3, 'wait', undefined]]);
  });

  test('an entry that names a pid watches that process only, as the CLI\'s `watch counter 2`: the same program twice, and a fork child to come', () => {
    const two = ['programs/debug/forkwatch.s', 'programs/debug/forkwatch.s'];
    // pid 2 is the second program: its own store of 5 only, not pid 1's, nor the children's (pids 3 and 4).
    const page = pageStops(boot(two), ['counter 2']);
    expect(page).toEqual(cliStops(transcript(two, ['watch counter 2', 'c', 'regs', 'c', 'regs', 'c'])));
    expect(page.map((p) => [p.pid, p.old, p.now])).toEqual([[2, 0, 5]]);
    // A register of one process: r5 of pid 2 alone, where `r5` alone stops in all four (the two programs and their children).
    const r5 = pageStops(boot(two), ['r5 2']);
    expect(r5).toEqual(cliStops(transcript(two, ['watch r5 2', 'c', 'regs', 'c'])));
    expect(r5.map((p) => [p.pid, p.old, p.now])).toEqual([[2, 0, 5]]);
    expect(pageStops(boot(two), ['r5']).map((p) => p.pid).sort()).toEqual([1, 2, 3, 4]);
    // One program: pid 2 is the fork child, not alive at the boot; it is watched from its first value once it exists, as the CLI's watch set at `forked`.
    const child = pageStops(boot(['programs/debug/forkwatch.s']), ['counter 2']);
    expect(child).toEqual(cliStops(transcript(['programs/debug/forkwatch.s'], ['break forked', 'c', 'watch counter 2', 'delete 1', 'c', 'regs', 'c'])));
    expect(child.map((p) => [p.pid, p.old, p.now])).toEqual([[2, 0, 7]]);
    expect(watchStopText({ spec: 'counter', pid: 2, old: 0, now: 7, address: 0x2000 })).toBe('watch 0x00002000 (counter) in pid 2 changed 0x00000000 -> 0x00000007');
  });

  test('the stops do not depend on the step size, and a run with watches ends as one without', () => {
    const whole = pageStops(boot(['programs/debug/forkwatch.s']), ['counter', '0x2000']);
    expect(pageStops(boot(['programs/debug/forkwatch.s']), ['counter', '0x2000'], 20, 1)).toEqual(whole);
    const plain = boot(['programs/debug/forkwatch.s']);
    while (!plain.step(100_000));
    const watched = boot(['programs/debug/forkwatch.s']);
    watched.setWatches(['counter']);
    while (!watched.step(100_000) || !watched.done);
    expect(watched.stats()).toEqual(plain.stats());
  });

  test('the stop in one line: pid, old and new value, pc and source line', () => {
    const s = boot(['programs/debug/forkwatch.s']);
    s.setWatches(['counter']);
    while (!s.step(1000));
    expect(watchStopText(s.watchStop!)).toBe('watch 0x00002000 (counter) in pid 1 changed 0x00000000 -> 0x00000005, pc 0x00001024 (forkwatch.s:21)');
  });

  test('a bad entry is refused in one line saying why', () => {
    const s = boot(['programs/debug/forkwatch.s']);
    expect(s.setWatches(['pc', 'r0', 'counter+2', 'nosuch', '0x80000000', 'sp+4', 'count er', ''])).toEqual([
      'pc: pc changes with every instruction: use Step, or Break at an address',
      'r0: r0 is always zero: it never changes',
      'counter+2: 0x00002002 is not word-aligned (a watch covers one word)',
      "nosuch: 'nosuch' is neither a number, a register nor a label of any program",
      '0x80000000: 0x80000000 is in the kernel half: no user access reaches it',
      "sp+4: 'sp+4': a register's value differs per process: watch a label or an address",
      "count er: 'er' is not a pid (a whole number from 1: r5 2 watches r5 in pid 2 only)",
      ': give a label, label+4, an address or a register',
    ]);
    // A pid after the entry, as the CLI's `watch counter 2`: a whole number from 1, one only.
    expect(s.setWatches(['counter 0', 'counter 2 3', 'r6 x'])).toEqual([
      "counter 0: '0' is not a pid (a whole number from 1: r5 2 watches r5 in pid 2 only)",
      "counter 2 3: 'counter 2 3': an entry is one word or register, then optionally a pid (r5 2)",
      "r6 x: 'x' is not a pid (a whole number from 1: r5 2 watches r5 in pid 2 only)",
    ]);
    expect(parseWatch(' r5   2 ')).toEqual({ kind: 'register', spec: 'r5', index: 5, name: 'r5', pid: 2 });
    expect(parseWatch('*counter 1')).toEqual({ kind: 'word', spec: '*counter', expr: 'counter', pid: 1 });
    // A live process's own program must hold the word; an ended pid is kept (Reset, or a Run after the end, starts it again).
    const other = boot(['programs/debug/forkwatch.s', 'test/tools/programs/clobber.s']);
    expect(other.setWatches(['counter 2', 'counter 1', 'counter 3'])).toEqual(["counter 2: 'counter' is neither a number, a register nor a label of pid 2's clobber.s"]);
    while (!s.step(100_000) || !s.done);
    expect(s.setWatches(['counter 1'])).toEqual([]);
    expect(parseWatch('$sp')).toEqual({ kind: 'register', spec: '$sp', index: 14, name: 'sp' });
    expect(parseWatch('*counter')).toEqual({ kind: 'word', spec: '*counter', expr: 'counter' });
  });

  test('a share link carries the watches, trimmed, without blanks or repeats', async () => {
    const programs = [{ name: 'forkwatch.s', source: readFileSync('programs/debug/forkwatch.s', 'utf8') }];
    const back = await decodeState(await encodeState({ programs, config: DEFAULT_WEB_CONFIG, watch: ['counter', ' r6 ', '', 'counter', 3 as unknown as string, 'r5 2'] }));
    expect(back?.watch).toEqual(['counter', 'r6', 'r5 2']);
    expect((await decodeState(await encodeState({ programs, config: DEFAULT_WEB_CONFIG })))?.watch).toBeUndefined();
  });
});
