// One benchmark case, and how it is timed: benny (benchmark.js inside), one
// suite per case so that progress can be shown before each case starts and
// each case gets its own options. We read the case's `details.median` (in
// seconds per call of the timed body), never benny's rounded ops figure.
import { add, suite } from 'benny';

export type CaseGroup = 'micro' | 'program' | 'baseline';
/** Which JavaScript loop a case's speed is compared with. */
export type BaselineKind = 'register' | 'memory';

/** What one call of a case's timed body does, found by an untimed check run. */
export interface CallFacts {
  /** Guest instructions executed by one call (0 for a JavaScript baseline). */
  readonly instructions: number;
  /** Guest cycles of one call (SPEC section 8). */
  readonly cycles: number;
  /** Counters of one call (TLB hits and misses, walks, faults, swaps, switches...). */
  readonly counters: Readonly<Record<string, number>>;
}

export interface Prepared {
  /** The timed body: one call does one unit of the case's work. */
  readonly body: () => void;
  readonly facts: CallFacts;
}

export interface BenchCase {
  readonly id: string;
  readonly name: string;
  readonly group: CaseGroup;
  readonly baseline: BaselineKind;
  /** Builds fresh state (a new machine or kernel) and checks it once; benny calls it per case. */
  prepare(): Prepared;
  /** 'long' for cases whose one call takes a large part of a second. */
  readonly length: 'short' | 'long';
}

export interface Timing {
  /** Median seconds per call of the body. */
  readonly medianSeconds: number;
  readonly meanSeconds: number;
  /** Relative margin of error of the mean, in percent. */
  readonly rme: number;
  readonly samples: number;
}

export interface TimingOptions {
  readonly minSamples: number;
  readonly maxTime: number;
}

/**
 * Times one case. benny calls the outer function (the setup) several times
 * while it inspects the case, and benchmark.js calls the body once more
 * untimed before it calibrates: every call builds its own fresh state.
 */
export async function timeCase(c: BenchCase, options: TimingOptions): Promise<Timing> {
  const quiet = console.log;
  // benny announces each suite on stdout; the table must be the only thing there.
  console.log = () => undefined;
  try {
    const summary = await suite(
      c.id,
      add(c.name, () => c.prepare().body, { minSamples: options.minSamples, maxTime: options.maxTime }),
    );
    const result = summary.results[0];
    if (result === undefined) throw new Error(`benchmark ${c.id} produced no result`);
    return {
      medianSeconds: result.details.median,
      meanSeconds: result.details.mean,
      rme: result.details.relativeMarginOfError,
      samples: result.samples,
    };
  } finally {
    console.log = quiet;
  }
}
