// Assembler errors are values: each names the file, the 1-based line and
// column of the offending token, and what was wrong in the user's terms.
import type { Span } from './ast.js';

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
  return `${e.file}:${e.line}:${e.column}: ${e.message}`;
}

export function toAsmErrors(map: LineLocator, diags: readonly Diagnostic[]): AsmError[] {
  const sorted = [...diags].sort((a, b) => a.span.line - b.span.line || a.span.column - b.span.column);
  const seen = new Set<string>();
  const out: AsmError[] = [];
  for (const d of sorted) {
    const key = `${d.span.line}:${d.span.column}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const o = map.origin(d.span.line);
    out.push({ file: o.file, line: o.line, column: d.span.column, message: d.message });
  }
  return out;
}

/** Edit distance counting a swap of two neighbouring letters as one edit (a common typo: .wrod). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** True when the letters of `word` appear in `candidate` in order (the user left some out). */
function isSubsequence(word: string, candidate: string): boolean {
  let i = 0;
  for (const c of candidate) if (c === word[i]) i++;
  return i === word.length;
}

/** "; did you mean 'x'?" when a candidate is close enough to be a likely typo, else "". */
export function didYouMean(word: string, candidates: Iterable<string>, caseInsensitive = false): string {
  const fold = (s: string): string => (caseInsensitive ? s.toLowerCase() : s);
  const w = fold(word);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    // Ties go to a candidate that holds the word's letters in order: 'adi' is more likely 'addi' than 'add'.
    const score = editDistance(w, fold(c)) * 2 + (isSubsequence(w, fold(c)) ? 0 : 1);
    if (score < bestScore) { best = c; bestScore = score; }
  }
  const distance = Math.floor(bestScore / 2);
  // Allow about one typo per three letters, and never suggest a wholly different word.
  const limit = Math.max(1, Math.floor(w.length / 3));
  return best !== undefined && distance <= limit && distance < w.length ? `; did you mean '${best}'?` : '';
}
