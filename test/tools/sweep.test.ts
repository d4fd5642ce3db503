// illusion sweep: the exact table of a small program, and an SVG chart with
// one series per combination of the other swept settings.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { illusion } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'illusion-sweep-'));
const PAGES = join(dir, 'pages.s');
writeFileSync(PAGES, [
  '; pages: reads one word on each of 6 data pages, 20 times over.',
  '_start: li   r9, 20',
  'outer:  la   r10, buf',
  '        li   r11, 6',
  'inner:  lw   r1, 0(r10)',
  '        addi r10, r10, 4096',
  '        addi r11, r11, -1',
  '        bnez r11, inner',
  '        addi r9, r9, -1',
  '        bnez r9, outer',
  '        li   r1, 0',
  '        li   r2, 0',
  '        syscall',
  '        .data',
  'buf:    .space 24576',
  '',
].join('\n'));

test('a table over two TLB sizes, in product order', () => {
  const r = illusion(['sweep', PAGES, '--tlb-entries', '2,8']);
  expect(r.status).toBe(0);
  expect(r.stdout).toBe([
    'entries  ways  tlb_policy  tlb_refill  policy  frames  cycles  tlb_hit_%  page_faults  swaps  status',
    '      2     2  lru         hardware    clock     1024   12684      82.15            7      0  exit 0',
    '      8     4  lru         hardware    clock     1024    8124      98.05            7      0  exit 0',
    '',
  ].join('\n'));
  // Progress: one line per run as it finishes, in whatever order the workers finish.
  const progress = r.stderr.split('\n').filter((l) => l !== '');
  expect(progress.map((l) => l.slice(0, 6))).toEqual(['[1/2] ', '[2/2] ']);
  expect(progress.map((l) => l.slice(6)).sort()).toEqual([
    'entries=2 ways=2 tlb-policy=lru tlb-refill=hardware policy=clock frames=1024',
    'entries=8 ways=4 tlb-policy=lru tlb-refill=hardware policy=clock frames=1024',
  ]);
});

test('ways that do not divide the entries are skipped with a note; the SVG has one series per group', () => {
  const svg = join(dir, 'chart.svg');
  const r = illusion(['sweep', PAGES, '--tlb-entries', '2,8', '--tlb-ways', '1,4', '--policy', 'fifo,lru', '--svg', svg]);
  expect(r.status).toBe(0);
  expect(r.stdout.split('\n').slice(-3)).toEqual([
    'skipped entries=2 ways=4 tlb-policy=lru tlb-refill=hardware policy=fifo frames=1024: the ways must divide the entries',
    'skipped entries=2 ways=4 tlb-policy=lru tlb-refill=hardware policy=lru frames=1024: the ways must divide the entries',
    '',
  ]);
  const text = readFileSync(svg, 'utf8');
  expect(wellFormed(text)).toBe(true);
  // x = entries; series = ways x policy.
  expect(text.match(/<polyline /g)?.length).toBe(4);
  const legend = text.slice(text.indexOf('<g class="legend">'));
  // With 1,024 frames no page is ever replaced, so fifo and lru draw the same line: the legend says so.
  expect([...legend.matchAll(/<text [^>]*>(.*?)<\/text>/g)].map((m) => m[1]!.replace(/<[^>]*>/g, ''))).toEqual([
    'ways=1 policy=fifo', 'ways=1 policy=lru (same as ways=1 policy=fifo)', 'ways=4 policy=fifo', 'ways=4 policy=lru (same as ways=4 policy=fifo)',
  ]);
  // Each line its own dash pattern (in turn solid, dashed, dotted, dash-dot), in the plot and in the legend.
  const dashes = (part: string, tag: string) => [...part.matchAll(new RegExp(`<${tag} [^>]*>`, 'g'))].map((m) => /stroke-dasharray="([^"]*)"/.exec(m[0])?.[1] ?? 'solid');
  expect(dashes(text.slice(0, text.indexOf('<g class="legend">')), 'polyline')).toEqual(['solid', '8 4', '3 3', '10 3 3 3']);
  expect(dashes(legend, 'line')).toEqual(['solid', '8 4', '3 3', '10 3 3 3']);
  expect(text).toContain('>TLB entries</text>');
  expect(text).toContain('>cycles</text>');
  expect(text).toContain('pages.s: cycles by TLB entries</text>');
});

test('--tlb-refill hardware,software: one series per design, the software rows cost more cycles for the same faults', () => {
  const svg = join(dir, 'refill.svg');
  const r = illusion(['sweep', PAGES, '--tlb-entries', '2,8', '--tlb-refill', 'hardware,software', '--tlb-policy', 'lru,plru', '--tlb-ways', '1,2', '--svg', svg]);
  expect(r.status).toBe(0);
  const rows = r.stdout.split('\n').filter((l) => /^\s+\d/.test(l)).map((l) => l.trim().split(/\s+/));
  // entries ways tlb_policy tlb_refill policy frames cycles hit% faults swaps status
  expect(rows.map((c) => c.slice(0, 4).join(' '))).toEqual([
    '2 1 lru hardware', '2 1 plru hardware',
    '2 2 lru hardware', '2 2 lru software', '2 2 plru hardware', '2 2 plru software',
    '8 1 lru hardware', '8 1 plru hardware',
    '8 2 lru hardware', '8 2 lru software', '8 2 plru hardware', '8 2 plru software',
  ]);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row[3] !== 'software') continue;
    const hw = rows[i - 1]!;
    expect(row[8]).toBe(hw[8]); // same page faults
    expect(row[10]).toBe('exit');
    expect(Number(row[6])).toBeGreaterThan(Number(hw[6]));
  }
  expect(r.stdout).toContain('skipped entries=2 ways=1 tlb-policy=lru tlb-refill=software policy=clock frames=1024: software refill needs at least 2 ways\n');
  const text = readFileSync(svg, 'utf8');
  expect(wellFormed(text)).toBe(true);
  expect(text).toContain('>ways=2 tlb_policy=lru tlb_refill=software</text>');
  // The picture widens to its longest legend line (~7 px a character after the plot's 560 and the line sample).
  const longest = Math.max(...[...text.slice(text.indexOf('<g class="legend">')).matchAll(/<text [^>]*>(.*?)<\/text>/g)].map((m) => m[1]!.replace(/<[^>]*>/g, '').length));
  expect(longest).toBeGreaterThan(40);
  expect(Number(/^<svg [^>]*width="(\d+)"/.exec(text)![1])).toBe(Math.max(760, 620 + 7 * longest));
});

test('three or more powers of two from 4x apart: a log2 x axis, the ticks evenly spaced', () => {
  const svg = join(dir, 'log.svg');
  expect(illusion(['sweep', PAGES, '--tlb-entries', '2,4,8', '--svg', svg]).status).toBe(0);
  const text = readFileSync(svg, 'utf8');
  expect(text).toContain('>TLB entries (log scale)</text>');
  const ticks = [...text.slice(text.indexOf('<g class="x-ticks">'), text.indexOf('<g class="y-ticks">')).matchAll(/<text x="([\d.]+)"[^>]*>(\d+)<\/text>/g)].map((m) => [m[2], Number(m[1])]);
  expect(ticks).toEqual([['2', 90], ['4', 325], ['8', 560]]);
});

test('--metric tlb-misses over TLB sizes without --tlb-ways: one line of the misses (the ways that follow the entries split it into dots before), and a note says why', () => {
  const svg = join(dir, 'misses.svg');
  const r = illusion(['sweep', PAGES, '--tlb-entries', '1,2,4,8,16', '--svg', svg, '--metric', 'tlb-misses']);
  expect(r.status).toBe(0);
  // By hand: 2 and 4 entries (LRU, one set) keep the code page and miss on every lw to the 6 data pages, 20
  // rounds (120), plus the miss after each data page's first-touch fault (6) and the code page's two (before
  // and after its image fault): 128. One entry also misses the code page after every lw (120 more): 248.
  // 8 and 16 entries hold all 7 pages: the 2 misses around each page's fault, 14.
  const misses = JSON.parse(illusion(['sweep', PAGES, '--tlb-entries', '1,2,4,8,16', '--json']).stdout) as { stats: { tlb_misses: number } }[];
  expect(misses.map((row) => row.stats.tlb_misses)).toEqual([248, 128, 128, 14, 14]);
  const text = readFileSync(svg, 'utf8');
  expect(text).toContain('>pages.s: TLB misses by TLB entries</text>');
  expect(text).toContain('>TLB misses</text>');
  // y from 0 to 250 over 320 px: 248 at 52.6, 128 at 206.2, 14 at 352.1.
  expect([...text.matchAll(/<polyline [^>]*points="([^"]*)"/g)].map((m) => m[1])).toEqual(['90.0,52.6 207.5,206.2 325.0,206.2 442.5,352.1 560.0,352.1']);
  // One line: the legend lists the settings held fixed, a line each (it said 'TLB misses', the y axis's name, before);
  // ways, which goes with entries, is the note's.
  const legend = text.slice(text.indexOf('<g class="legend">'));
  expect([...legend.matchAll(/<text x="610" y="(\d+)"[^>]*>([^<]*)</g)].map((m) => `${m[1]} ${m[2]}`)).toEqual([
    '64 tlb_policy=lru', '84 tlb_refill=hardware', '104 policy=clock', '124 frames=1024',
  ]);
  expect(legend.match(/<line /g)?.length).toBe(1);
  expect(text).toContain('<title>tlb_policy=lru, tlb_refill=hardware, policy=clock, frames=1024</title>');
  expect([...text.matchAll(/<text class="note"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1])).toEqual(['ways goes with entries here (1 at 1, 2 at 2, 4 at 4, 8 and 16): one line, not one per ways']);
  // Ways given as a list are the student's own: a line each, no note.
  const own = join(dir, 'misses-ways.svg');
  expect(illusion(['sweep', PAGES, '--tlb-entries', '4,8', '--tlb-ways', '1,4', '--svg', own, '--metric', 'tlb-misses']).status).toBe(0);
  const ownText = readFileSync(own, 'utf8');
  expect([...ownText.matchAll(/<text x="610" [^>]*>([^<]*)</g)].map((m) => m[1])).toEqual(['ways=1', 'ways=4']);
  expect(ownText).not.toContain('class="note"');
});

test('--plot-output charts the program\'s own numbers, one line per configuration', () => {
  const svg = join(dir, 'tlb.svg');
  const r = illusion(['sweep', 'programs/tlb.s', '--tlb-entries', '8,64', '--svg', svg, '--plot-output', 'pages (?<pages_touched>\\d+): (?<cycles_per_access>[\\d.]+)']);
  expect(r.status).toBe(0);
  const text = readFileSync(svg, 'utf8');
  expect(wellFormed(text)).toBe(true);
  const lines = [...text.matchAll(/<polyline [^>]*points="([^"]*)"/g)].map((m) => m[1]!.split(' ').length);
  expect(lines).toEqual([10, 10]);
  expect(text).toContain('>pages touched (log scale)</text>');
  expect(text).toContain('>cycles per access</text>');
});

test('bad usage exits 2', () => {
  expect(illusion(['sweep', PAGES]).status).toBe(2);
  expect(illusion(['sweep', PAGES, '--tlb-entries', '2,x']).status).toBe(2);
  expect(illusion(['sweep', PAGES, '--tlb-entries', '2', '--tlb-ways', '4']).status).toBe(2);
  expect(illusion(['sweep', PAGES, '--tlb-entries', '8', '--metric', 'speed']).status).toBe(2);
});

const usage = (message: string) => ({ status: 2, stdout: '', stderr: `illusion: error: ${message}\n` });

test('refusals: nothing to sweep; chart flags without --svg; an unknown --x; --x with --plot-output', () => {
  expect(illusion(['sweep', PAGES])).toEqual(usage(
    'nothing to sweep: give at least one list, e.g. --tlb-entries 8,16,32,64 or -D PAGES=1,2,4 (lists: --tlb-entries, --tlb-ways, --tlb-policy, --tlb-refill, --policy, --frames, -D NAME=...)'));
  expect(illusion(['sweep', PAGES, '--frames', '64', '--plot-output', '(\\d+) (\\d+)'])).toEqual(usage('--plot-output shapes the chart: give --svg FILE too'));
  expect(illusion(['sweep', PAGES, '--frames', '64', '--metric', 'faults'])).toEqual(usage('--metric shapes the chart: give --svg FILE too'));
  expect(illusion(['sweep', PAGES, '--frames', '64', '--x', 'frames'])).toEqual(usage('--x shapes the chart: give --svg FILE too'));
  expect(illusion(['sweep', PAGES, '--frames', '64', '--svg', join(dir, 'n.svg'), '--x', 'colour'])).toEqual(
    usage("--x: expected one of tlb-entries, tlb-ways, tlb-policy, tlb-refill, policy, frames, got 'colour'"));
  expect(illusion(['sweep', PAGES, '--frames', '64', '--svg', join(dir, 'n.svg'), '--x', 'frames', '--plot-output', '(\\d+) (\\d+)'])).toEqual(
    usage('--x chooses the swept setting of a metric chart; with --plot-output, x is group 1 of the expression'));
  expect(existsSync(join(dir, 'n.svg'))).toBe(false);
  // A chart that cannot be written is refused before any run, not after the whole sweep.
  const folder = join(dir, 'a-folder.svg');
  mkdirSync(folder, { recursive: true });
  expect(illusion(['sweep', PAGES, '--frames', '64,128', '--svg', folder])).toEqual(usage(`--svg: '${folder}' is a directory: give a file name, e.g. ${folder}/chart.svg`));
  expect(illusion(['sweep', PAGES, '--frames', '64,128', '--svg', join(dir, 'nowhere', 'c.svg')])).toEqual(usage(`--svg: cannot write '${join(dir, 'nowhere', 'c.svg')}': no folder '${join(dir, 'nowhere')}'`));
});

test('--plot-output that matches nothing: the table, then a refusal, and no chart', () => {
  const svg = join(dir, 'empty.svg');
  const r = illusion(['sweep', PAGES, '--frames', '64', '--svg', svg, '--plot-output', 'never (\\d+) (\\d+)']);
  expect(r.status).toBe(2);
  expect(r.stdout.split('\n')[0]).toBe('entries  ways  tlb_policy  tlb_refill  policy  frames  cycles  tlb_hit_%  page_faults  swaps  status');
  expect(r.stderr.split('\n').filter((l) => !l.startsWith('['))).toEqual([
    "illusion: error: --plot-output: /never (\\d+) (\\d+)/ matched no numbers in pid 1's output of any run; no chart written", '',
  ]);
  expect(existsSync(svg)).toBe(false);
});

test('frames alone can be swept (no --tlb-entries); --x picks the axis, the others make the lines', () => {
  const r = illusion(['sweep', PAGES, '--frames', '64,128']);
  expect(r.status).toBe(0);
  expect(r.stdout.split('\n').slice(1, 3).map((l) => l.split(/\s+/).slice(1, 7).join(' '))).toEqual([
    '64 4 lru hardware clock 64', '64 4 lru hardware clock 128',
  ]);
  const svg = join(dir, 'x.svg');
  expect(illusion(['sweep', PAGES, '--tlb-entries', '2,8', '--frames', '64,128', '--svg', svg, '--x', 'frames']).status).toBe(0);
  const text = readFileSync(svg, 'utf8');
  expect(text).toContain('pages.s: cycles by physical frames');
  expect([...text.matchAll(/<polyline [^>]*points="([^"]*)"/g)].map((m) => m[1]!.split(' ').length)).toEqual([2, 2]);
  // Without --tlb-ways the ways follow the entries (min(4, entries)), so they vary too and name the lines.
  expect([...text.matchAll(/<text x="610" [^>]*>([^<]*)</g)].map((m) => m[1])).toEqual(['entries=2 ways=2', 'entries=8 ways=4']);
});

test('--help says which flags take lists', () => {
  const r = illusion(['sweep', '--help']);
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('Lists: --tlb-entries, --tlb-ways, --tlb-policy, --tlb-refill, --policy, --frames and -D NAME=... take a comma-separated list of values');
});

/** Tags balance and nest (a tiny check, enough for our own output). */
function wellFormed(xml: string): boolean {
  const stack: string[] = [];
  for (const m of xml.matchAll(/<(\/?)([A-Za-z][\w-]*)[^>]*?(\/?)>/g)) {
    const [, close, name, self] = m;
    if (self === '/') continue;
    if (close === '/') { if (stack.pop() !== name) return false; } else stack.push(name!);
  }
  return stack.length === 0 && xml.startsWith('<svg');
}

test("--json: each row's config is run --json's config for that combination (same names, every setting), its stats run's stats", () => {
  const r = illusion(['sweep', PAGES, '--tlb-entries', '2,8', '--quantum', '500', '--json']);
  expect(r.status).toBe(0);
  const rows = JSON.parse(r.stdout) as { config: Record<string, unknown>; stats: { tlb_hits: number; tlb_misses: number }; tlb_hit_rate: number; status: string }[];
  expect(rows.map((row) => [row.config['tlb_entries'], row.config['tlb_ways'], row.status])).toEqual([[2, 2, 'exit 0'], [8, 4, 'exit 0']]);
  for (const row of rows) {
    const run = JSON.parse(illusion(['run', PAGES, '--tlb-entries', String(row.config['tlb_entries']), '--tlb-ways', String(row.config['tlb_ways']), '--quantum', '500', '--max-instructions', '1000000000', '--json']).stdout);
    expect(row.config).toEqual(run.config);
    expect(row.stats).toEqual(run.stats);
    expect(row.tlb_hit_rate).toBe((100 * row.stats.tlb_hits) / (row.stats.tlb_hits + row.stats.tlb_misses));
  }
});

test('software refill rows: tlb_hit_% counts the retried accesses, so the table and a hit-rate chart say so (the same TLB misses read as a higher hit rate)', () => {
  const svg = join(dir, 'refill-hits.svg');
  const r = illusion(['sweep', PAGES, '--tlb-entries', '4', '--tlb-refill', 'hardware,software', '--svg', svg, '--metric', 'hit-rate', '--json']);
  expect(r.status).toBe(0);
  const rows = JSON.parse(r.stdout) as { stats: { tlb_misses: number }; tlb_hit_rate: number }[];
  // The same misses, and yet a different hit rate: what a class would misread.
  expect(rows[0]!.stats.tlb_misses).toBe(rows[1]!.stats.tlb_misses);
  expect(rows[1]!.tlb_hit_rate).toBeGreaterThan(rows[0]!.tlb_hit_rate);
  const note = 'note: with software refill, tlb_hit_% also counts each access retried after a refill or tlb_modified trap: across refill designs compare the misses (--json stats.tlb_misses) or the cycles';
  expect(r.stderr.split('\n').filter((l) => !l.startsWith('['))).toEqual([note, '']);
  expect(readFileSync(svg, 'utf8')).toContain('software refill: the hit rate also counts retried accesses (see the sweep\'s note)');
  const table = illusion(['sweep', PAGES, '--tlb-entries', '4', '--tlb-refill', 'hardware,software']);
  expect(table.stdout.split('\n').slice(-2)).toEqual([note, '']);
  const hardware = illusion(['sweep', PAGES, '--tlb-entries', '4,8']);
  expect(hardware.stdout).not.toContain('note:');
});

test('a lecture sweep (frames x page policy on swap.s): every table row is what run --json gives for its settings alone', () => {
  const lists = ['--frames', '100,200', '--policy', 'fifo,random'];
  const r = illusion(['sweep', 'programs/swap.s', ...lists, '--seed', '5']);
  expect(r.status).toBe(0);
  const rows = r.stdout.trimEnd().split('\n').slice(1).map((l) => l.trim().split(/\s+/));
  // entries ways tlb_policy tlb_refill policy frames cycles hit% faults swaps status
  expect(rows.map((c) => `${c[4]} ${c[5]}`)).toEqual(['fifo 100', 'fifo 200', 'random 100', 'random 200']);
  for (const row of rows) {
    const run = JSON.parse(illusion(['run', 'programs/swap.s', '--policy', row[4]!, '--frames', row[5]!, '--seed', '5', '--json']).stdout);
    const s = run.stats;
    const hit = (100 * s.tlb_hits) / (s.tlb_hits + s.tlb_misses);
    expect(row.slice(6)).toEqual([String(s.cycles), hit.toFixed(2), String(s.page_faults), String(s.swap_ins + s.swap_outs), 'exit', '0']);
    expect(s.swap_outs).toBeGreaterThan(0);
  }
});

test('a value listed twice is refused before anything runs (it ran twice, gave two identical rows and doubled back on the chart)', () => {
  expect(illusion(['sweep', PAGES, '--tlb-entries', '4,8,4'])).toEqual({ status: 2, stdout: '', stderr: 'illusion: error: --tlb-entries: 4 is listed twice\n' });
  expect(illusion(['sweep', PAGES, '--policy', 'fifo,lru,fifo']).stderr).toBe('illusion: error: --policy: fifo is listed twice\n');
});

const ENDLESS = join(dir, 'endless.s');
writeFileSync(ENDLESS, '; never ends: no exit\n_start: j _start\n');

test('a program that never ends: each run stops at the sweep\'s limit of a billion instructions, says how far it is while it runs, and the table says why (attack25: the sweep ran forever, printing nothing)', () => {
  process.env['ILLUSION_SWEEP_PROGRESS_MS'] = '0';
  let r;
  try {
    r = illusion(['sweep', ENDLESS, '--tlb-entries', '8']);
  } finally {
    delete process.env['ILLUSION_SWEEP_PROGRESS_MS'];
  }
  expect(r.status).toBe(0);
  expect(r.stdout).toBe([
    'entries  ways  tlb_policy  tlb_refill  policy  frames      cycles  tlb_hit_%  page_faults  swaps  status',
    '      8     4  lru         hardware    clock     1024  1000001060      99.99            1      0  killed: instruction_limit',
    "note: 1 of 1 run reached the sweep's limit of 1,000,000,000 instructions per run (a program that never ends? give --max-instructions N for another limit): their figures are of a run cut short",
    '',
  ].join('\n'));
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines.at(-1)).toBe('[1/1] entries=8 ways=4 tlb-policy=lru tlb-refill=hardware policy=clock frames=1024');
  const running = lines.slice(0, -1);
  expect(running.length).toBeGreaterThan(0);
  const counts = running.map((l) => {
    const m = /^\[running\] entries=8 ways=4 tlb-policy=lru tlb-refill=hardware policy=clock frames=1024: ([\d,]+) of at most 1,000,000,000 instructions so far$/.exec(l);
    expect(m, l).not.toBeNull();
    return Number(m![1]!.replaceAll(',', ''));
  });
  expect(counts).toEqual([...counts].sort((a, b) => a - b));
}, 120_000);

test('--max-instructions sets the limit of every run of a sweep: the rows cut short are named (--json: the note on stderr, the limit in each row\'s config)', () => {
  const r = illusion(['sweep', ENDLESS, '--tlb-entries', '2,8', '--max-instructions', '5000', '--json']);
  expect(r.status).toBe(0);
  const rows = JSON.parse(r.stdout) as { config: Record<string, unknown>; stats: { instructions: number }; status: string }[];
  expect(rows.map((row) => [row.config['max_instructions'], row.stats.instructions, row.status])).toEqual([[5000, 5000, 'killed: instruction_limit'], [5000, 5000, 'killed: instruction_limit']]);
  expect(r.stderr.split('\n').filter((l) => l.startsWith('note:'))).toEqual(['note: 2 of 2 runs reached --max-instructions 5000: their figures are of a run cut short']);
  // A program that ends is no row cut short: no note.
  expect(illusion(['sweep', PAGES, '--tlb-entries', '2,8']).stdout).not.toContain('note:');
});

test('a chart of runs cut short says so under its axis, as the table does (before, the chart alone showed their figures as whole runs\')', () => {
  const svg = join(dir, 'cut.svg');
  const r = illusion(['sweep', PAGES, '--tlb-entries', '2,8', '--tlb-ways', '2', '--max-instructions', '200', '--svg', svg, '--metric', 'hit-rate']);
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('note: 2 of 2 runs reached --max-instructions 200: their figures are of a run cut short\n');
  const notes = [...readFileSync(svg, 'utf8').matchAll(/<text class="note"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  expect(notes).toEqual(['2 of 2 runs stopped at the limit of 200 instructions: their figures are of a run cut short']);
  // With software refill too: both caveats, a line each, and the picture taller by one line.
  const both = join(dir, 'cut-refill.svg');
  expect(illusion(['sweep', PAGES, '--tlb-entries', '8', '--tlb-refill', 'hardware,software', '--max-instructions', '200', '--svg', both, '--metric', 'hit-rate']).status).toBe(0);
  const text = readFileSync(both, 'utf8');
  expect([...text.matchAll(/<text class="note" x="90" y="(\d+)"[^>]*>([^<]*)<\/text>/g)].map((m) => [m[1], m[2]])).toEqual([
    ['432', 'software refill: the hit rate also counts retried accesses (see the sweep\'s note)'],
    ['448', '2 of 2 runs stopped at the limit of 200 instructions: their figures are of a run cut short'],
  ]);
  expect(text).toMatch(/^<svg [^>]* height="456" /);
  // Runs that end: no note.
  const whole = join(dir, 'whole.svg');
  expect(illusion(['sweep', PAGES, '--tlb-entries', '2,8', '--tlb-ways', '2', '--svg', whole]).status).toBe(0);
  expect(readFileSync(whole, 'utf8')).not.toContain('class="note"');
});

test('a product of lists over MAX_SWEEP_RUNS combinations is refused before anything runs (attack25: 1000 x 1000 x 1000 values built a billion points, 2.8 GB in a minute, on the way to V8\'s heap limit)', () => {
  const values = (from: number) => Array.from({ length: 1000 }, (_, i) => from + i).join(',');
  const r = illusion(['sweep', PAGES, '--tlb-entries', values(8), '--tlb-ways', values(1), '--frames', values(8)]);
  expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
    status: 2, stdout: '',
    stderr: 'illusion: error: 1000 --tlb-entries x 1000 --tlb-ways x 1000 --frames values make 1000000000 combinations, more than 10000: a sweep runs every one; list fewer values\n',
  });
  // At the limit it is no error of the limit's (100 x 100, refused here only for its invalid ways).
  const hundred = (from: number) => Array.from({ length: 100 }, (_, i) => from + i).join(',');
  const atLimit = illusion(['sweep', PAGES, '--tlb-entries', hundred(8), '--tlb-ways', hundred(2000), '--tlb-refill', 'software']);
  expect(atLimit.stderr).toBe('illusion: error: no combination is valid: the ways must divide the entries\n');
});
