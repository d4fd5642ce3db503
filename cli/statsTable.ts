// The --stats table: one statistic a line, names left, numbers right-aligned.
// Counts are whole numbers with thousands separators; percentages always
// carry two decimals (99.50, 100.00), so that a column of runs lines up and
// compares digit by digit.
import { FIRST_KEPT, LAST_KEPT } from '../kernel/proc.js';
import type { ProcessResult, RunResult, RunStats } from '../kernel/result.js';

/**
 * Under software refill an access retried after a refill (or tlb_modified)
 * trap looks up the TLB again and hits, so the hit rate reads higher than
 * the walker's for the same misses (docs/tlb-refill.md): a class comparing
 * the two designs must be told, or it learns the wrong lesson. `column` is
 * the hit rate's name where the note stands (the sweep's table, --stats).
 */
export function softwareHitRateNote(column: string): string {
  return `note: with software refill, ${column} also counts each access retried after a refill or tlb_modified trap: across refill designs compare the misses (--json stats.tlb_misses) or the cycles`;
}

/** The table; `softwareRefill`: the run refilled the TLB in software, so the hit rate gets its note. */
export function formatStatsTable(stats: RunStats, softwareRefill = false): string {
  const rows: [string, string][] = Object.entries(stats).map(([n, v]) => [n, (typeof v === 'string' ? BigInt(v) : (v as number)).toLocaleString('en-US')]);
  const hits = stats.tlb_hits;
  const total = hits + stats.tlb_misses;
  rows.push(['tlb_hit_rate_%', formatPercent(total === 0 ? 0 : (hits / total) * 100)]);
  let nameWidth = 0;
  let valueWidth = 0;
  for (const [n, v] of rows) { nameWidth = Math.max(nameWidth, n.length); valueWidth = Math.max(valueWidth, v.length); }
  const lines = rows.map(([n, v]) => `${n.padEnd(nameWidth)}  ${v.padStart(valueWidth)}`);
  const note = softwareRefill ? `${softwareHitRateNote('tlb_hit_rate_%')}\n` : '';
  return `statistics\n${lines.join('\n')}\n${note}`;
}

/**
 * A percentage with exactly two decimals, which never rounds to a bound it
 * has not reached: 14 misses in 900,000 accesses are 99.99, not 100.00 (a
 * student reads 100.00 as "no misses"), and one hit in a million is 0.01.
 */
export function formatPercent(value: number): string {
  const text = value.toFixed(2);
  if (text === '100.00' && value < 100) return '99.99';
  if (text === '0.00' && value > 0) return '0.01';
  return text;
}

/** The per-process columns, under the names `--json` gives them (processes[].stats). */
const PROCESS_COLUMNS = ['instructions', 'page_faults', 'tlb_misses', 'cow_copies', 'swap_ins', 'swap_outs', 'peak_resident_pages'] as const;

const MAX_PROCESS_ROWS = 24;
const HEAD_ROWS = 16;
const TAIL_ROWS = 8;
const KEPT_FIRST = FIRST_KEPT.toLocaleString('en-US');
const KEPT_LAST = LAST_KEPT.toLocaleString('en-US');

/** How a process ended, as the table's `ended` column says it. */
function endedText(p: ProcessResult): string {
  return p.status === 'exited' ? `exit ${p.code}` : `killed: ${p.cause}`;
}

/**
 * The run's figures per process, after the machine's table, when more than
 * one process ran: which of them faulted, copied or swapped (the machine's
 * totals are their sums). Empty for a run of one process.
 */
export function formatProcessTable(result: Pick<RunResult, 'processes' | 'processes_omitted'>): string {
  if (result.processes.length < 2) return '';
  const header = ['pid', 'name', 'ended', ...PROCESS_COLUMNS];
  const all = result.processes;
  // A fork storm's thousand rows would bury the machine's table: the first and the last, and --json for the rest.
  const shown = all.length <= MAX_PROCESS_ROWS ? all : [...all.slice(0, HEAD_ROWS), ...all.slice(all.length - TAIL_ROWS)];
  const rows = shown.map((p) => [String(p.pid), p.name, endedText(p), ...PROCESS_COLUMNS.map((c) => p.stats[c].toLocaleString('en-US'))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  // Numbers right-aligned, the name and how it ended left-aligned.
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 1 || i === 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const lines = [header, ...rows].map(line);
  const hidden = all.length - shown.length + (result.processes_omitted ?? 0);
  const where = result.processes_omitted === undefined ? '--json lists them all' : `--json lists the first ${KEPT_FIRST} and the last ${KEPT_LAST}`;
  if (hidden > 0) lines.splice(1 + HEAD_ROWS, 0, `... ${hidden.toLocaleString('en-US')} more processes (${where})`);
  return `per process\n${lines.join('\n')}\n`;
}
