// The out-of-memory victim rule (kernel/oomVictim.ts) on made-up processes:
// lineages are scored whole, the largest member of the largest lineage dies.
import { describe, expect, it } from 'vitest';
import type { AddressSpace } from '../../kernel/addressSpace.js';
import { chooseOomVictim } from '../../kernel/oomVictim.js';
import { Process } from '../../kernel/process.js';

/** Processes given as [pid, lineage, footprint]. */
function choose(rows: [number, number, number][]): number | undefined {
  const sizes = new Map<Process, number>();
  const procs = rows.map(([pid, lineage, size]) => {
    const p = new Process(pid, `p${pid}`, {} as AddressSpace);
    p.lineage = lineage;
    sizes.set(p, size);
    return p;
  });
  return chooseOomVictim(procs, (p) => sizes.get(p)!)?.pid;
}

describe('chooseOomVictim', () => {
  it('finds memory spread over many small children: their lineage loses its largest member', () => {
    // pid 1 (22 pages) is larger than any one of lineage 2, which holds 2 + 5 * 10 = 52.
    expect(choose([[1, 1, 22], [2, 2, 2], [3, 2, 10], [4, 2, 10], [5, 2, 11], [6, 2, 10], [7, 2, 9]])).toBe(5);
  });

  it('counts orphans for the lineage that made them (their parent may be gone)', () => {
    expect(choose([[1, 1, 22], [5, 2, 8], [6, 2, 8], [7, 2, 8]])).toBe(7);
  });

  it('kills a process outside the culprit lineage only when its own lineage holds the most', () => {
    expect(choose([[1, 1, 60], [2, 2, 3], [3, 2, 10], [4, 2, 10]])).toBe(1);
  });

  it('breaks ties toward the higher lineage, then the higher pid', () => {
    expect(choose([[1, 1, 10], [2, 2, 5], [3, 2, 5]])).toBe(3);
  });

  it('skips processes without an address space, and finds none when none has one', () => {
    const p = new Process(1, 'p1', undefined);
    expect(chooseOomVictim([p], () => 5)).toBeUndefined();
  });
});
