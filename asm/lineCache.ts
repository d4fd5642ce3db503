// Lines that repeat (`ret`, `push ra`, `.text`, `addi sp, sp, -16`) are
// parsed once per program: the grammar matches one line at a time, so the
// same text always gives the same tree, and a tree holds no line number
// (asm/ast.ts). A hit is the first tree under the new line number: one small
// object, where a copy of the tree was some 15 (issue 18, docs/benchmarks.md).
// Only clean lines are kept: a line with errors is rare and is parsed again.
import type { LineAst } from './ast.js';

export class LineCache {
  private readonly byText = new Map<string, LineAst>();

  /** The tree of `text` at `line`, if this text was parsed cleanly before; it shares the first one's label and statement. */
  find(text: string, line: number): LineAst | undefined {
    const hit = this.byText.get(text);
    return hit === undefined ? undefined : { line, label: hit.label, statement: hit.statement };
  }

  keep(text: string, ast: LineAst): void {
    this.byText.set(text, ast);
  }
}
