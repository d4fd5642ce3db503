// Reads what V8 prints with --trace-opt and --trace-deopt-verbose, and what
// it logs with --log-code, into one record per function: how often it was
// marked and optimised, how long its compiles took, and every deoptimisation
// with its kind, reason and source position. Used by bench/deopt.ts; the
// formats are those of V8 11.3 (Node 20), see docs/benchmarks.md ("Deopt check").

export interface Deopt {
  /** deopt-eager, deopt-soft, deopt-lazy..., or `dependency` for "marking dependent code". */
  readonly kind: string;
  readonly reason: string;
  readonly bytecodeOffset: number | null;
  /** V8's number of the optimised code that was thrown away (the same id twice: one code object deoptimised again). */
  readonly optId: number | null;
  /** Where it happened (`file:line:column`), innermost first, then each "inlined at"; empty if not printed. */
  readonly at: readonly string[];
  /** Position of the event in the trace (comparable with FunctionTrace.firstOptimized). */
  readonly seq: number;
}

export interface FunctionTrace {
  /** The SharedFunctionInfo's address, untagged (the trace prints it tagged, the log untagged). */
  readonly sfi: string;
  readonly name: string;
  marked: number;
  /** "completed optimizing" events, OSR ones included. */
  optimized: number;
  osr: number;
  /** Sum of the three phases V8 reports for each completed compile. */
  compileMs: number;
  /** seq of the first completed optimisation, or null if never optimised. */
  firstOptimized: number | null;
  readonly deopts: Deopt[];
}

/** Untagged lower-case hex of a heap address (V8 tags heap pointers with a low 1 bit). */
export function untag(address: string): string {
  return `0x${(BigInt(address) & ~1n).toString(16)}`;
}

const JS_FUNCTION = /<JSFunction ([^<>]*?) ?\(sfi = (0x[0-9a-f]+)\)>/;
const DEOPT_AT = /^\s*;;; deoptimize at (.*)$/;
const LOCATION = /<([^<>]+)>/g;

function entry(table: Map<string, FunctionTrace>, sfi: string, name: string): FunctionTrace {
  const key = untag(sfi);
  let f = table.get(key);
  if (f === undefined) {
    f = { sfi: key, name, marked: 0, optimized: 0, osr: 0, compileMs: 0, firstOptimized: null, deopts: [] };
    table.set(key, f);
  }
  return f;
}

/** The trace's events per function, keyed by untagged sfi address. Lines it does not know are skipped. */
export function parseTrace(text: string): Map<string, FunctionTrace> {
  const table = new Map<string, FunctionTrace>();
  let last: Deopt | null = null;
  let seq = 0;
  for (const line of text.split('\n')) {
    seq++;
    const at = DEOPT_AT.exec(line);
    if (at !== null && last !== null && last.at.length === 0) {
      (last.at as string[]).push(...[...at[1]!.matchAll(LOCATION)].map((m) => m[1]!.replace(/^file:\/\//, '')));
      continue;
    }
    if (!line.startsWith('[')) continue;
    const dependent = /^\[marking dependent code \S+ <Code \w+> \((0x[0-9a-f]+) <SharedFunctionInfo ?([^>]*)>\) \(opt id (\d+)\) for deoptimization, reason: (.*)\]$/.exec(line);
    if (dependent !== null) {
      const d: Deopt = { kind: 'dependency', reason: dependent[4]!, bytecodeOffset: null, optId: Number(dependent[3]), at: [], seq };
      entry(table, dependent[1]!, dependent[2]!).deopts.push(d);
      last = null;
      continue;
    }
    const fn = JS_FUNCTION.exec(line);
    if (fn === null) continue;
    const f = entry(table, fn[2]!, fn[1]!);
    if (line.startsWith('[marking ')) f.marked++;
    else if (line.startsWith('[completed optimizing ')) {
      f.optimized++;
      if (/\) OSR\]$/.test(line)) f.osr++;
      f.firstOptimized ??= seq;
    } else if (line.startsWith('[completed compiling ')) {
      const took = /took ([\d.]+), ([\d.]+), ([\d.]+) ms/.exec(line);
      if (took !== null) f.compileMs += Number(took[1]) + Number(took[2]) + Number(took[3]);
    } else if (line.startsWith('[bailout (kind: ')) {
      const b = /^\[bailout \(kind: ([^,]+), reason: (.*?)\): begin\./.exec(line);
      const offset = /bytecode offset (\d+)/.exec(line);
      const optId = /opt id (\d+)/.exec(line);
      if (b === null) continue;
      last = { kind: b[1]!, reason: b[2]!, bytecodeOffset: offset === null ? null : Number(offset[1]), optId: optId === null ? null : Number(optId[1]), at: [], seq };
      f.deopts.push(last);
    }
  }
  return table;
}

export interface CodeSource {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** From a --log-code log: each JavaScript function's source position, keyed by untagged sfi address. */
export function parseCodeLog(text: string): Map<string, CodeSource> {
  const out = new Map<string, CodeSource>();
  const creation = /^code-creation,JS,\d+,\d+,0x[0-9a-f]+,\d+,(?:"((?:[^"]|"")*)"|([^,]*)),(0x[0-9a-f]+),/;
  for (const line of text.split('\n')) {
    const m = creation.exec(line);
    if (m === null) continue;
    const described = (m[1]?.replace(/""/g, '"') ?? m[2])!;
    const pos = /^(.*?) ?([^ ]+):(\d+):(\d+)$/.exec(described);
    if (pos === null) continue;
    const sfi = untag(m[3]!);
    if (!out.has(sfi)) out.set(sfi, { name: pos[1]!, file: pos[2]!.replace(/^file:\/\//, ''), line: Number(pos[3]), column: Number(pos[4]) });
  }
  return out;
}

export interface BundlePlace {
  /** The module esbuild bundled it from, e.g. `cpu/cpu.js` (its `// dist/cpu/cpu.js` comment), or null. */
  readonly module: string | null;
  /** The class whose body holds the line (`Cpu = class {` to its closing brace), or null. */
  readonly className: string | null;
  /** The bundle's line itself, trimmed. */
  readonly text: string;
}

/** Finds, for a line of an esbuild bundle, the module and class it came from. */
export function bundleLocator(bundleText: string): (line: number) => BundlePlace {
  const lines = bundleText.split('\n');
  const modules: { line: number; name: string }[] = [];
  const classes: { line: number; end: number; name: string }[] = [];
  lines.forEach((text, i) => {
    const mod = /^\/\/ (?:dist\/)?(\S+\.(?:js|cjs|mjs))$/.exec(text);
    if (mod !== null) modules.push({ line: i + 1, name: mod[1]! });
    const cls = /^(\s*)(?:(?:(?:var|let|const)\s+)?([\w$]+)\s*=\s*class\b|class\s+([\w$]+))/.exec(text);
    if (cls === null) return;
    // The class ends at the first later line that closes at the class line's own indentation.
    const indent = cls[1]!;
    let end = i + 1;
    while (end < lines.length && !(lines[end]!.startsWith(`${indent}}`))) end++;
    classes.push({ line: i + 1, end: end + 1, name: (cls[2] ?? cls[3])! });
  });
  const before = <T extends { line: number }>(list: T[], line: number): T | undefined => {
    let found: T | undefined;
    for (const x of list) {
      if (x.line > line) break;
      found = x;
    }
    return found;
  };
  return (line) => {
    const mod = before(modules, line);
    const cls = classes.filter((c) => c.line <= line && line <= c.end).pop();
    return { module: mod?.name ?? null, className: cls?.name ?? null, text: (lines[line - 1] ?? '').trim() };
  };
}
