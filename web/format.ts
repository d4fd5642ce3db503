// Number formats the panels share.
export { hex } from '../kernel/killReport.js';

/**
 * One decimal, or as many more as it takes (up to 6) for a rate that is not
 * exactly 100% or 0% not to read as one: 14 misses in 69 960 is 99.98%, not
 * 100.0%.
 */
export function percent(part: number, whole: number): string {
  if (whole === 0) return '-';
  const rate = (100 * part) / whole;
  let digits = 1;
  while (digits < 6 && ((part < whole && Number(rate.toFixed(digits)) >= 100) || (part > 0 && Number(rate.toFixed(digits)) <= 0))) digits++;
  return `${rate.toFixed(digits)}%`;
}

/** A stable colour per pid for the frame map and the page table. */
export function pidColour(pid: number): string {
  const hue = (pid * 137.508 + 200) % 360;
  return `hsl(${hue.toFixed(0)} 65% 55%)`;
}

/** Thousands separated, as the Statistics panel writes them: 169,688,342 cycles read at a glance on a projector. */
export function grouped(n: number): string {
  return n.toLocaleString('en-US');
}

/** `1 instruction`, `2 instructions`, `86,902 instructions`; `1 entry`, `2 entries`. */
export function count(n: number, noun: string): string {
  if (n === 1) return `${n} ${noun}`;
  return /[^aeiou]y$/.test(noun) ? `${grouped(n)} ${noun.slice(0, -1)}ies` : `${grouped(n)} ${noun}s`;
}
