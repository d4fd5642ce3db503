// What going back needs to remember of a debugging session. The machine is
// deterministic, so a point of the run is named by its moment (runner.ts:
// the Kernel.step calls made since boot) and reached again by booting anew
// and running there; what the run itself cannot repeat is what the user
// changed (`set`), so those are kept with their moments and made again.
import type { Edit } from './runner.js';

/** A point of the run: its moment and the instructions retired by then. */
export interface Point {
  readonly moment: number;
  readonly instret: number;
}

export class History {
  /** The sets made, in the order (and so the moments) they were made. */
  readonly edits: Edit[] = [];
  /** The furthest point this history has reached (record goto end). */
  private far: Point = { moment: 0, instret: 0 };

  get furthest(): Point {
    return this.far;
  }

  /** The run got to `now`. */
  reached(now: Point): void {
    if (now.moment > this.far.moment) this.far = now;
  }

  /** A set made at `now`: what lay beyond it is another run's, so the furthest point is here. */
  record(edit: Edit, now: Point): void {
    this.edits.push(edit);
    this.far = now;
  }

  /**
   * A replay landed at `now` having made the first `made` sets again: the
   * later ones are undone (the count); with any undone, the run beyond here
   * is not the one reached before, so the furthest point is here.
   */
  landed(made: number, now: Point): number {
    const undone = this.edits.length - made;
    this.edits.length = made;
    if (undone > 0) this.far = now;
    return undone;
  }

  clear(): void {
    this.edits.length = 0;
    this.far = { moment: 0, instret: 0 };
  }
}

/** `(1 set made after instruction 1200 is undone)`. */
export function undoneText(undone: number, instret: number): string {
  return `(${undone} set${undone === 1 ? '' : 's'} made after instruction ${instret} ${undone === 1 ? 'is' : 'are'} undone)`;
}
