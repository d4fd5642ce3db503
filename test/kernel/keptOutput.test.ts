// What the kernel keeps of a stream (kernel/keptOutput.ts): a prefix up to the
// per-stream cap and the run-wide budget, the total written, and the budget
// given back when a result is dropped.
import { describe, expect, it } from 'vitest';
import { KeptOutput, OutputBudget } from '../../kernel/keptOutput.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (o: KeptOutput) => new TextDecoder().decode(o.bytes());

describe('KeptOutput', () => {
  it('keeps everything under the cap, byte-at-a-time writes included', () => {
    const out = new KeptOutput();
    const budget = new OutputBudget(1000);
    for (const c of 'hello, world') out.append(bytes(c), 100, budget);
    expect([text(out), out.kept, out.written, out.truncated, budget.remaining]).toEqual(['hello, world', 12, 12, false, 988]);
  });

  it('keeps the first `cap` bytes and counts the rest', () => {
    const out = new KeptOutput();
    const budget = new OutputBudget(1000);
    out.append(bytes('abcdef'), 4, budget);
    out.append(bytes('gh'), 4, budget);
    expect([text(out), out.written, out.truncated, budget.remaining]).toEqual(['abcd', 8, true, 996]);
  });

  it('shares the run-wide budget: the second stream gets what the first left', () => {
    const budget = new OutputBudget(5);
    const a = new KeptOutput();
    const b = new KeptOutput();
    a.append(bytes('xxx'), 10, budget);
    b.append(bytes('yyyy'), 10, budget);
    expect([text(a), text(b), b.written, b.truncated, budget.remaining]).toEqual(['xxx', 'yy', 4, true, 0]);
    a.release(budget);
    expect([text(a), budget.remaining]).toEqual(['', 3]);
    b.append(bytes('zzzz'), 10, budget);
    expect([text(b), b.written]).toEqual(['yyzzz', 8]);
  });

  it('keeps nothing with a cap of 0', () => {
    const out = new KeptOutput();
    out.append(bytes('abc'), 0, new OutputBudget(100));
    expect([text(out), out.written, out.truncated]).toEqual(['', 3, true]);
  });
});
