// Checking a student's entries against the machine's answers, one question
// at a time. Entries are read forgivingly where the CLI's own format allows
// it: hex with or without 0x, any case, spaces and underscores between
// digits; a word with '_', '-' or a space between its parts alike
// (not_present, not-present, Not Present); a TLB entry as "1:5", "1 : 5" or,
// with ASIDs off, "5"; no entry (an Evicts of a hit) as "-" or "none";
// resident pages as "1, 2, 3", "[1,2,3]" or "1 2 3", in order.
// An empty field is no answer; a field this answer does not ask for (the
// physical address of a fault) is right only when empty. What cannot be read
// is wrong, never an error.
import type { Field, SheetQuestion } from './homeworkSheet.js';

export type Verdict = 'right' | 'wrong' | 'blank';

export interface QuestionCheck {
  readonly verdict: Verdict;
  /** The ids of the fields whose entry is not the machine's answer, in the row's order. */
  readonly wrong: readonly string[];
}

/** A whole number as typed: decimal, or hex with 0x. */
function readNumber(text: string): number | undefined {
  const t = text.replace(/[\s_]/g, '').toLowerCase();
  if (/^\d{1,15}$/.test(t)) return Number(t);
  if (/^0x[0-9a-f]{1,13}$/.test(t)) return parseInt(t.slice(2), 16);
  return undefined;
}

/** An address as typed: hex with or without 0x, at most 32 bits. */
function readHex(text: string): number | undefined {
  const t = text.replace(/[\s_]/g, '').toLowerCase().replace(/^0x/, '');
  return /^[0-9a-f]{1,8}$/.test(t) ? parseInt(t, 16) : undefined;
}

/** A word with its parts joined by '-': `Not_Present` and `not present` are `not-present`; '-' alone stays. */
const wordOf = (text: string) => text.trim().toLowerCase().replace(/[\s_-]+/g, '-');

/** A TLB entry as ASID:VPN (numbers as readNumber reads them), or "-" for none. */
function readTlbEntry(text: string, bareVpnAsid: number | undefined): string | undefined {
  const t = text.trim().toLowerCase();
  if (t === '-' || t === 'none') return '-';
  const parts = t.split(':');
  if (parts.length === 1 && bareVpnAsid !== undefined) {
    const vpn = readNumber(parts[0]!);
    return vpn === undefined ? undefined : `${bareVpnAsid}:${vpn}`;
  }
  if (parts.length !== 2) return undefined;
  const [asid, vpn] = parts.map(readNumber);
  return asid === undefined || vpn === undefined ? undefined : `${asid}:${vpn}`;
}

/** Pages in order, as `1, 2, 3`, `[1,2,3]` or `1 2 3`: `1,2,3` (never none: the page just used is resident). */
function readPages(text: string): string | undefined {
  const t = text.trim().replace(/^\[(.*)\]$/s, '$1').trim();
  if (t === '') return undefined;
  const pages = t.split(/\s*,\s*|\s+/).map(readNumber);
  return pages.some((n) => n === undefined) ? undefined : pages.join(',');
}

/** The entry in the field's canonical form (the form of Field.expected): '' when empty, undefined when it cannot be read. */
export function canonicalEntry(f: Field, text: string, bareVpnAsid?: number): string | undefined {
  if (text.trim() === '') return '';
  switch (f.kind) {
    case 'choice':
      return f.choices?.find((c) => wordOf(c) === wordOf(text));
    case 'hex': {
      const n = readHex(text);
      return n === undefined ? undefined : `0x${n.toString(16).padStart(8, '0')}`;
    }
    case 'number': {
      const n = readNumber(text);
      return n === undefined ? undefined : String(n);
    }
    case 'tlb-entry':
      return readTlbEntry(text, bareVpnAsid);
    case 'page': {
      const t = text.trim().toLowerCase();
      if (t === '-' || t === 'none') return '-';
      const n = readNumber(t);
      return n === undefined ? undefined : String(n);
    }
    case 'pages':
      return readPages(text);
  }
}

/** Blank when every field is empty; right when each field holds the machine's answer (empty where it asks for none). */
export function checkQuestion(q: SheetQuestion, entries: Readonly<Record<string, string>>): QuestionCheck {
  if (q.fields.every((f) => (entries[f.id] ?? '').trim() === '')) return { verdict: 'blank', wrong: [] };
  const wrong = q.fields.filter((f) => canonicalEntry(f, entries[f.id] ?? '', q.bareVpnAsid) !== (f.expected ?? '')).map((f) => f.id);
  return { verdict: wrong.length === 0 ? 'right' : 'wrong', wrong };
}

/** The machine's answers as entries: what Fill in the answers puts in the row. */
export function answerEntries(q: SheetQuestion): Record<string, string> {
  return Object.fromEntries(q.fields.map((f) => [f.id, f.expected ?? '']));
}
