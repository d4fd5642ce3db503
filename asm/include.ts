// `.include "path"`: the named file's lines in place of the line (SPEC section 3).
// The assembler never touches a filesystem itself: the caller hands it a
// reader (the CLI reads files; the browser or a test reads from a map).
// Every line of the expanded program gets a sequence number, which is the
// `line` of its spans inside the assembler; the SourceMap turns a sequence
// number back into the file and line that hold it.
import { spanAt, type LineAst } from './ast.js';
import { diag, type Diagnostic } from './errors.js';
import { LineCache } from './lineCache.js';
import { parseLine } from './parse.js';

/** Reads one included file by its resolved name: its text, or why it cannot be had. */
/**
 * Reads an included file by its resolved name. A reader with no file system
 * behind it (the browser's bundle of library files) lists what it has in
 * `offers`, so that a miss can name the path that reaches the file instead
 * of advice about folders. A reader of a file system that holds illusion's
 * own files gives their folder (`shippedRoot`, absolute), so that the
 * shipped library is named by a path that works wherever the user is.
 */
export type IncludeReader = (name: string) => { ok: true; text: string }
  | { ok: false; message: string; at?: { line: number; column: number }; offers?: readonly string[]; shippedRoot?: string };

/** Where one line of the expanded program came from. */
export interface LineOrigin {
  readonly file: string;
  readonly line: number;
}

/**
 * Sequence number (1-based) to file and line. Kept as two lists of small
 * numbers (a file's index, a line) rather than an object per line: the map
 * lives as long as the assembly, and every long-lived object costs the
 * young-generation collections a copy (issue 18, docs/benchmarks.md).
 */
export class SourceMap {
  private readonly files: string[] = [];
  private readonly fileOfSeq: number[] = [];
  private readonly lineOfSeq: number[] = [];
  add(origin: LineOrigin): number {
    let f = this.files.lastIndexOf(origin.file);
    if (f < 0) f = this.files.push(origin.file) - 1;
    this.fileOfSeq.push(f);
    this.lineOfSeq.push(origin.line);
    return this.lineOfSeq.length;
  }
  origin(seq: number): LineOrigin {
    const n = this.lineOfSeq.length;
    if (n === 0) return { file: '', line: seq };
    // An unknown sequence number (a program-wide message) is the first line's.
    const i = Number.isInteger(seq) && seq >= 1 && seq <= n ? seq - 1 : 0;
    return { file: this.files[this.fileOfSeq[i]!]!, line: this.lineOfSeq[i]! };
  }
  /** "line 3" when `seq` is in `sameFileAs`'s file, else "lib/x.s:3"; the same line of a file included twice says so. */
  describe(seq: number, sameFileAs: number): string {
    const o = this.origin(seq);
    const from = this.origin(sameFileAs);
    if (o.file !== from.file) return `${o.file}:${o.line}`;
    if (o.line === from.line && seq !== sameFileAs) {
      return `line ${o.line} of an earlier .include of ${o.file}: a file included twice defines its labels twice (there is no include guard)`;
    }
    return `line ${o.line}`;
  }
}

/** Deepest chain of includes; far beyond any real program, it stops a generated chain of distinct files. */
export const MAX_INCLUDE_DEPTH = 64;
/**
 * Most `.include`s carried out in one program, repeats counted. A few files
 * each included twice by the one before expand to 2^n copies (31 files of
 * two lines made 2^30 lines: a minute and 2 GB before anything was said);
 * a real program includes a handful.
 */
export const MAX_INCLUDES = 10_000;

/**
 * Most characters of source in one program, the main file and every file it
 * includes, counted each time it is included. Lines are short, so their
 * length limit (parse.ts) does not bound a source's cost: each label costs
 * the assembler about 1 KB and 25 us (attack25: 4 million label lines, 71
 * MB, took 161 s and 3.4 GB; the 128 MiB a file may hold passes V8's heap
 * limit). Real programs are a few kilobytes; a generated million-line
 * program of short instructions still fits.
 */
export const MAX_SOURCE_CHARS = 16 * 1024 * 1024;

export interface Expanded {
  readonly lines: LineAst[];
  /** The syntax errors of all lines, in line order. */
  readonly errors: Diagnostic[];
  readonly map: SourceMap;
  /** The `.include` lines not carried out (a file that could not be read, a cycle, a limit), first first. */
  readonly failed: readonly FailedInclude[];
}

export interface FailedInclude {
  readonly seq: number;
  readonly path: string;
}

/** `dir/of/from` + `path`, with `.` and `..` folded (POSIX separators; an absolute path stays absolute). */
export function resolveIncludePath(from: string, path: string): string {
  const slash = from.lastIndexOf('/');
  const joined = path.startsWith('/') || slash < 0 ? path : `${from.slice(0, slash + 1)}${path}`;
  const out: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '.' || (part === '' && out.length > 0)) continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..' && out[out.length - 1] !== '') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** The libraries programs/ ships, which a program copied out of there still includes as lib/NAME. */
const SHIPPED_LIBRARIES: Readonly<Record<string, string>> = { 'print.s': 'programs/lib/print.s', 'check.s': 'programs/attacks/lib/check.s' };

/** " (...)" for a missing include that names a library illusion ships, else "". */
function shippedLibraryHint(path: string, target: string, root: string | undefined): string {
  const inRepo = SHIPPED_LIBRARIES[path.slice(path.lastIndexOf('/') + 1)];
  if (inRepo === undefined) return '';
  const what = inRepo.endsWith('print.s') ? 'print library' : 'check library';
  // Copied to where this .include looks, it is found (`.include "print.s"` looks beside the program, not in lib/).
  const copy = `copy it to ${target} (where this .include looks)`;
  // Without a root the path is the one in illusion's own folder: it works only from there.
  if (root === undefined) return ` (the path is relative to the including file's folder; illusion's own ${what} is ${inRepo}: ${copy}, or include it by its own path)`;
  const shipped = `${root.replace(/\/$/, '')}/${inRepo}`;
  return ` (the path is relative to the including file's folder; illusion's own ${what} is ${shipped}: ${copy}, or write .include "${shipped}")`;
}

/**
 * " (...)" for a miss in a reader that offers a file of the same base name:
 * the path to write from the including file, since the paths offered are
 * whole names and the included one is relative to its includer's folder.
 */
function offeredFileHint(includer: string, path: string, offers: readonly string[]): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const ways = offers.filter((o) => o.slice(o.lastIndexOf('/') + 1) === base).map((o) => relativeIncludePath(includer, o)).filter((w) => w !== undefined);
  return ways.length === 0 ? '' : ` (the path is relative to the including file's folder: from ${includer} write ${ways.map((w) => `.include "${w}"`).join(' or ')})`;
}

/** The path that `.include` in `from` writes to reach `target` (both resolved names), or undefined when there is none to write. */
function relativeIncludePath(from: string, target: string): string | undefined {
  if (from.startsWith('/') !== target.startsWith('/')) return undefined;
  const folder = from.split('/').slice(0, -1);
  const parts = target.split('/');
  if (folder.includes('..')) return undefined;
  let same = 0;
  while (same < folder.length && same < parts.length - 1 && folder[same] === parts[same]) same++;
  return [...folder.slice(same).map(() => '..'), ...parts.slice(same)].join('/');
}

/** Parses `source` (named `file`) and every file it includes, in place, into one list of lines. */
export function expandIncludes(source: string, file: string, read: IncludeReader | undefined): Expanded {
  const map = new SourceMap();
  const lines: LineAst[] = [];
  const errors: Diagnostic[] = [];
  const failed: FailedInclude[] = [];
  const cache = new LineCache();
  let includes = 0;
  let chars = source.length;
  let tooMuch = false;
  if (chars > MAX_SOURCE_CHARS) {
    const seq = map.add({ file, line: 1 });
    errors.push(diag({ line: seq, column: 1, length: 1 }, `this source is ${chars} characters long, more than ${MAX_SOURCE_CHARS} (16 MiB): far more than a program (a generated file? make tables with .space and code, or assemble less at once)`));
    return { lines, errors, map, failed };
  }
  const walk = (text: string, name: string, chain: readonly string[]): void => {
    text.split('\n').forEach((raw, i) => {
      const seq = map.add({ file: name, line: i + 1 });
      const parsed = parseLine(raw, seq, cache);
      const s = parsed.ast.statement;
      if (s === null || s.kind !== 'directive' || s.name !== '.include') {
        lines.push(parsed.ast);
        for (const e of parsed.errors) errors.push(e);
        return;
      }
      // The label of an include line (if any) stays, at the place of the include.
      const keep = (found: Diagnostic[], path?: string): void => {
        lines.push({ line: parsed.ast.line, label: parsed.ast.label, statement: null });
        for (const e of found) errors.push(e);
        if (path !== undefined) failed.push({ seq, path });
      };
      const op = s.operands[0];
      if (s.operands.length !== 1 || op!.kind !== 'str') { keep([diag(spanAt(seq, s), `'.include' takes one file name in double quotes, like .include "lib/print.s"`)]); return; }
      const path = new TextDecoder().decode(Uint8Array.from(op!.bytes));
      if (read === undefined) { keep([diag(spanAt(seq, op!), `cannot include '${path}': this assembler was given no way to read files`)], path); return; }
      const target = resolveIncludePath(name, path);
      const at = chain.indexOf(target);
      if (at >= 0) { keep([diag(spanAt(seq, op!), `'${target}' includes itself: ${[...chain.slice(at), target].join(' -> ')}`)], target); return; }
      if (chain.length > MAX_INCLUDE_DEPTH) { keep([diag(spanAt(seq, op!), `includes nest more than ${MAX_INCLUDE_DEPTH} deep`)], target); return; }
      // Said once, at the include that crosses the line; the ones after it are skipped in silence.
      if (++includes > MAX_INCLUDES) {
        keep(includes === MAX_INCLUDES + 1 ? [diag(spanAt(seq, op!), `more than ${MAX_INCLUDES} .include lines carried out in one program (the same files included again and again, each copy including more?); '${target}' is not included here, nor any after it`)] : [], target);
        return;
      }
      if (tooMuch) { keep([], target); return; } // past the source limit: not even read
      const got = read(target);
      if (!got.ok) {
        const where = got.at === undefined ? '' : ` (line ${got.at.line}, column ${got.at.column})`;
        const hint = got.offers !== undefined ? offeredFileHint(name, path, got.offers) : got.message === 'no such file' ? shippedLibraryHint(path, target, got.shippedRoot) : '';
        keep([diag(spanAt(seq, op!), `cannot include '${target}'${where}: ${got.message}${hint}`)], target);
        return;
      }
      if (chars + got.text.length > MAX_SOURCE_CHARS) {
        // Said once, at the include that crosses the line, as for MAX_INCLUDES.
        keep([diag(spanAt(seq, op!), `including '${target}' (${got.text.length} characters) would make the program's source more than ${MAX_SOURCE_CHARS} characters (16 MiB), included files counted each time: it is not included here, nor any file after it`)], target);
        tooMuch = true;
        return;
      }
      chars += got.text.length;
      keep([]);
      walk(got.text, target, [...chain, target]);
    });
  };
  // The chain holds resolved names, so that `./a.s` including "a.s" is seen as a cycle at once.
  walk(source, file, [resolveIncludePath('', file)]);
  return { lines, errors, map, failed };
}
