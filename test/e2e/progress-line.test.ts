// cli/progress.ts: the progress line counts the live processes only when it
// draws (found by attack20: the CLI counted them, sorting every process
// kept, after every slice, whether or not a line was shown).
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { ProgressLine } from '../../cli/progress.js';

beforeEach(() => { vi.useFakeTimers(); vi.setSystemTime(1_000_000); });
afterEach(() => { vi.useRealTimers(); });

test('disabled (not a terminal): never asks for the count', () => {
  const line = new ProgressLine(false);
  let asked = 0;
  for (let t = 0; t < 50; t++) { vi.setSystemTime(1_000_000 + t * 100); line.update(t, () => ++asked); }
  expect(asked).toBe(0);
});

test('enabled: asks only when it draws, after 2 s and then at most every 200 ms', () => {
  const line = new ProgressLine(true);
  let asked = 0;
  // It writes the line to descriptor 2 itself: a few lines in the test's output.
  for (let t = 0; t <= 30; t++) { vi.setSystemTime(1_000_000 + t * 100); line.update(t, () => ++asked); }
  line.clear();
  // Drawn at 2.0, 2.2, 2.4, 2.6, 2.8 and 3.0 s.
  expect(asked).toBe(6);
});
