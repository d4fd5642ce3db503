// programs/measure/row-column.s: the same sum over a 256 x 1024-word matrix
// (one page a row), by rows and then by columns. The figures follow from the
// loop and SPEC section 8's cycle model: the inner loop is 5 instructions an
// element (1 cycle each) and a line costs 5 more; a TLB miss adds a two-level
// walk, 2 x walk_cycles = 40. By rows: 262,144 elements, 256 lines and one
// miss a page, 5 + (256 x 5 + 256 x 40) / 262,144 = 5.04. By columns, in a
// TLB that cannot hold a column's 256 pages, every access misses:
// 5 + 40 + 1024 x 5 / 262,144 = 45.01 (two decimals, cut, not rounded).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { illusion } from './cli.js';

const FILE = join('programs/measure', 'row-column.s');

function lines(rows: string, columns: string): string {
  return `by rows: ${rows} cycles per element\nby columns: ${columns} cycles per element\nPASS: row-column\n`;
}

describe('row-column.s', () => {
  it('costs 9x by columns in the default TLB (64 entries): every access of a column misses', () => {
    const r = illusion(['run', FILE]);
    expect([r.status, r.stdout, r.stderr]).toEqual([0, lines('5.04', '45.01'), '']);
  });

  it('costs the same both ways when the TLB holds every page of the matrix (512 entries, fully associative)', () => {
    const r = illusion(['run', FILE, '--tlb-entries', '512', '--tlb-ways', '512']);
    expect([r.status, r.stdout]).toEqual([0, lines('5.00', '5.01')]);
  });

  it('counts one TLB miss per page by rows and one per element by columns (the --stats of the default run)', () => {
    const r = illusion(['run', FILE, '--json']);
    const misses = (JSON.parse(r.stdout) as { stats: { tlb_misses: number } }).stats.tlb_misses;
    // 256 by rows + 262,144 by columns, and the fill's 256 plus a few for the code, data and stack pages.
    expect(misses - 256 - 262_144 - 256).toBeGreaterThanOrEqual(0);
    expect(misses - 256 - 262_144 - 256).toBeLessThan(300);
  });

  it('keeps every element through swapping (64 frames for a 256-page matrix), both sums right, columns 20x rows', () => {
    const r = illusion(['run', FILE, '--frames', '64', '--json']);
    const out = JSON.parse(r.stdout) as { processes: { stdout: string }[]; stats: { swap_outs: number } };
    expect(out.processes[0]!.stdout).toMatch(/^by rows: \d+\.\d\d cycles per element\nby columns: \d+\.\d\d cycles per element\nPASS: row-column\n$/);
    const [rows, columns] = [...out.processes[0]!.stdout.matchAll(/: (\d+\.\d\d) cycles/g)].map((m) => Number(m[1]));
    expect(columns! / rows!).toBeGreaterThan(20);
    expect(out.stats.swap_outs).toBeGreaterThan(262_144); // by columns, nearly every element's page went to swap and back
  });
});
