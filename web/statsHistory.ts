// Statistics over time for the chart: the TLB hit rate and the page faults
// of each interval of SAMPLE_INSTRUCTIONS instructions. Samples are taken by
// instruction count, not wall time, so the chart of a run is the same at any
// speed. Bounded: when full, neighbouring intervals are merged.
import type { RunStats } from '../index.js';

export const SAMPLE_INSTRUCTIONS = 1000;
const MAX_POINTS = 240;

/** The running totals a sample needs. */
export type Counters = Pick<RunStats, 'instructions' | 'tlb_hits' | 'tlb_misses' | 'page_faults'>;

export interface Point {
  /** Instructions at the end of the interval. */
  readonly instructions: number;
  readonly hits: number;
  readonly misses: number;
  readonly faults: number;
}

export class StatsHistory {
  points: Point[] = [];
  private last: Counters | undefined;
  /** Instructions per point; doubles whenever the points are merged. */
  private width = SAMPLE_INSTRUCTIONS;

  /** Records the interval since the last sample once it is at least one point wide (or the run ended). */
  sample(s: Counters, force = false): void {
    const prev = this.last;
    if (prev === undefined) {
      this.last = s;
      return;
    }
    if (!force && s.instructions - prev.instructions < this.width) return;
    if (s.instructions === prev.instructions) return;
    this.points.push({
      instructions: s.instructions,
      hits: s.tlb_hits - prev.tlb_hits,
      misses: s.tlb_misses - prev.tlb_misses,
      faults: s.page_faults - prev.page_faults,
    });
    this.last = s;
    if (this.points.length > MAX_POINTS) this.merge();
  }

  /** Instructions until the next point is due (so a run can stop exactly there). */
  untilNext(instructions: number): number {
    return Math.max(1, (this.last?.instructions ?? 0) + this.width - instructions);
  }

  private merge(): void {
    const merged: Point[] = [];
    for (let i = 0; i + 1 < this.points.length; i += 2) {
      const a = this.points[i]!;
      const b = this.points[i + 1]!;
      merged.push({ instructions: b.instructions, hits: a.hits + b.hits, misses: a.misses + b.misses, faults: a.faults + b.faults });
    }
    if (this.points.length % 2 === 1) merged.push(this.points[this.points.length - 1]!);
    this.points = merged;
    this.width *= 2;
  }
}
