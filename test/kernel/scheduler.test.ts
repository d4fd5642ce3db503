// kernel/scheduler.ts: a FIFO ready queue, sleepers by wake-up tick.
import { expect, test } from 'vitest';
import { Process } from '../../kernel/process.js';
import { Scheduler } from '../../kernel/scheduler.js';

const procs = (n: number) => Array.from({ length: n }, (_, i) => new Process(i + 1, `p${i + 1}`, undefined));

test('round robin: first in, first out', () => {
  const s = new Scheduler();
  const [a, b, c] = procs(3);
  s.enqueue(a!); s.enqueue(b!); s.enqueue(c!);
  expect(s.readyPids()).toEqual([1, 2, 3]);
  expect(s.next()?.pid).toBe(1);
  s.enqueue(a!);
  expect(s.readyPids()).toEqual([2, 3, 1]);
  expect([a!.state, b!.state]).toEqual(['ready', 'ready']);
});

test('sleepers wake in deadline order, ties in the order they slept', () => {
  const s = new Scheduler();
  const [a, b, c, d] = procs(4);
  s.sleep(a!, 30n); s.sleep(b!, 10n); s.sleep(c!, 30n); s.sleep(d!, 20n);
  expect([a!.state, a!.wakeTick, s.nextWake()]).toEqual(['sleeping', 30n, 10n]);
  s.wake(9n);
  expect(s.readyPids()).toEqual([]);
  s.wake(20n);
  expect([s.readyPids(), s.nextWake()]).toEqual([[2, 4], 30n]);
  s.wake(100n);
  expect([s.readyPids(), s.nextWake()]).toEqual([[2, 4, 1, 3], undefined]);
});

test('remove forgets a process wherever it waits', () => {
  const s = new Scheduler();
  const [a, b, c] = procs(3);
  s.enqueue(a!); s.enqueue(b!); s.sleep(c!, 5n);
  s.remove(a!); s.remove(c!);
  expect([s.readyPids(), s.nextWake()]).toEqual([[2], undefined]);
  expect(s.next()?.pid).toBe(2);
  expect(s.next()).toBeUndefined();
});

test('a random mix of enqueue, next, sleep, wake and remove gives exactly what sorted lists give', () => {
  // The reference: the ready queue and the sleepers as plain lists, sorted on insertion.
  const s = new Scheduler();
  const ps = procs(40);
  let ready: number[] = [];
  let sleepers: { pid: number; tick: bigint }[] = [];
  let tick = 0;
  let seed = 12345;
  const rand = (n: number) => { seed = (seed * 1103515245 + 12345) >>> 0; return (seed >>> 8) % n; };
  const waiting = (pid: number) => ready.includes(pid) || sleepers.some((e) => e.pid === pid);
  for (let step = 0; step < 20_000; step++) {
    const p = ps[rand(ps.length)]!;
    switch (rand(5)) {
      case 0: if (!waiting(p.pid)) { s.enqueue(p); ready.push(p.pid); } break;
      case 1: expect(s.next()?.pid).toBe(ready.shift()); break;
      case 2: if (!waiting(p.pid)) {
        const at = BigInt(tick + rand(50));
        s.sleep(p, at);
        let i = sleepers.length;
        while (i > 0 && sleepers[i - 1]!.tick > at) i--;
        sleepers.splice(i, 0, { pid: p.pid, tick: at });
      } break;
      case 3: tick += rand(10); s.wake(BigInt(tick));
        while (sleepers.length > 0 && sleepers[0]!.tick <= BigInt(tick)) ready.push(sleepers.shift()!.pid);
        break;
      case 4: s.remove(p); ready = ready.filter((q) => q !== p.pid); sleepers = sleepers.filter((e) => e.pid !== p.pid); break;
    }
    expect([s.readyPids(), s.nextWake()]).toEqual([ready, sleepers[0]?.tick]);
  }
});

// Found by attack20: each sleep walked the sorted sleepers and each kill
// filtered both queues, so with 40,000 waiting processes these 120,000
// operations took tens of seconds (O(n) each); a heap and marked entries
// make each O(log n). The test counts the scheduler's work, not time: O(n)
// a sleep would be ~10^9 comparisons here, O(log n) is at most
// 2 log2(n) a heap operation; removals only mark, and rebuild the heap only
// when dead entries outnumber live ones (each time the heap halves).
test('40,000 sleepers: 40,000 short sleeps, wakes and runs, then 40,000 removals, each O(log n)', () => {
  const s = new Scheduler();
  const sleepers = procs(40_000);
  const [runner] = procs(1);
  sleepers.forEach((p) => s.sleep(p, 1_000_000_000n));
  for (let t = 1; t <= 40_000; t++) {
    s.sleep(runner!, BigInt(t));
    s.wake(BigInt(t));
    expect(s.next()).toBe(runner);
  }
  const heapOps = 40_000 + 2 * 40_000;
  expect(s.comparisons).toBeLessThan(heapOps * 2 * Math.ceil(Math.log2(40_002)));
  const before = s.comparisons;
  for (const p of sleepers) s.remove(p);
  expect([s.nextWake(), s.readyPids()]).toEqual([undefined, []]);
  expect(s.rebuilds).toBeLessThanOrEqual(Math.ceil(Math.log2(40_001)));
  // Rebuilding pushes the live entries again: at most 40,000 in all over the halvings, times log2 each.
  expect(s.comparisons - before).toBeLessThan(2 * 40_000 * Math.ceil(Math.log2(40_001)));
});
