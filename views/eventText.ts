// One line of the event trace (docs/trace.md) in words a student reads:
// `{"kind":"page_fault","address":12288,"access":"store","resolution":"zero-fill"}`
// becomes "store to 0x00003000 (page 0x00003): a new page of zeros". The
// fields are the trace file's, so the CLI's `illusion trace` (which reads a
// file) and anything holding events in memory describe them alike.
import { ERROR_NAMES } from '../kernel/abi.js';
import { rightsOf } from './pte.js';
import { escapeControlChars } from '../asm/controlChars.js';

/** Every kind of event a trace holds (docs/trace.md), in the order the docs list them. */
export const TRACE_KINDS = [
  'process_start', 'process_end', 'context_switch', 'trap', 'page_fault', 'evict', 'swap_in', 'frame_alloc',
  'frame_free', 'syscall', 'syscall_blocked', 'tlb_miss', 'walk', 'tlb_fill', 'tlb_invalidate', 'tlb_hit',
] as const;

/** A trace line's fields, `kind` included (numbers as the trace writes them: decimal). */
export type TraceFields = Readonly<Record<string, unknown>>;

/**
 * A string from a trace file as it may be printed: control characters as
 * JSON writes them (`\n`, `\u001b`), so that a hand-made trace can neither
 * forge lines nor send escape sequences to the terminal (attack27).
 */
export function printable(text: string): string {
  return escapeControlChars(text);
}

const hex = (n: number, digits = 8): string => `0x${(n >>> 0).toString(16).padStart(digits, '0')}`;
const page = (vpn: number): string => `page ${hex(vpn, 5)}`;
/** "store to", "load from", "fetch from": an access and its address read as a phrase. */
const ACCESS_PHRASES: Readonly<Record<string, string>> = { fetch: 'fetch from', load: 'load from', store: 'store to' };
const accessOf = (access: unknown): string => ACCESS_PHRASES[String(access)] ?? `${printable(String(access))} of`;

/** A call's result as a student reads it: mmap's and sbrk's addresses in hex, an error with its name. */
export function syscallResultText(name: string, result: number): string {
  const error = ERROR_NAMES.get(result);
  if (error !== undefined) return `${result}, ${error}`;
  return (name === 'mmap' || name === 'sbrk') && result >= 0 ? hex(result) : `${result}`;
}

const RESOLUTIONS: Readonly<Record<string, string>> = {
  'zero-fill': 'a new page of zeros',
  image: 'loaded from the program image',
  'stack-growth': 'a new stack page',
  'copy-on-write': 'copied: the page was shared after fork (copy-on-write)',
  'cow-reclaim': 'made writable again without a copy: no one else shares it any more',
  'swap-in': 'read back from swap',
  kill: 'not allowed: the process is killed',
};

/** The words for one trace event; a kind this version does not know shows its fields as they are. */
export function eventWords(e: TraceFields): string {
  const n = (k: string): number => (typeof e[k] === 'number' ? e[k] as number : NaN);
  const s = (k: string): string => printable(String(e[k]));
  const has = (k: string): boolean => e[k] !== undefined;
  switch (e.kind) {
    case 'process_start': {
      // Parent 0 is the loader; a line without a parent (a hand-made or cut trace) claims none.
      const parent = n('parent');
      const from = parent === 0 ? ' (from the command line)' : Number.isInteger(parent) && parent > 0 ? `, forked by pid ${parent}` : '';
      return `${has('name') ? s('name') : 'a process'} starts${from}`;
    }
    case 'process_end': {
      if (e.status === 'exited') return `exits with code ${n('code')}`;
      const why = [s('cause'), has('reason') ? `(${s('reason')})` : ''].filter((w) => w !== '').join(' ');
      const where = [
        has('address') ? `address ${hex(n('address'))}${has('region') ? ` in ${s('region')}` : ''}` : '',
        has('pc') ? `pc ${hex(n('pc'))}` : '',
        has('killer') ? `by pid ${n('killer')}` : '',
      ].filter((w) => w !== '');
      return `killed: ${why}${where.length > 0 ? `; ${where.join(', ')}` : ''}`;
    }
    case 'context_switch':
      return n('from') === 0 ? `pid ${n('to')} gets the CPU` : `pid ${n('from')} -> pid ${n('to')}`;
    case 'trap':
      return `${s('cause')} at pc ${hex(n('pc'))}${has('address') ? `: ${has('access') ? `${accessOf(e.access)} ` : ''}${hex(n('address'))}` : ''}`;
    case 'page_fault':
      return `${accessOf(e.access)} ${hex(n('address'))} (${page(n('address') >>> 12)}): ${RESOLUTIONS[s('resolution')] ?? s('resolution')}`;
    case 'evict': {
      const owner = has('owner') ? ` of pid ${n('owner')}` : '';
      const shared = n('sharers') > 1 ? ` (shared by ${n('sharers')})` : '';
      return e.to === 'swap'
        ? `${page(n('vpn'))}${owner}${shared} leaves frame ${n('frame')} for swap slot ${n('slot')}`
        : `${page(n('vpn'))}${owner}${shared} leaves frame ${n('frame')}, dropped (clean: it can be made again)`;
    }
    case 'swap_in':
      return `${page(n('vpn'))} back from swap slot ${n('slot')} into frame ${n('frame')}`;
    case 'frame_alloc':
      return `frame ${n('frame')} taken for ${e.use === 'table' ? 'a page table' : 'a user page'}`;
    case 'frame_free':
      return `frame ${n('frame')} freed`;
    case 'syscall':
      return `${s('name')} returns ${syscallResultText(s('name'), n('result'))}`;
    case 'syscall_blocked':
      return `${s('name')} blocks: the process gives up the CPU`;
    case 'tlb_miss':
      return `TLB miss: ${accessOf(e.access)} ${page(n('vpn'))} (ASID ${n('asid')})`;
    case 'tlb_hit':
      return `TLB hit: ${accessOf(e.access)} ${page(n('vpn'))} (ASID ${n('asid')}), entry ${n('entry')}`;
    case 'walk': {
      const refs = `${n('refs')} page-table ${n('refs') === 1 ? 'word' : 'words'} read`;
      if (e.fault === 'none') return `walk of ${page(n('vpn'))}: frame ${n('pte') >>> 12}, ${rightsOf(n('pte'))} (${refs})`;
      return `walk of ${page(n('vpn'))}: ${e.fault === 'protection' ? 'not allowed' : 'not present'} (${refs})`;
    }
    case 'tlb_fill':
      return `${page(n('vpn'))} (ASID ${n('asid')}) cached in set ${n('set')}, way ${n('way')}`
        + (has('evicted_vpn') ? `, replacing ${page(n('evicted_vpn'))} (ASID ${n('evicted_asid')})` : '');
    case 'tlb_invalidate':
      if (e.scope === 'page') return `${page(n('vpn'))} (ASID ${n('asid')}) dropped`;
      if (e.scope === 'asid') return `every entry of ASID ${n('asid')} dropped`;
      return 'every entry dropped';
    default: {
      const { kind: _kind, cycle: _cycle, pid: _pid, ...rest } = e;
      return Object.entries(rest).map(([k, v]) => `${printable(k)}=${typeof v === 'string' ? printable(v) : valueText(v)}`).join(' ');
    }
  }
}

/** Deepest nesting of arrays and objects an unknown field is shown with. */
export const MAX_SHOWN_NESTING = 100;

/**
 * An unknown field's value as JSON. JSON.stringify recurses, and JSON.parse
 * does not: a hand-made trace line of 100,000 nested brackets parsed, then
 * overflowed the host's stack when shown (exit 70, attack28). The depth is
 * measured first, without recursion.
 */
function valueText(v: unknown): string {
  const pending: [unknown, number][] = [[v, 0]];
  while (pending.length > 0) {
    const [x, depth] = pending.pop()!;
    if (typeof x !== 'object' || x === null) continue;
    if (depth >= MAX_SHOWN_NESTING) return `(nested more than ${MAX_SHOWN_NESTING} deep: not shown)`;
    for (const y of Object.values(x)) pending.push([y, depth + 1]);
  }
  return printable(JSON.stringify(v));
}
