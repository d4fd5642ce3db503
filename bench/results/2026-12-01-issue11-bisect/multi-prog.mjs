// Paired over many trees: TREES="name=path,..." node multi.mjs REPS MAXTIME case,case
// For each case and rep, every tree timed once, order rotated each rep (first tree = reference).
import { loadavg } from 'node:os';
const REPS = Number(process.argv[2] ?? 6), maxTime = Number(process.argv[3] ?? 0.25);
const ids = process.argv[4].split(',');
async function tree(t) {
  const { programCases } = await import(`${t}/dist/bench/programs.js`); const { withBlockCases } = await import(`${t}/dist/bench/blocks.js`);
  const { timeCase } = await import(`${t}/dist/bench/measure.js`);
  const cases = new Map(withBlockCases(programCases(() => {})).cases.map((c) => [c.id, c]));
  return { cases, timeCase };
}
const specs = process.env.TREES.split(',').map((s) => s.split('='));
const trees = {};
for (const [name, path] of specs) trees[name] = await tree(path);
const names = specs.map((s) => s[0]);
for (const id of ids) {
  for (let r = 0; r < REPS; r++) {
    const k = r % names.length;
    const order = (r % 2 === 0 ? names : [...names].reverse());
    const rot = [...order.slice(k), ...order.slice(0, k)];
    for (const name of rot) {
      const { cases, timeCase } = trees[name]; const c = cases.get(id);
      if (!c) { process.stderr.write(`no ${id} in ${name}\n`); continue; }
      const { facts } = c.prepare();
      const t = await timeCase(c, { minSamples: 5, maxTime: c.length === 'long' ? maxTime * 2 : maxTime });
      process.stdout.write(JSON.stringify({ id, rep: r, tree: name, s: t.medianSeconds, instr: facts.instructions, misses: facts.counters.tlb_misses ?? null, load: loadavg()[0] }) + '\n');
    }
  }
}
