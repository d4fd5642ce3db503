// Paired: both trees' bench modules in one process; for each case, old and new timed alternately, REPS times.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
const REPS = Number(process.argv[2] ?? 6), maxTime = Number(process.argv[3] ?? 0.25);
const MICRO = ['micro.dispatch', 'micro.4way.alu', 'micro.4way.load-8', 'micro.4way.store-8', 'micro.4way.fetch-8', 'micro.4way.load-1',
  'micro.dm.alu', 'micro.dm.miss', 'micro.4way.miss', 'micro.fa.alu', 'micro.fa.miss'];
async function tree(t) {
  const { microCases } = await import(`${t}/dist/bench/hotpaths.js`);
  const { programCases } = await import(`${t}/dist/bench/programs.js`);
  const { timeCase } = await import(`${t}/dist/bench/measure.js`);
  const { assemble } = await import(`${t}/dist/asm/index.js`);
  const { runPrograms } = await import(`${t}/dist/kernel/run.js`);
  const all = [...microCases().cases, ...programCases(() => {}).cases];
  const src = readFileSync('/tmp/sieve-self.s', 'utf8');
  const sieve = (id, n, count, largest) => {
    const s = src.replace(/(\.equ N,\s*)\d+/, `$1${n}`).replace(/(\.equ EXPECTED_COUNT,\s*)\d+/, `$1${count}`).replace(/(\.equ EXPECTED_LARGEST,\s*)\d+/, `$1${largest}`);
    const r = assemble(s, 'sieve-self.s'); const programs = [{ name: 'sieve-self.s', image: r.image }];
    return { id, name: id, length: 'long', prepare: () => {
      const res = runPrograms(programs, {}); const p = res.processes[0];
      if (p.status !== 'exited' || p.code !== 0) throw new Error('sieve');
      return { body: () => { runPrograms(programs, {}); }, facts: { instructions: res.stats.instructions, counters: {} } };
    } };
  };
  const cases = new Map([...all.filter((c) => MICRO.includes(c.id) || c.id.startsWith("program.")).map((c) => [c.id, c]),
    ['sieve.10k', sieve('sieve.10k', 10000, 1229, 9973)], ['sieve.1m', sieve('sieve.1m', 1000000, 78498, 999983)]]);
  return { cases, timeCase };
}
const trees = { old: await tree('/work/wt/old'), new: await tree('/work/wt/bench') };
const ids = process.argv[4] ? process.argv[4].split(",") : [...MICRO, "sieve.10k", "sieve.1m", "program.cow", "program.cow-none"];
for (const id of ids) {
  for (let r = 0; r < REPS; r++) {
    for (const name of (r % 2 === 0 ? ['old', 'new'] : ['new', 'old'])) {
      const { cases, timeCase } = trees[name]; const c = cases.get(id);
      const { facts } = c.prepare();
      const t = await timeCase(c, { minSamples: 5, maxTime: c.length === 'long' ? maxTime * 2 : maxTime });
      process.stdout.write(JSON.stringify({ id, rep: r, tree: name, s: t.medianSeconds, instr: facts.instructions, misses: facts.counters.tlb_misses ?? null, cow: facts.counters.cow_copies ?? null, load: loadavg()[0] }) + '\n');
    }
  }
}
