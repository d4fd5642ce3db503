// Going back in the page (web/replay.ts): the machine reached by a replay,
// a Step back or a step on within the run is the machine a fresh session
// stepped to the same instruction count holds, panel for panel; a Step
// back from after a kill shows the process alive at the instruction that
// kills it; the stops are kept but do not stop a replay.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { framesOf, pageTableOf, processesOf, registersOf, swapOf, tlbOf, type IncludeReader } from '../../index.js';
import { Seek, StopSeek } from '../../web/replay.js';
import { SeekRunner } from '../../web/seekRunner.js';
import { DEFAULT_WEB_CONFIG, Session, type ProgramSource, type WebConfig } from '../../web/session.js';
import { decodeState, encodeState } from '../../web/share.js';

const readLibrary: IncludeReader = (name) => {
  for (const dir of ['programs', 'programs/attacks']) {
    try { return { ok: true, text: readFileSync(`${dir}/${name}`, 'utf8') }; } catch { /* the next folder */ }
  }
  return { ok: false, message: 'no such library file' };
};
const file = (path: string): ProgramSource => ({ name: path.split('/').pop()!, source: readFileSync(`programs/${path}`, 'utf8') });

function boot(programs: ProgramSource[], config: WebConfig = DEFAULT_WEB_CONFIG, stdin = ''): Session {
  const r = Session.boot(programs, config, stdin, readLibrary);
  if (!('session' in r)) throw new Error('did not assemble');
  return r.session;
}

/**
 * The hardware's events (TLB misses, walks, fills, invalidations) are stamped
 * with the fast CPU's cycle counter, which lags inside one run of it: their
 * stamps depend on where the run was cut into steps (everything else does not).
 */
const HARDWARE_EVENTS = new Set(['tlb_miss', 'walk', 'tlb_fill', 'tlb_invalidate']);

/** Everything the panels draw from a session, as data. */
function picture(s: Session) {
  const k = s.kernel;
  const alive = k.processes.filter((p) => p.alive);
  return {
    instructions: s.instructions, done: s.done, stats: s.stats(), processes: processesOf(k),
    registers: alive.map((p) => registersOf(k, p)), pageTables: alive.map((p) => pageTableOf(k, p)),
    tlb: tlbOf(k, s.activity), frames: framesOf(k), swap: swapOf(k),
    outputs: [...s.outputs], kills: [...s.kills], events: s.events.total, eventCounts: [...s.events.counts],
    latest: s.events.latest(100).map((e) => (HARDWARE_EVENTS.has(e.kind) ? { ...e, cycle: 'lags' } : e)), chart: s.history.points,
  };
}

/** A fresh session of the same run, stepped to `n` by the page's own Step (no stops set). */
function steppedTo(programs: ProgramSource[], config: WebConfig, n: number, stdin = ''): Session {
  const s = boot(programs, config, stdin);
  s.step(n);
  return s;
}

const land = (job: Seek | StopSeek): Session => {
  const s = SeekRunner.runNow(job);
  return s;
};

const WILD: ProgramSource = { name: 'wild.s', source: '_start: li r1, 3\n        li r2, 0\n        addi r1, r1, 1\n        lw r3, 0(r2)\n        li r1, 0\n        syscall\n' };

describe('going back by replay', () => {
  const runs: [string, ProgramSource[], WebConfig, string][] = [
    ['cow.s', [file('cow.s')], DEFAULT_WEB_CONFIG, ''],
    ['swap.s in 40 frames', [file('swap.s')], { ...DEFAULT_WEB_CONFIG, frames: 40 }, ''],
    ['an attack beside the bystander, quantum 7', [file('attacks/mem-null-write.s'), file('attacks/bystander.s')], { ...DEFAULT_WEB_CONFIG, quantum: 7 }, ''],
    ['echo.s with input', [file('echo.s')], DEFAULT_WEB_CONFIG, 'abc\n'],
    // Code rewritten in place: a replay boots from the images as assembled, which no run changes.
    ['blk-rewrite-lengths.s beside the bystander', [file('attacks/blk-rewrite-lengths.s'), file('attacks/bystander.s')], DEFAULT_WEB_CONFIG, ''],
    ['blk-swapped-code.s beside the bystander in 24 frames', [file('attacks/blk-swapped-code.s'), file('attacks/bystander.s')], { ...DEFAULT_WEB_CONFIG, frames: 24 }, ''],
  ];
  for (const [label, programs, config, stdin] of runs) {
    test(`${label}: back to any instruction, from the end or partway, is a fresh session stepped there`, () => {
      const s = boot(programs, config, stdin);
      // Run to the end in uneven pieces, as Run and Step N would.
      for (let i = 1; !s.step(997 * i); i++);
      const end = s.instructions;
      expect(end).toBeGreaterThan(20);
      for (const at of [0, 1, Math.floor(end / 3), end - 1]) {
        const back = land(Seek.to(s, at));
        expect(back).not.toBe(s);
        expect(picture(back), `at ${at}`).toEqual(picture(steppedTo(programs, config, at, stdin)));
        // And from there forward again, stepping on: the same as a fresh session there too.
        const ahead = Math.min(end, at + 1 + Math.floor(end / 5));
        const on = land(Seek.to(back, ahead));
        expect(on).toBe(back);
        expect(picture(on), `on to ${ahead}`).toEqual(picture(steppedTo(programs, config, ahead, stdin)));
      }
      // Then run to the end from a replayed point: the end of the run that never went back.
      const again = land(Seek.to(s, Math.floor(end / 2)));
      while (!again.step(5000));
      expect(picture(again)).toEqual(picture(s));
    });
  }

  test('Step back from a point stepped to goes back one instruction, or N', () => {
    const programs = [file('cow.s')];
    const s = boot(programs);
    s.step(500);
    expect(s.settled).toBe(true);
    expect(picture(land(Seek.back(s, 1)))).toEqual(picture(steppedTo(programs, DEFAULT_WEB_CONFIG, 499)));
    expect(picture(land(Seek.back(s, 100)))).toEqual(picture(steppedTo(programs, DEFAULT_WEB_CONFIG, 400)));
    expect(land(Seek.back(s, 10_000)).instructions).toBe(0);
  });

  test('Step back from after a kill shows the process alive, at the instruction that kills it; once more goes back an instruction', () => {
    const s = boot([WILD]);
    while (!s.step(100));
    expect(s.kills).toHaveLength(1);
    const killedAt = s.instructions;
    expect(killedAt).toBe(3);
    expect(s.settled).toBe(false);
    const back = land(Seek.back(s, 1));
    expect(back.instructions).toBe(killedAt);
    expect(back.done).toBe(false);
    expect(back.kills).toEqual([]);
    const p = back.process(1)!;
    expect(p.alive).toBe(true);
    expect(back.pcLineOf(1)).toBe(4);
    expect(registersOf(back.kernel, p)!.registers[1]!.value).toBe(4);
    // From that (settled) state, one more goes to the instruction before.
    const before = land(Seek.back(back, 1));
    expect(before.instructions).toBe(killedAt - 1);
    expect(before.pcLineOf(1)).toBe(3);
    // Step N back from after the kill: the first of the N is the step to before the kill.
    expect(land(Seek.back(s, 2)).instructions).toBe(killedAt - 1);
    // Forward from the live process: the kill happens as it did.
    back.step(1);
    expect(back.kills).toEqual(s.kills);
    expect(picture(back)).toEqual(picture(s));
  });

  test('Step back from a stop at a page fault lands before the fault: the page not yet there', () => {
    const programs = [file('cow.s')];
    const s = boot(programs);
    s.stopAt = new Set(['page_fault']);
    s.step(100_000);
    s.step(100_000);
    expect(s.eventStop?.kind).toBe('page_fault');
    const at = s.instructions;
    const faults = s.stats().page_faults;
    const back = land(Seek.back(s, 1));
    expect(back.instructions).toBe(at);
    expect(back.stats().page_faults).toBe(faults - 1);
    expect(picture(back)).toEqual(picture(steppedTo(programs, DEFAULT_WEB_CONFIG, at)));
  });

  test('Step back from a breakpoint stop goes back an instruction (the stop is the first state at its count)', () => {
    const programs = [file('cow.s')];
    const s = boot(programs);
    const line = programs[0]!.source.split('\n').findIndex((l) => /^\s+syscall/.test(l)) + 1;
    expect(s.setBreakpoints([[line]])).toEqual([]);
    expect(s.step(100_000)).toBe(true);
    expect(s.breakStop?.line).toBe(line);
    expect(s.settled).toBe(false);
    const at = s.instructions;
    const back = land(Seek.back(s, 1));
    expect(back.instructions).toBe(at - 1);
    expect(picture(back)).toEqual(picture(steppedTo(programs, DEFAULT_WEB_CONFIG, at - 1)));
  });

  test('Back to stop lands on the last stop a Run from the start makes before here, as it was made; with none, the start', () => {
    const programs: ProgramSource[] = [{ name: 'loop.s', source: '_start: li r5, 0\nloop:   addi r5, r5, 1\n        li r6, 5\n        blt r5, r6, loop\n        li r1, 0\n        li r2, 0\n        syscall\n' }];
    const s = boot(programs);
    const line = 2;
    expect(s.setBreakpoints([[line]])).toEqual([]);
    // Three stops forward, remembering each as the page showed it, then on a little past the third.
    const stops: ReturnType<typeof picture>[] = [];
    for (let i = 0; i < 3; i++) {
      expect(s.step(100_000)).toBe(true);
      expect(s.breakStop?.line).toBe(line);
      stops.push(picture(s));
    }
    s.step(2);
    expect(s.breakStop).toBeUndefined();
    let here = land(new StopSeek(s));
    expect(here.breakStop?.line).toBe(line);
    expect(picture(here)).toEqual(stops[2]);
    // From a stop, the one before it; from the first, the start (found 0).
    here.landFrom(s);
    const job = new StopSeek(here);
    here = land(job);
    expect([job.found, picture(here)]).toEqual([2, stops[1]]);
    here.landFrom(s);
    here = land(new StopSeek(here));
    expect(picture(here)).toEqual(stops[0]);
    here.landFrom(s);
    const none = new StopSeek(here);
    here = land(none);
    expect([none.found, here.instructions, here.stopped]).toEqual([0, 0, false]);
  });

  test('Back to stop from a kill about to happen (Stop at a kill): the breakpoint stop at the same instruction count comes first', () => {
    const programs = [WILD];
    const s = boot(programs);
    s.stopAtKill = true;
    expect(s.setBreakpoints([[4]])).toEqual([]); // the lw that kills
    expect(s.step(100)).toBe(true);
    expect(s.breakStop?.line).toBe(4);
    const atBreak = picture(s);
    expect(s.step(100)).toBe(true);
    expect(s.killStop?.line).toBe(4);
    expect(s.instructions).toBe(atBreak.instructions);
    const job = new StopSeek(s);
    const back = land(job);
    expect([job.found, back.breakStop?.line, back.killStop]).toEqual([1, 4, undefined]);
    expect(picture(back)).toEqual(atBreak);
  });

  test('a replay ignores breakpoints, watches, Stop at a kill and the Stop at boxes, and keeps them where it lands, the watches read afresh there', () => {
    const programs = [file('debug/forkwatch.s')];
    const storeLine = programs[0]!.source.split('\n').findIndex((l) => l.includes("the parent's store")) + 1;
    const arm = (x: Session) => {
      x.stopAtKill = true;
      x.stopAt = new Set(['page_fault', 'fork']);
    };
    const s = boot(programs);
    s.setBreakpoints([[storeLine]]);
    expect(s.setWatches(['counter'])).toEqual([]);
    arm(s);
    const stops: string[] = [];
    const stopOf = (x: Session) => JSON.stringify([x.instructions, x.breakStop, x.watchStop, x.killStop?.text, x.eventStop?.text]);
    while (s.step(100_000) && !s.done) stops.push(stopOf(s));
    expect(stops.length).toBeGreaterThan(3);
    const end = s.instructions;
    for (const at of [0, Math.floor(end / 3), Math.floor(end / 2), end - 2]) {
      const back = land(Seek.to(s, at));
      expect(picture(back), `at ${at}`).toEqual(picture(steppedTo(programs, DEFAULT_WEB_CONFIG, at)));
      back.landFrom(s);
      arm(back);
      // A session stepped there by hand, then armed the same: its watch starts from the values there.
      const clean = steppedTo(programs, DEFAULT_WEB_CONFIG, at);
      clean.setBreakpoints([[storeLine]]);
      clean.setWatches(['counter']);
      arm(clean);
      const seen: string[] = [];
      while (back.step(100_000) && !back.done) {
        clean.step(100_000);
        expect(stopOf(clean)).toBe(stopOf(back));
        seen.push(stopOf(back));
      }
      clean.step(100_000);
      expect(clean.done).toBe(true);
      // From the start, the same stops as the run that never went back.
      if (at === 0) expect(seen).toEqual(stops);
      expect(back.instructions).toBe(end);
    }
  });

  test('landed on a breakpoint\'s instruction, Run goes past it (as after a stop there) and stops at it next time round', () => {
    const loop: ProgramSource = { name: 'loop.s', source: '_start: li r1, 0\nagain:  addi r1, r1, 1\n        j again\n' };
    const s = boot([loop]);
    s.setBreakpoints([[2]]);
    expect(s.step(1000)).toBe(true);
    expect(s.breakStop?.line).toBe(2);
    s.step(1000);
    expect(s.breakStop?.line).toBe(2);
    const at = s.instructions;
    const back = land(Seek.to(s, at - 2));
    back.landFrom(s);
    expect(back.pcLineOf(1)).toBe(2);
    expect(back.step(1000)).toBe(true);
    expect(back.breakStop?.line).toBe(2);
    expect(back.instructions).toBe(at);
  });

  test('a forward seek steps the shown session on; a drag to the right keeps a replay under way, to the left starts again', () => {
    const programs = [file('swap.s')];
    const config = { ...DEFAULT_WEB_CONFIG, frames: 40 };
    const s = boot(programs, config);
    s.step(200_000);
    const job = Seek.to(s, 50_000);
    expect(job.replay).toBe(true);
    job.advance(20_000);
    expect(job.retarget(60_000)).toBe(true);
    expect(job.retarget(10_000)).toBe(false);
    expect(job.progress.total).toBe(60_000);
    expect(land(job).instructions).toBe(60_000);
    const on = Seek.to(job.session, 70_000);
    expect(on.replay).toBe(false);
    expect(land(on)).toBe(job.session);
    expect(picture(job.session)).toEqual(picture(steppedTo(programs, config, 70_000)));
  });

  test('a seek past the end of the run lands at the end', () => {
    const s = boot([file('hello.s')]);
    s.step(3);
    const end = land(Seek.to(s, 1_000_000));
    expect(end.done).toBe(true);
    expect(end.instructions).toBe(10);
  });

  test('a share link carries the instruction paused at; a bad one is dropped', async () => {
    const state = { programs: [file('hello.s')], config: DEFAULT_WEB_CONFIG, at: 7 };
    expect((await decodeState(await encodeState(state)))?.at).toBe(7);
    for (const at of [-1, 0, 1.5, 'x', 2 ** 60]) {
      expect((await decodeState(await encodeState({ ...state, at: at as number })))?.at).toBeUndefined();
    }
  });
});
