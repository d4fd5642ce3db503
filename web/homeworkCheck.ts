// Checking a student's entries against the machine's answers, one question
// at a time. Entries are read forgivingly where the CLI's own format allows
// it: hex with or without 0x, any case, spaces and underscores between
// digits; a TLB entry as "1:5", "1 : 5" or, with ASIDs off, "5"; a blank
// Evicts on a hit as "-". What cannot be read is wrong, never an error.
import type { Field, SheetQuestion } from './homeworkSheet.js';

export type Verdict = 'right' | 'wrong' | 'blank';

export interface QuestionCheck {
  readonly verdict: Verdict;
  /** The judged fields whose entry is not the machine's answer. */
  readonly wrong: readonly string[];
}

/** A whole number as typed: decimal, or hex with 0x. */
function readNumber(text: string): number | undefined {
  const t = text.replace(/[\s_]/g, '').toLowerCase();
  if (/^\d+$/.test(t)) return Number(t);
  if (/^0x[0-9a-f]+$/.test(t)) return parseInt(t.slice(2), 16);
  return undefined;
}

/** An address as typed: hex with or without 0x. */
function readHex(text: string): number | undefined {
  const t = text.replace(/[\s_]/g, '').toLowerCase().replace(/^0x/, '');
  return /^[0-9a-f]{1,8}$/.test(t) ? parseInt(t, 16) : undefined;
}

/** A TLB entry as ASID:VPN (numbers as readNumber reads them), or "-" for none. */
function readTlbEntry(text: string, bareVpnAsid: number | undefined): string | undefined {
  const t = text.trim().toLowerCase();
  if (t === '' || t === '-' || t === 'none') return '-';
  const parts = t.split(':');
  if (parts.length === 1 && bareVpnAsid !== undefined) {
    const vpn = readNumber(parts[0]!);
    return vpn === undefined ? undefined : `${bareVpnAsid}:${vpn}`;
  }
  if (parts.length !== 2) return undefined;
  const [asid, vpn] = parts.map(readNumber);
  return asid === undefined || vpn === undefined ? undefined : `${asid}:${vpn}`;
}

/** The entry in the field's canonical form, or undefined when it cannot be read. */
export function canonicalEntry(f: Field, text: string, bareVpnAsid?: number): string | undefined {
  switch (f.kind) {
    case 'choice': {
      const t = text.trim().toLowerCase();
      return f.choices?.find((c) => c.toLowerCase() === t);
    }
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
  }
}

/** Right when every field the machine's answer asks for holds that answer; blank when none was filled in. */
export function checkQuestion(q: SheetQuestion, entries: Readonly<Record<string, string>>): QuestionCheck {
  const judged = q.fields.filter((f) => f.expected !== undefined);
  if (judged.every((f) => (entries[f.id] ?? '').trim() === '')) {
    return { verdict: 'blank', wrong: [] };
  }
  const wrong = judged.filter((f) => canonicalEntry(f, entries[f.id] ?? '', q.bareVpnAsid) !== f.expected).map((f) => f.id);
  return { verdict: wrong.length === 0 ? 'right' : 'wrong', wrong };
}

/** The machine's answers as entries: what Show answers fills in. */
export function answerEntries(q: SheetQuestion): Record<string, string> {
  return Object.fromEntries(q.fields.map((f) => [f.id, f.expected ?? '']));
}
