// Naive array versions of the recency policies, written from their rules,
// for the property tests of the real policy modules (test/policy,
// test/homework).

export type Step = { hit: boolean; evicted: number | undefined; frames: number[] };

/**
 * Memory kept least recently used first. A hit moves the page to the end; a
 * miss with memory full evicts the least recently used page (LRU) or the
 * most recently used one (MRU).
 */
export function naiveRecency(evict: 'least' | 'most', frames: number, refs: number[]): Step[] {
  const mem: number[] = [];
  return refs.map((page) => {
    const at = mem.indexOf(page);
    if (at >= 0) {
      mem.splice(at, 1);
      mem.push(page);
      return { hit: true, evicted: undefined, frames: [...mem] };
    }
    const evicted = mem.length < frames ? undefined : evict === 'least' ? mem.shift() : mem.pop();
    mem.push(page);
    return { hit: false, evicted, frames: [...mem] };
  });
}
