// The shipped examples and attacks, bundled at build time (scripts/bundle-web.mjs
// makes the module 'illusion:programs' from programs/*.s, programs/measure/*.s
// (named measure/...) and programs/attacks/*.s).
import { attacks, examples, libraries } from 'illusion:programs';
import type { IncludeReader } from '../index.js';
import type { ProgramSource } from './session.js';

export interface Choice {
  readonly label: string;
  readonly programs: readonly ProgramSource[];
}

const bystander = attacks.find((p) => p.name === 'bystander.s');

export const EXAMPLES: readonly Choice[] = examples.map((p) => ({ label: p.name, programs: [p] }));

/** Each attack runs beside the bystander, as in test/e2e: pid 1 is the attacker, pid 2 the bystander. */
export const ATTACKS: readonly Choice[] = attacks
  .filter((p) => p.name !== 'bystander.s')
  .map((p) => ({ label: `${p.name} + bystander.s`, programs: bystander ? [p, bystander] : [p] }));

export function findChoice(label: string): Choice | undefined {
  return EXAMPLES.find((c) => c.label === label) ?? ATTACKS.find((c) => c.label === label);
}

/**
 * `.include` in the page: the shipped library files (lib/print.s,
 * lib/check.s, measure/lib/workload.s), so that an example, an attack, or a student's program
 * copied from one assembles as it does from the command line.
 */
export const readLibrary: IncludeReader = (name) => {
  const found = libraries.find((l) => l.name === name);
  return found !== undefined ? { ok: true, text: found.source }
    : { ok: false, message: `the page has only ${listed(libraries.map((l) => l.name))} to include`, offers: libraries.map((l) => l.name) };
};

/** a, b and c */
function listed(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
