// `illusion trace FILE`: the event trace of `illusion run --trace FILE`, one
// line an event in words (views/eventText.ts), optionally only one process's
// or some kinds'. The file is read a megabyte at a time and printed as it is
// read, so a trace with every TLB hit in it passes through in constant memory.
import type { Command } from 'commander';
import { eventWords, printable, TRACE_KINDS, type TraceFields } from '../../views/eventText.js';
import { writeAll } from '../hostWrite.js';
import { didYouMean } from '../../asm/errors.js';
import { TraceSummary, TraceValueError } from '../../views/traceSummary.js';
import { readLines } from '../lineReader.js';
import { parseIntFlag, UsageError } from '../usage.js';

interface TraceFlags {
  readonly pid?: string;
  readonly kind?: string;
  readonly summary?: boolean;
}

const KIND_WIDTH = Math.max(...TRACE_KINDS.map((k) => k.length));
const BATCH = 4096;

/** The kinds of `--kind a,b`; an unknown one is named with the list of kinds. */
function parseKinds(text: string): ReadonlySet<string> {
  const kinds = text.split(',').map((k) => k.trim().toLowerCase());
  for (const k of kinds) {
    if (!(TRACE_KINDS as readonly string[]).includes(k)) {
      const family = TRACE_KINDS.filter((kind) => kind.startsWith(`${k}_`));
      // 'pagefault', 'page-fault', 'contextswitch': the kind with its underscore spelt otherwise.
      const spelt = TRACE_KINDS.find((kind) => kind.replace(/_/g, '') === k.replace(/[-_ ]/g, ''));
      const near = spelt !== undefined ? `; did you mean '${spelt}'?` : didYouMean(k, TRACE_KINDS);
      throw new UsageError(family.length > 0
        ? `--kind: '${k}' is no event kind; did you mean ${family.join(',')}?`
        : `--kind: '${k}' is no event kind${near}; the kinds are ${TRACE_KINDS.join(', ')}`);
    }
  }
  return new Set(kinds);
}

/** The line for one event: cycle, pid (- for none), kind, words. */
export function traceLine(e: TraceFields, after?: TraceFields): string {
  const pid = typeof e.pid === 'number' && e.pid !== 0 ? String(e.pid) : '-';
  return `${String(e.cycle).padStart(10)}  ${pid.padStart(3)}  ${printable(String(e.kind)).padEnd(KIND_WIDTH)}  ${eventWords(e)}${dirtyWalkNote(e, after)}\n`;
}

/**
 * The MMU logs a miss just before the walk it makes; a walk after anything
 * else is the one a first store makes through an entry a read filled, to set
 * D. Said in its line, since a walk with no miss looks like a lost event.
 */
function dirtyWalkNote(e: TraceFields, after: TraceFields | undefined): string {
  if (e.kind !== 'walk' || after === undefined) return '';
  if (after.kind === 'tlb_miss' && after.vpn === e.vpn && after.pid === e.pid) return '';
  return '; no miss: a first store through an entry a read filled walks to set D';
}

function runTrace(file: string, flags: TraceFlags): void {
  const pid = flags.pid === undefined ? undefined : parseIntFlag('--pid', flags.pid, 1, 2 ** 31 - 1);
  const kinds = flags.kind === undefined ? undefined : parseKinds(flags.kind);
  const pidsSeen = new Set<number>();
  const summary = flags.summary ? new TraceSummary() : undefined;
  let shown = 0;
  let previous: TraceFields | undefined;
  let batch: string[] = [`${'cycle'.padStart(10)}  ${'pid'.padStart(3)}  ${'kind'.padEnd(KIND_WIDTH)}  what happened\n`];
  readLines(file, 'trace', (line, lineNo) => {
    if (line.trim() === '') return;
    let e: unknown;
    try {
      e = JSON.parse(line);
    } catch {
      throw new UsageError(`trace: ${file}:${lineNo}: not a JSON line: not a trace of illusion run --trace`);
    }
    if (typeof e !== 'object' || e === null || typeof (e as TraceFields).kind !== 'string' || typeof (e as TraceFields).cycle !== 'number') {
      throw new UsageError(`trace: ${file}:${lineNo}: not an event (an event has a cycle and a kind): not a trace of illusion run --trace`);
    }
    const event = e as TraceFields;
    // The line before, whatever the filters keep: it tells a walk after a miss from a walk to set D.
    const after = previous;
    previous = event;
    if (typeof event.pid === 'number') pidsSeen.add(event.pid);
    if (pid !== undefined && event.pid !== pid) return;
    if (kinds !== undefined && !kinds.has(event.kind as string)) return;
    shown++;
    if (summary !== undefined) {
      try {
        summary.add(event);
      } catch (err) {
        if (err instanceof TraceValueError) throw new UsageError(`trace: ${file}:${lineNo}: ${err.message}`);
        throw err;
      }
      return;
    }
    batch.push(traceLine(event, after));
    if (batch.length >= BATCH) { writeAll(1, batch.join('')); batch = []; }
  });
  if (shown === 0) {
    const pids = [...pidsSeen].filter((p) => p !== 0).sort((a, b) => a - b);
    const what = [pid === undefined ? '' : `of pid ${pid}`, kinds === undefined ? '' : `of kind ${[...kinds].join(', ')}`].filter((w) => w !== '').join(' ');
    writeAll(2, `trace: no events${what === '' ? '' : ` ${what}`} in '${file}'${pids.length > 0 ? ` (its processes: ${pids.join(', ')})` : ''}\n`);
    return;
  }
  writeAll(1, summary !== undefined ? summary.format() : batch.join(''));
}

export function registerTrace(program: Command): void {
  program
    .command('trace')
    .description('print an event trace (from run --trace FILE) one event a line, in words')
    .argument('<file>', 'a trace written by illusion run --trace FILE (or debug --trace)')
    .option('--pid <n>', 'only the events of this process')
    .option('--kind <list>', `only these kinds, comma-separated (${TRACE_KINDS.join(', ')})`)
    .option('--summary', 'instead of the events, their totals: events by kind, page faults by how they were resolved, and the pages with the most TLB misses, faults and evictions')
    .action((file: string, flags: TraceFlags) => runTrace(file, flags));
}
