// `illusion policy`: runs a replacement policy over a page reference string,
// as OSTEP's paging-policy.py does, with the kernel's own policy code.
// Parses, calls simulatePolicy, formats.
import type { Command } from 'commander';
import { POLICY_NAMES } from '../../kernel/policy/policy.js';
import { MAX_SIM_FRAMES, MAX_SIM_PAGE, simulateSteps, type SimulateOptions } from '../../kernel/policy/simulate.js';
import { pageWidth, policyStepLine, policyTotals, policyTotalsLine, type PolicyTotals } from '../../views/policyText.js';
import { writeAll } from '../hostWrite.js';
import { readLines } from '../lineReader.js';
import { UsageError, parseChoiceFlag, parseIntFlag } from '../usage.js';

export const SIM_POLICY_NAMES = [...POLICY_NAMES, 'opt'] as const;
export { MAX_SIM_FRAMES, MAX_SIM_PAGE };
const MAX_SEED = 0xffff_ffff;

/** The flags as commander hands them over (all strings, as typed). */
export interface PolicyFlags {
  policy?: string;
  frames?: string;
  addresses?: string;
  addressesFile?: string;
  fromTrace?: string;
  pid?: string;
  seed?: string;
  json?: boolean;
  summary?: boolean;
}

export function registerPolicy(program: Command): void {
  program
    .command('policy')
    .description(
      'Run a page-replacement policy over a page reference string and show each access. ' +
        'Resident pages are listed in the policy\'s own order: fifo and opt oldest first, ' +
        'lru least recently used first, clock from the hand, random in its array order.',
    )
    .option('--policy <name>', `fifo, lru, clock, random or opt (default fifo)`)
    .option('--frames <n>', `number of page frames, 1 to ${MAX_SIM_FRAMES}`)
    .option('--addresses <list>', 'page numbers, comma-separated, e.g. 0,1,2,0,1,3')
    .option('--addresses-file <file>', 'page numbers from a file, one a line or comma-separated')
    .option('--from-trace <file>', 'page numbers from a trace of illusion run --trace (the VPN of every tlb_hit and tlb_miss, in order; record it with --trace-hits)')
    .option('--pid <n>', 'with --from-trace: only the accesses of this process')
    .option('--seed <n>', 'seed for random (default 0)')
    .option('--json', 'print one JSON object instead of text')
    .option('--summary', 'print only the totals (with --json: hits, misses and hit_rate, no steps), for long strings such as a trace\'s')
    .action((flags: PolicyFlags) => {
      // Written piece by piece: millions of accesses make more text than one string may hold. Each
      // piece is written before the next is made (process.stdout.write would queue a slow reader's
      // backlog in memory: 1.6 GB, then ENOBUFS, for a trace's 6 million lines into `| tail -1`).
      for (const chunk of policyOutput(flags)) writeAll(1, chunk);
    });
}

/** Validates the flags, runs the simulation and returns what to print; bad usage throws UsageError. */
export function runPolicyCommand(flags: PolicyFlags): string {
  return [...policyOutput(flags)].join('');
}

/** What `illusion policy` prints, in pieces; the flags are checked before the first piece. */
export function policyOutput(flags: PolicyFlags): Iterable<string> {
  const policy = parseChoiceFlag('--policy', flags.policy ?? 'fifo', SIM_POLICY_NAMES);
  if (flags.frames === undefined) throw new UsageError('--frames: missing; give the number of page frames, e.g. --frames 3');
  const frames = parseIntFlag('--frames', flags.frames, 1, MAX_SIM_FRAMES);
  const seed = flags.seed === undefined ? 0 : parseIntFlag('--seed', flags.seed, 0, MAX_SEED);
  const references = readReferences(flags);
  const options: SimulateOptions = { policy, frames, references, seed };
  // The steps are printed as they are made, never all kept: a trace's string may hold millions.
  if (flags.summary) return [flags.json ? `${JSON.stringify(totalsOf(options))}\n` : policyTotalsLine(totalsOf(options))];
  return flags.json ? policyJsonChunks(options) : policyTextChunks(options);
}

type Totals = PolicyTotals;

/** Hits, misses and the hit rate of a run of the policy, without its steps. */
function totalsOf(options: SimulateOptions): Totals {
  let hits = 0;
  for (const step of simulateSteps(options, false)) if (step.hit) hits++;
  return policyTotals(hits, options.references.length);
}

function readReferences(flags: PolicyFlags): number[] {
  if (flags.addresses !== undefined && flags.addressesFile !== undefined) {
    throw new UsageError('give --addresses or --addresses-file, not both');
  }
  if (flags.fromTrace !== undefined && (flags.addresses !== undefined || flags.addressesFile !== undefined)) {
    throw new UsageError('give --from-trace or page numbers, not both');
  }
  if (flags.pid !== undefined && flags.fromTrace === undefined) throw new UsageError('--pid needs --from-trace');
  if (flags.fromTrace !== undefined) {
    const pid = flags.pid === undefined ? undefined : parseIntFlag('--pid', flags.pid, 1, 1_000_000);
    return readTraceReferences(flags.fromTrace, pid);
  }
  if (flags.addresses !== undefined) return parseReferenceList('--addresses', flags.addresses.split(','));
  if (flags.addressesFile !== undefined) return readReferenceFile(flags.addressesFile);
  throw new UsageError('--addresses: missing; give page numbers, e.g. --addresses 0,1,2,0,1,3');
}

/**
 * The page reference string of a trace: the vpn of every tlb_hit and
 * tlb_miss line, in order (each translated access is exactly one of them),
 * optionally only those of one pid. Without --trace-hits a trace holds the
 * misses only, and so does the string.
 */
const TLB_ACCESS_LINE = /^\{"cycle":\d+,"pid":(\d+),"kind":"tlb_(?:hit|miss)","vpn":(\d+),"asid":\d+,(?:"entry":\d+,)?"access":"(?:fetch|load|store)"\}$/;

/**
 * Most page references a string may hold (a trace's or a file's): each costs
 * the host some 20 bytes while the policy runs (opt keeps every next use), and
 * a file without end (/dev/zero, a pipe that never closes) must not take the
 * host's memory with it. A trace of 600 MB holds some 6 million.
 */
export const MAX_REFERENCES = 20_000_000;

/** Appends `page` to `pages`, refusing one past MAX_REFERENCES. */
function keepReference(flag: string, path: string, pages: number[], page: number): void {
  if (pages.length === MAX_REFERENCES) throw new UsageError(`${flag}: '${path}' holds more than ${MAX_REFERENCES} page references: give a shorter string`);
  pages.push(page);
}

/** Page numbers from a file, one a line or comma-separated (blank lines skipped), read a megabyte at a time. */
function readReferenceFile(path: string): number[] {
  const flag = '--addresses-file';
  const pages: number[] = [];
  readLines(path, flag, (line) => {
    if (line.trim() === '') return;
    for (const item of line.split(',')) keepReference(flag, path, pages, parseReference(flag, item, pages.length));
  }, 'give the page numbers one a line');
  if (pages.length === 0) throw new UsageError(`${flag}: no page numbers given`);
  return pages;
}

export function readTraceReferences(path: string, pid: number | undefined): number[] {
  const pages: number[] = [];
  const keep = (page: number) => keepReference('--from-trace', path, pages, page);
  readLines(path, '--from-trace', (line, lineNo) => {
    // Most lines are TLB accesses in the shape the trace writes them; a line matching it whole is
    // valid JSON, so it needs no JSON.parse (a third of the time of reading a trace).
    const access = TLB_ACCESS_LINE.exec(line);
    if (access !== null) {
      // Digits only, but not necessarily 20 bits' worth (checked on every line, whichever pid).
      const page = pageOf(path, lineNo, Number(access[2]), access[2]!);
      if (pid === undefined || Number(access[1]) === pid) keep(page);
      return;
    }
    if (line.trim() === '') return;
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch {
      throw new UsageError(`--from-trace: ${path}:${lineNo}: not a JSON trace line`);
    }
    // `null`, a number, a string or an array parse too, but no trace writes them.
    if (typeof event !== 'object' || event === null || Array.isArray(event)) {
      throw new UsageError(`--from-trace: ${path}:${lineNo}: not a trace event (one JSON object a line)`);
    }
    const { kind, vpn, pid: owner } = event as { kind?: unknown; vpn?: unknown; pid?: unknown };
    if (kind !== 'tlb_hit' && kind !== 'tlb_miss') return;
    const page = pageOf(path, lineNo, vpn, JSON.stringify(vpn) ?? 'undefined');
    if (pid === undefined || owner === pid) keep(page);
  });
  if (pages.length === 0) throw new UsageError(`--from-trace: no TLB accesses${pid === undefined ? '' : ` of pid ${pid}`} in '${path}'`);
  return pages;
}

/** A TLB line's vpn as a page number; anything a trace never holds (negative, fractional, past 20 bits, not a number) is named. */
function pageOf(path: string, lineNo: number, vpn: unknown, text: string): number {
  if (typeof vpn === 'number' && Number.isInteger(vpn) && vpn >= 0 && vpn <= MAX_SIM_PAGE) return vpn;
  throw new UsageError(`--from-trace: ${path}:${lineNo}: vpn ${text} is not a page number from 0 to ${MAX_SIM_PAGE}`);
}


/** Parses page numbers (decimal or 0x hex, spaces allowed around them); a bad item is named. */
export function parseReferenceList(flag: string, items: readonly string[]): number[] {
  if (items.length === 0 || (items.length === 1 && items[0]!.trim() === '')) {
    throw new UsageError(`${flag}: no page numbers given`);
  }
  return items.map((item, i) => parseReference(flag, item, i));
}

/** Item `index` (0-based) of a list: decimal or 0x hex, spaces allowed around it. */
function parseReference(flag: string, item: string, index: number): number {
  const t = item.trim();
  const value = /^(0x[0-9a-f]+|\d+)$/i.test(t) ? Number(t) : NaN;
  if (!Number.isSafeInteger(value) || value > MAX_SIM_PAGE) {
    throw new UsageError(`${flag}: item ${index + 1} '${t}' is not a page number from 0 to ${MAX_SIM_PAGE}`);
  }
  return value;
}

/**
 * A piece is written once it holds about a megabyte. (It was 4,096 steps:
 * with 100,000 frames a step lists up to 100,000 pages, and a piece passed
 * the longest string V8 makes, an internal error, attack26.)
 */
const CHUNK_CHARS = 1 << 20;

function* policyTextChunks(options: SimulateOptions): Generator<string> {
  const width = pageWidth(options.references);
  let hits = 0;
  let lines: string[] = [];
  let chars = 0;
  for (const step of simulateSteps(options)) {
    if (step.hit) hits++;
    const line = policyStepLine(step, width);
    lines.push(line);
    chars += line.length;
    if (chars >= CHUNK_CHARS) { yield lines.join(''); lines = []; chars = 0; }
  }
  lines.push(policyTotalsLine(policyTotals(hits, options.references.length)));
  yield lines.join('');
}

/**
 * {"hits","misses","hit_rate","steps":[{"page","hit","evicted","frames"}]}, evicted null when nothing was.
 * The totals come first, so the policy runs twice (it is deterministic: random is seeded): once to
 * count, once to print the steps as they are made.
 */
function* policyJsonChunks(options: SimulateOptions): Generator<string> {
  const totals = JSON.stringify(totalsOf(options));
  let chunk = `${totals.slice(0, -1)},"steps":[`;
  let n = 0;
  for (const s of simulateSteps(options)) {
    chunk += `${n === 0 ? '' : ','}${JSON.stringify({ page: s.page, hit: s.hit, evicted: s.evicted ?? null, frames: s.frames })}`;
    n++;
    if (chunk.length >= CHUNK_CHARS) { yield chunk; chunk = ''; }
  }
  yield `${chunk}]}\n`;
}
