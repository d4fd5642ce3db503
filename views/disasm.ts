// Disassembly around an address (the pc by default), read through the
// process's page table, with labels and the source line each word came from.
import { disassembleWord } from '../asm/disassemble.js';
import { lineEntryAt, sourceFileName, TEXT_BASE, type ProgramImage } from '../asm/image.js';
import type { Kernel, Process } from './machine.js';
import { wordOf } from './memory.js';

export interface DisasmRow {
  readonly address: number;
  readonly word: number;
  readonly text: string;
  /** A label defined at this address. */
  readonly label?: string;
  /**
   * Source line (1-based), the file that holds it (as kill reports name it:
   * the program's base name, or an included file such as lib/print.s) and
   * the line's text when known, when the image's line table has it.
   */
  readonly line?: number;
  readonly file?: string;
  readonly source?: string;
  readonly isPc: boolean;
}

export interface DisasmView {
  readonly pid: number;
  readonly file: string;
  readonly pc: number;
  readonly rows: readonly DisasmRow[];
}

/**
 * Source text for the lines: the program's own text (a string: its included
 * files' lines then have none), or a lookup by line-table file name.
 */
export type SourceText = string | ((file: string) => string | undefined);

function labels(image: ProgramImage): Map<number, string> {
  const m = new Map<number, string>();
  for (const s of image.symbols) if (s.section === 'text' && !m.has(s.value)) m.set(s.value, s.name);
  return m;
}

/**
 * `before` instructions before `around` (default: p's pc) and `after` from
 * it; rows stop where nothing can be read. `source` gives the lines' text.
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
  // Each file's lines, split once: a row's text comes from the file that holds its line.
  const split = new Map<string, readonly string[] | undefined>();
  const linesOf = (file: string): readonly string[] | undefined => {
    if (!split.has(file)) {
      const text = typeof source === 'function' ? source(file) : file === image.sourceName ? source : undefined;
      split.set(file, text?.split('\n'));
    }
    return split.get(file);
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
    const row = lineEntryAt(image, a);
    const text = row === undefined ? undefined : linesOf(row.file)?.[row.line - 1];
    const name = label(a);
    rows.push({
      address: a >>> 0, word, text: disassembleWord(word, a, label, { aliases: options.aliases ?? false }), isPc: a === pc,
      ...(name !== undefined ? { label: name } : {}),
      ...(row !== undefined ? { line: row.line, file: sourceFileName(image, row.file), ...(text !== undefined ? { source: text.trim() } : {}) } : {}),
    });
  }
  return { pid: p.pid, file: image.sourceName, pc, rows };
}
