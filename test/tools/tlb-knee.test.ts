// programs/measure/tlb-knee.s, OSTEP's TLB-measurement homework: the cost
// per access for every page count 1..160 must show the knee exactly where
// the TLB's configuration puts it. The expected curve comes from a model
// written here from SPEC (sets = entries / ways, a page's set is its VPN mod
// sets, LRU within a set, a miss costs 2 x walk_cycles) and the program's
// layout, not from the MMU: a set whose pages (the code page counted) are
// more than its ways misses on every access to them, going round.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProgramFile } from '../../asm/load.js';
import { ROOT } from '../e2e/harness.js';
import { illusion } from './cli.js';

const FILE = join(ROOT, 'programs/measure/tlb-knee.s');
const ACCESSES = 4096;
const LOOP = 8; // instructions an access in the timed loop
const AROUND = 4; // call, li, ret and one rdcycle inside the timed span
const MISS = 2 * 20; // a two-level walk at the default walk_cycles
const PAGE = 4096;

const loaded = loadProgramFile(FILE);
if (!loaded.ok) throw new Error(loaded.messages.join('\n'));
const image = loaded.image;
// SPEC section 4 and 7: text at 0x1000 (one page here), the heap from the first page boundary after .bss.
const CODE_VPN = 1;
const HEAP_VPN = Math.ceil((image.bssBase + image.bssSize) / PAGE);

/** Total cycles of the timed run over n pages, from the model. */
function modelCycles(entries: number, ways: number, n: number): number {
  const sets = entries / ways;
  const perSet = new Map<number, number>();
  for (let i = 0; i < n; i++) perSet.set((HEAP_VPN + i) % sets, (perSet.get((HEAP_VPN + i) % sets) ?? 0) + 1);
  const codeSet = CODE_VPN % sets;
  let walks = 0;
  for (let j = 0; j < ACCESSES; j++) {
    const set = (HEAP_VPN + (j % n)) % sets;
    const crowd = perSet.get(set)! + (set === codeSet ? 1 : 0);
    if (crowd <= ways) continue;
    // Direct-mapped, the data page also throws out the code page, which the next fetch brings back.
    walks += ways === 1 && set === codeSet ? 2 : 1;
  }
  return ACCESSES * LOOP + AROUND + MISS * walks;
}

const cut2 = (t: number) => `${Math.floor(t / ACCESSES)}.${String(Math.floor(((t % ACCESSES) * 100) / ACCESSES)).padStart(2, '0')}`;

function curve(args: string[]): string[] {
  const r = illusion(['run', FILE, ...args]);
  expect([r.status, r.stderr]).toEqual([0, '']);
  const lines = r.stdout.trimEnd().split('\n');
  expect(lines.pop()).toBe('PASS: tlb-knee');
  return lines;
}

describe('tlb-knee.s', () => {
  it('lays out as the model assumes: one code page, the heap from page 3', () => {
    expect([image.text.length <= PAGE, HEAP_VPN]).toEqual([true, 3]);
  });

  it.each([
    [16, 16], [32, 32], [64, 64], [64, 4], [32, 2], [16, 1], [128, 8],
  ])('%i entries, %i ways: every page count costs what the model says', (entries, ways) => {
    const want = Array.from({ length: 160 }, (_, i) => {
      const t = modelCycles(entries, ways, i + 1);
      return `pages ${i + 1}: ${cut2(t)} cycles per access (${t} cycles for 4096 accesses)`;
    });
    expect(curve(['--tlb-entries', String(entries), '--tlb-ways', String(ways)])).toEqual(want);
  });

  it('fully associative: flat at 8.00 up to entries - 1 pages, 48.00 from entries on (the code page holds one entry)', () => {
    const lines = curve(['--tlb-entries', '32', '--tlb-ways', '32']);
    const cost = lines.map((l) => l.split(' ')[2]);
    expect(cost.slice(0, 31)).toEqual(Array(31).fill('8.00'));
    expect(cost.slice(31)).toEqual(Array(129).fill('48.00'));
  });

  it('a sweep charts it as a teacher would: one line per TLB, 160 points each, the knee in the program\'s own numbers', () => {
    const svg = join(ROOT, 'dist', 'tlb-knee-test.svg');
    const r = illusion(['sweep', FILE, '--tlb-entries', '16,32', '--tlb-ways', '16,32', '--svg', svg,
      '--plot-output', 'pages (?<pages_touched>\\d+): (?<cycles_per_access>[\\d.]+)']);
    expect(r.status).toBe(0);
    // 16 entries with 32 ways cannot be built: skipped, with a note.
    expect(r.stdout).toContain('skipped entries=16 ways=32');
    const text = readFileSync(svg, 'utf8');
    const lines = [...text.matchAll(/<polyline [^>]*points="([^"]*)"/g)].map((m) => m[1]!.split(' ').length);
    expect(lines).toEqual([160, 160, 160]);
    expect(text).toContain('pages touched');
    expect(text).toContain('cycles per access');
  });
});
