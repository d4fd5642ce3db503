// Assembler errors are values: each names the file, the 1-based line and
// column of the offending token, and what was wrong in the user's terms.
import type { Span } from './ast.js';
import { escapeControlChars } from './controlChars.js';

/** Maps a span's line (a sequence number over the expanded program, see include.ts) to its file and line. */
export interface LineLocator {
  origin(seq: number): { readonly file: string; readonly line: number };
}

export interface AsmError {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** An error before it is tied to a file name. */
export interface Diagnostic {
  readonly span: Span;
  readonly message: string;
}

export function diag(span: Span, message: string): Diagnostic {
  return { span, message };
}

/** "FILE:LINE:COL: message", the form compilers use, so editors can jump to it. */
export function formatAsmError(e: AsmError): string {
  return `${escapeControlChars(e.file)}:${e.line}:${e.column}: ${e.message}`;
}

/**
 * Errors listed at most, in line order; one more line counts the rest. A
 * source made of errors (8 million lines of 'x' fit in 16 MiB) once cost
 * the host a kilobyte an error to list: V8 ran out of memory after 6
 * minutes (attack26). Ten thousand are far more than anyone fixes at once.
 */
export const MAX_LISTED_ERRORS = 10_000;

export function toAsmErrors(map: LineLocator, diags: readonly Diagnostic[]): AsmError[] {
  const sorted = [...diags].sort((a, b) => a.span.line - b.span.line || a.span.column - b.span.column);
  const seen = new Set<string>();
  const out: AsmError[] = [];
  let more = 0;
  let firstUnlisted: Diagnostic | undefined;
  let lastKey = '';
  for (const d of sorted) {
    const key = `${d.span.line}:${d.span.column}:${d.message}`;
    if (seen.has(key)) continue;
    if (out.length === MAX_LISTED_ERRORS) {
      // Past the limit only neighbours are compared (duplicates sort together), so nothing more is kept.
      if (firstUnlisted === undefined || key !== lastKey) more++;
      firstUnlisted ??= d;
      lastKey = key;
      continue;
    }
    seen.add(key);
    const o = map.origin(d.span.line);
    out.push({ file: o.file, line: o.line, column: d.span.column, message: d.message });
  }
  if (firstUnlisted !== undefined) {
    const o = map.origin(firstUnlisted.span.line);
    out.push({
      file: o.file, line: o.line, column: firstUnlisted.span.column,
      message: `${more} more errors from here on, not listed (at most ${MAX_LISTED_ERRORS} are): fix these first`,
    });
  }
  return out;
}

/** Edit distance counting a swap of two neighbouring letters as one edit (a common typo: .wrod). */
export function editDistance(a: string, b: string): number {
  // Three rows (the swap looks two back), made once per call: this runs for
  // every candidate of every hint, so it allocates no row per letter.
  const width = b.length + 1;
  let before = new Int32Array(width);
  let prev = Int32Array.from({ length: width }, (_, j) => j);
  let row = new Int32Array(width);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      row[j] = v;
    }
    [before, prev, row] = [prev, row, before];
  }
  return prev[b.length]!;
}

/** True when the letters of `word` appear in `candidate` in order (the user left some out). */
function isSubsequence(word: string, candidate: string): boolean {
  let i = 0;
  for (const c of candidate) if (c === word[i]) i++;
  return i === word.length;
}

/**
 * Edit-distance cells the did-you-mean hints of one assembly may cost in
 * all (a few tenths of a second). An undefined name is compared with every
 * symbol, so N labels and N misspelt uses once cost N^2 (attack26: 40,000
 * of each took minutes); once the budget is spent, errors come without a
 * hint. Every error is still reported.
 */
export const HINT_BUDGET_CELLS = 10_000_000;
/** What the assembly under way may still spend on hints; outside an assembly (the debugger, -D) there is no limit. */
let hintCells = Infinity;

/**
 * Runs one assembly with its whole hint budget, and lifts the budget after
 * it: a debugger session's did-you-means over a big program's labels are
 * one word each, and must not go quiet after a few for a budget made for
 * assemblies of errors.
 */
export function withHintBudget<T>(assembly: () => T): T {
  hintCells = HINT_BUDGET_CELLS;
  try {
    return assembly();
  } finally {
    hintCells = Infinity;
  }
}

/** "; did you mean 'x'?" when a candidate is close enough to be a likely typo, else "" (also once the hint budget is spent). */
export function didYouMean(word: string, candidates: Iterable<string>, caseInsensitive = false): string {
  const fold = (s: string): string => (caseInsensitive ? s.toLowerCase() : s);
  const w = fold(word);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    hintCells -= (w.length + 1) * (c.length + 1);
    if (hintCells < 0) return '';
    // Ties go to a candidate that holds the word's letters in order ('adi' is more likely 'addi' than 'add'),
    // or whose letters the word holds in order, a letter typed twice ('lii' is more likely 'li' than 'lui').
    const f = fold(c);
    const score = editDistance(w, f) * 2 + (isSubsequence(w, f) || isSubsequence(f, w) ? 0 : 1);
    if (score < bestScore) { best = c; bestScore = score; }
  }
  const distance = Math.floor(bestScore / 2);
  // Allow about one typo per three letters, and never suggest a wholly different word.
  const limit = Math.max(1, Math.floor(w.length / 3));
  return best !== undefined && distance <= limit && distance < w.length ? `; did you mean '${best}'?` : '';
}
