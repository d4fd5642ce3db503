// Number formats the panels share.
export { hex } from '../kernel/killReport.js';

export function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}

/** A stable colour per pid for the frame map and the page table. */
export function pidColour(pid: number): string {
  const hue = (pid * 137.508 + 200) % 360;
  return `hsl(${hue.toFixed(0)} 65% 55%)`;
}
