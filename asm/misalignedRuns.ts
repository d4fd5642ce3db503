// Words (instructions, `.word`) at addresses that are not multiples of 4,
// found in pass 2 (asm/assemble.ts) and reported one run at a time.
import { spanAt } from './ast.js';
import { diag, type Diagnostic, type LineLocator } from './errors.js';
import { hex32 } from './expressions.js';
import type { Item } from './layout.js';

const DATA_DIRECTIVES: readonly string[] = ['.byte', '.ascii', '.asciz', '.space'];

/**
 * Words (instructions, `.word`) at addresses that are not multiples of 4.
 * One error per run of them in a section: the statements after the first
 * are misaligned by the same bytes, so they are counted in its message, not
 * reported each (a program that starts with its string in .text had one
 * error per instruction). In .text, the data before the run is named.
 */
export class MisalignedRuns {
  private readonly runs: Record<'text' | 'data', { first: Item; pc: number; after: Item | undefined; more: number; last: number } | undefined> = { text: undefined, data: undefined };
  /** The last statement that placed bytes in each section, outside a run. */
  private readonly placed: Record<'text' | 'data', Item | undefined> = { text: undefined, data: undefined };

  constructor(private readonly map: LineLocator, private readonly diags: Diagnostic[]) {}

  /** True when `item` (at `pc`) is a misaligned word: noted, not to be emitted. */
  took(item: Item, pc: number): boolean {
    const section = item.section as 'text' | 'data';
    const s = item.stmt;
    const run = this.runs[section];
    if ((s.kind === 'instruction' || s.name === '.word') && pc % 4 !== 0) {
      if (run === undefined) this.runs[section] = { first: item, pc, after: this.placed[section], more: 0, last: item.line };
      else { run.more++; run.last = item.line; }
      return true;
    }
    if (item.size > 0) {
      this.end(section);
      this.placed[section] = item;
    }
    return false;
  }

  flush(): void {
    this.end('text');
    this.end('data');
  }

  private end(section: 'text' | 'data'): void {
    const run = this.runs[section];
    if (run === undefined) return;
    this.runs[section] = undefined;
    const s = run.first.stmt;
    const data = section === 'text' && run.after !== undefined && DATA_DIRECTIVES.includes(run.after.stmt.name) ? run.after : undefined;
    const after = data === undefined ? '' : `, after the data on line ${this.lineName(data.line, run.first.line)}`;
    const fix = data === undefined ? `add '.align 4' before it` : `move the data to .data, or add '.align 4' before it`;
    const more = run.more === 0 ? '' : `; the ${run.more} statement${run.more === 1 ? '' : 's'} after it, to line ${this.lineName(run.last, run.first.line)}, ${run.more === 1 ? 'is' : 'are'} unaligned too`;
    this.diags.push(diag(spanAt(run.first.line, s), `'${s.name}' at unaligned address ${hex32(run.pc)}${after}; ${fix}${more}`));
  }

  /** `line`'s number, with its file when that is not the file of `from` (an included file). */
  private lineName(line: number, from: number): string {
    const o = this.map.origin(line);
    return o.file === this.map.origin(from).file ? `${o.line}` : `${o.file}:${o.line}`;
  }
}
