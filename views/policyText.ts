// `illusion policy`'s line format: one line per access (hit or miss, the
// page evicted, the pages resident after it), then the totals. The CLI
// prints it a chunk at a time for strings of millions; the policy homework
// (homework/policyText.ts), in the terminal and in the page, prints it whole.
import type { SimulateResult } from '../kernel/policy/simulate.js';

export interface PolicyTotals { hits: number; misses: number; hit_rate: number }

export function policyTotals(hits: number, total: number): PolicyTotals {
  return { hits, misses: total - hits, hit_rate: total === 0 ? 0 : hits / total };
}

export function policyTotalsLine(t: PolicyTotals): string {
  return `Totals: hits ${t.hits}  misses ${t.misses}  hit rate ${(t.hit_rate * 100).toFixed(2)}%\n`;
}

/** The widest page number's digits, so that the columns line up. */
export function pageWidth(pages: Iterable<number>): number {
  // A loop, not Math.max(...pages): spreading millions of arguments overflows the call stack.
  let width = 1;
  for (const page of pages) width = Math.max(width, String(page).length);
  return width;
}

export function policyStepLine(s: SimulateResult['steps'][number], width: number): string {
  const page = String(s.page).padStart(width);
  const evicted = (s.evicted === undefined ? '-' : String(s.evicted)).padStart(width);
  return `Access: ${page}  ${s.hit ? 'HIT ' : 'MISS'}  evict: ${evicted}  resident: [${s.frames.join(', ')}]\n`;
}

/** One line per access, then the totals (the whole text, for a short string). */
export function formatPolicyText(result: SimulateResult): string {
  const width = pageWidth(result.steps.map((s) => s.page));
  return result.steps.map((s) => policyStepLine(s, width)).join('') + policyTotalsLine(policyTotals(result.hits, result.steps.length));
}
