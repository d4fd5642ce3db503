// Disassembly around an address (the pc by default), read through the
// process's page table, with labels and the source line each word came from.
import { disassembleWord } from '../asm/disassemble.js';
import { lineEntryAt, TEXT_BASE, type ProgramImage } from '../asm/image.js';
import type { Kernel, Process } from './machine.js';
import { wordOf } from './memory.js';

export interface DisasmRow {
  readonly address: number;
  readonly word: number;
  readonly text: string;
  /** A label defined at this address. */
  readonly label?: string;
  /**
   * The file (the program's own, or one it `.include`s), the line (1-based)
   * and its text, when the image's line table has them.
   */
  readonly file?: string;
  readonly line?: number;
  readonly source?: string;
  readonly isPc: boolean;
}

export interface DisasmView {
  readonly pid: number;
  readonly file: string;
  readonly pc: number;
  readonly rows: readonly DisasmRow[];
}

function labels(image: ProgramImage): Map<number, string> {
  const m = new Map<number, string>();
  for (const s of image.symbols) if (s.section === 'text' && !m.has(s.value)) m.set(s.value, s.name);
  return m;
}

/**
 * A program's source text: the program's own file's text (no text then for
 * lines of included files), or a reader from a file name (as the line table
 * names it) to that file's text.
 */
export type SourceText = string | ((file: string) => string | undefined);

/**
 * `before` instructions before `around` (default: p's pc) and `after` from
 * it; rows stop where nothing can be read. `source` gives the lines' text;
 * a line of an included file takes its text from that file, never from the
 * program's own at the same number.
 * `aliases` writes fp, sp, ra for r13..r15 (the debugger's choice).
 */
export function disassemblyOf(
  k: Kernel, p: Process, source: SourceText | undefined,
  options: { around?: number; before?: number; after?: number; aliases?: boolean } = {},
): DisasmView | undefined {
  const image = p.space?.image;
  if (image === undefined) return undefined;
  const pc = k.pcOf(p) >>> 0;
  const at = (options.around ?? pc) & ~3;
  const before = options.before ?? 4;
  const after = options.after ?? 8;
  const names = labels(image);
  const label = (a: number): string | undefined => names.get(a);
  const files = new Map<string, readonly string[] | undefined>();
  const linesOf = (file: string): readonly string[] | undefined => {
    if (!files.has(file)) {
      const text = typeof source === 'function' ? source(file) : file === image.sourceName ? source : undefined;
      files.set(file, text?.split('\n'));
    }
    return files.get(file);
  };
  // Around a pc in .text, keep to .text (the rest of its last page is zeros);
  // elsewhere (a jump into data) show what is there.
  const textEnd = TEXT_BASE + image.text.length;
  const inText = at >= TEXT_BASE && at < textEnd;
  const from = Math.max(at - before * 4, inText ? TEXT_BASE : 0);
  const to = inText ? Math.min(at + after * 4, textEnd) : at + after * 4;
  const rows: DisasmRow[] = [];
  for (let a = from; a < to; a += 4) {
    const word = wordOf(k, p, a);
    if (word === undefined) {
      if (a < at) continue;
      break;
    }
    const entry = lineEntryAt(image, a);
    const name = label(a);
    const text = entry === undefined ? undefined : linesOf(entry.file)?.[entry.line - 1];
    rows.push({
      address: a >>> 0, word, text: disassembleWord(word, a, label, { aliases: options.aliases ?? false }), isPc: a === pc,
      ...(name !== undefined ? { label: name } : {}),
      ...(entry !== undefined ? { file: entry.file, line: entry.line, ...(text !== undefined ? { source: text.trim() } : {}) } : {}),
    });
  }
  return { pid: p.pid, file: image.sourceName, pc, rows };
}
