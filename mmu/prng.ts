// A small seeded pseudo-random generator (xorshift32), so that random TLB
// replacement and random page replacement are reproducible from --seed.

export class Prng {
  private state: number;

  constructor(seed: number) {
    // xorshift must not start at 0; mix the seed so nearby seeds differ early.
    let s = (seed ^ 0x9e37_79b9) | 0;
    s = Math.imul(s ^ (s >>> 16), 0x85eb_ca6b);
    s = Math.imul(s ^ (s >>> 13), 0xc2b2_ae35);
    s ^= s >>> 16;
    this.state = s === 0 ? 0x6d2b_79f5 : s;
  }

  /** Next 32-bit unsigned value. */
  nextU32(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x;
    return x >>> 0;
  }

  /** Uniform integer in [0, n), n >= 1. */
  below(n: number): number {
    return this.nextU32() % n;
  }
}
