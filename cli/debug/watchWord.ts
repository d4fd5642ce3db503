// The value a word watch starts from. A .bss, heap, stack or mmap word whose
// page is not made yet reads as 0 (SPEC section 7: those pages are made on
// first touch, filled with zeros), so `watch`, `info breakpoints` and the
// change the first store reports all say 0, rather than one saying 0 and
// another 'not readable yet'.
import type { Kernel } from '../../kernel/kernel.js';
import type { Process } from '../../kernel/process.js';
import { walkOf, wordOf } from '../../views/index.js';

/** Regions whose pages start as zeros (mmap's are zero-filled too). */
const ZERO_FILLED: ReadonlySet<string> = new Set(['bss', 'heap', 'stack', 'mmap']);

/** Why a word has no page to read, or that it is a zero-filled page not made yet. */
type Unread = { kind: 'zero'; region: string } | { kind: 'no-region' } | { kind: 'not-present' };

function unread(k: Kernel, p: Process, address: number): Unread {
  const w = walkOf(k, p, address);
  if (w?.region === undefined) return { kind: 'no-region' };
  const swapped = w.levels[1]?.pte.state === 'swapped';
  return ZERO_FILLED.has(w.region) && !swapped ? { kind: 'zero', region: w.region } : { kind: 'not-present' };
}

/** The word as the watch sees it: wordOf's, or 0 for a zero-filled page not made yet; undefined when none can be read. */
export function watchedWord(k: Kernel, p: Process, address: number): number | undefined {
  const word = wordOf(k, p, address);
  if (word !== undefined) return word;
  return unread(k, p, address).kind === 'zero' ? 0 : undefined;
}

/** `watch`'s words for a word with no page yet: 0 and why, or why it cannot be read. */
export function unreadWordText(k: Kernel, p: Process, address: number): string | undefined {
  if (wordOf(k, p, address) !== undefined) return undefined;
  const u = unread(k, p, address);
  switch (u.kind) {
    case 'zero': return `now 0x00000000 (the ${u.region} page is made on first touch, filled with zeros)`;
    case 'no-region': return 'not readable: no region holds it, so a touch kills the process';
    case 'not-present': return 'not readable yet';
  }
}
