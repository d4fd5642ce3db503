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
  s.sleep(a!, 30); s.sleep(b!, 10); s.sleep(c!, 30); s.sleep(d!, 20);
  expect([a!.state, a!.wakeTick, s.nextWake()]).toEqual(['sleeping', 30, 10]);
  s.wake(9);
  expect(s.readyPids()).toEqual([]);
  s.wake(20);
  expect([s.readyPids(), s.nextWake()]).toEqual([[2, 4], 30]);
  s.wake(100);
  expect([s.readyPids(), s.nextWake()]).toEqual([[2, 4, 1, 3], undefined]);
});

test('remove forgets a process wherever it waits', () => {
  const s = new Scheduler();
  const [a, b, c] = procs(3);
  s.enqueue(a!); s.enqueue(b!); s.sleep(c!, 5);
  s.remove(a!); s.remove(c!);
  expect([s.readyPids(), s.nextWake()]).toEqual([[2], undefined]);
  expect(s.next()?.pid).toBe(2);
  expect(s.next()).toBeUndefined();
});
