// cli/progress.ts: the progress line counts the live processes only when it
// draws (found by attack20: the CLI counted them, sorting every process
// kept, after every slice, whether or not a line was shown).
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { ProgressLine } from '../../cli/progress.js';

// What the line writes to descriptor 2, kept here instead of in the test's output.
const written = vi.hoisted(() => [] as string[]);
vi.mock('../../cli/hostWrite.js', () => ({ writeAll: (fd: number, text: string) => { written.push(`${fd}:${text}`); } }));

beforeEach(() => { vi.useFakeTimers(); vi.setSystemTime(1_000_000); written.length = 0; });
afterEach(() => { vi.useRealTimers(); });

test('disabled (not a terminal): never asks for the count', () => {
  const line = new ProgressLine(false);
  let asked = 0;
  for (let t = 0; t < 50; t++) { vi.setSystemTime(1_000_000 + t * 100); line.update(t, () => ++asked); }
  expect(asked).toBe(0);
  expect(written).toEqual([]);
});

test('enabled: asks only when it draws, after 2 s and then at most every 200 ms', () => {
  const line = new ProgressLine(true);
  let asked = 0;
  for (let t = 0; t <= 30; t++) { vi.setSystemTime(1_000_000 + t * 100); line.update(t, () => ++asked); }
  line.clear();
  // Drawn at 2.0, 2.2, 2.4, 2.6, 2.8 and 3.0 s, each over the last, then erased.
  expect(asked).toBe(6);
  expect(written).toEqual([
    ...[20, 22, 24, 26, 28, 30].map((n, i) => `2:\r\x1b[Killusion: ${n} instructions, ${i + 1} process${i === 0 ? '' : 'es'} alive (Ctrl-C stops)`),
    '2:\r\x1b[K',
  ]);
});
