// `illusion policy`: runs a replacement policy over a page reference string,
// as OSTEP's paging-policy.py does, with the kernel's own policy code.
// Parses, calls simulatePolicy, formats.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { POLICY_NAMES } from '../../kernel/policy/policy.js';
import { simulatePolicy, type SimulateResult } from '../../kernel/policy/simulate.js';
import { UsageError, parseChoiceFlag, parseIntFlag } from '../usage.js';

export const SIM_POLICY_NAMES = [...POLICY_NAMES, 'opt'] as const;
export const MAX_SIM_FRAMES = 1_000_000;
export const MAX_SIM_PAGE = (1 << 20) - 1;
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
    .action((flags: PolicyFlags) => {
      // Written piece by piece: millions of accesses make more text than one string may hold.
      for (const chunk of policyOutput(flags)) process.stdout.write(chunk);
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
  const result = simulatePolicy({ policy, frames, references, seed });
  return flags.json ? [formatPolicyJson(result)] : policyTextChunks(result);
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
  if (flags.addressesFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(flags.addressesFile, 'utf8');
    } catch (err) {
      throw new UsageError(`--addresses-file: cannot read '${flags.addressesFile}': ${(err as Error).message}`);
    }
    // Lines or commas both separate; blank lines are skipped.
    const items = text.split(/\r?\n/).filter((line) => line.trim() !== '').flatMap((line) => line.split(','));
    return parseReferenceList('--addresses-file', items);
  }
  throw new UsageError('--addresses: missing; give page numbers, e.g. --addresses 0,1,2,0,1,3');
}

/**
 * The page reference string of a trace: the vpn of every tlb_hit and
 * tlb_miss line, in order (each translated access is exactly one of them),
 * optionally only those of one pid. Without --trace-hits a trace holds the
 * misses only, and so does the string.
 */
export function readTraceReferences(path: string, pid: number | undefined): number[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`--from-trace: cannot read '${path}': ${(err as Error).message}`);
  }
  const pages: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let event: { kind?: unknown; vpn?: unknown; pid?: unknown };
    try {
      event = JSON.parse(line) as typeof event;
    } catch {
      throw new UsageError(`--from-trace: ${path}:${i + 1}: not a JSON trace line`);
    }
    if (event.kind !== 'tlb_hit' && event.kind !== 'tlb_miss') return;
    if (pid !== undefined && event.pid !== pid) return;
    if (typeof event.vpn === 'number') pages.push(event.vpn);
  });
  if (pages.length === 0) throw new UsageError(`--from-trace: no TLB accesses${pid === undefined ? '' : ` of pid ${pid}`} in '${path}'`);
  return pages;
}

/** Parses page numbers (decimal or 0x hex, spaces allowed around them); a bad item is named. */
export function parseReferenceList(flag: string, items: readonly string[]): number[] {
  if (items.length === 0 || (items.length === 1 && items[0]!.trim() === '')) {
    throw new UsageError(`${flag}: no page numbers given`);
  }
  return items.map((item, i) => {
    const t = item.trim();
    const value = /^(0x[0-9a-f]+|\d+)$/i.test(t) ? Number(t) : NaN;
    if (!Number.isSafeInteger(value) || value > MAX_SIM_PAGE) {
      throw new UsageError(`${flag}: item ${i + 1} '${t}' is not a page number from 0 to ${MAX_SIM_PAGE}`);
    }
    return value;
  });
}

/** One line per access, then the totals. */
export function formatPolicyText(result: SimulateResult): string {
  return [...policyTextChunks(result)].join('');
}

const LINES_PER_CHUNK = 4096;

function* policyTextChunks(result: SimulateResult): Generator<string> {
  // A loop, not Math.max(...steps): spreading millions of arguments overflows the call stack.
  let width = 1;
  for (const s of result.steps) width = Math.max(width, String(s.page).length);
  let lines: string[] = [];
  for (const s of result.steps) {
    const page = String(s.page).padStart(width);
    const evicted = (s.evicted === undefined ? '-' : String(s.evicted)).padStart(width);
    lines.push(`Access: ${page}  ${s.hit ? 'HIT ' : 'MISS'}  evict: ${evicted}  resident: [${s.frames.join(', ')}]\n`);
    if (lines.length === LINES_PER_CHUNK) { yield lines.join(''); lines = []; }
  }
  const rate = (result.hitRate * 100).toFixed(2);
  lines.push(`Totals: hits ${result.hits}  misses ${result.misses}  hit rate ${rate}%\n`);
  yield lines.join('');
}

/** {"hits","misses","hit_rate","steps":[{"page","hit","evicted","frames"}]}, evicted null when nothing was. */
export function formatPolicyJson(result: SimulateResult): string {
  const steps = result.steps.map((s) => ({ page: s.page, hit: s.hit, evicted: s.evicted ?? null, frames: s.frames }));
  return `${JSON.stringify({ hits: result.hits, misses: result.misses, hit_rate: result.hitRate, steps })}\n`;
}
