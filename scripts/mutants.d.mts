// Types of scripts/mutants.mjs, for the test that checks every mutant still applies.
export interface MutantEdit {
  /** Path from the repository root. */
  readonly file: string;
  /** Text that must occur exactly once in the file. */
  readonly find: string;
  readonly replace: string;
}

export interface Mutant {
  readonly name: string;
  readonly description: string;
  /** Where the bug sits, for the table in docs/robustness.md. */
  readonly where: string;
  readonly edits: readonly MutantEdit[];
}

export const MUTANTS: readonly Mutant[];
export function applyEdit(source: string, edit: MutantEdit): string;
