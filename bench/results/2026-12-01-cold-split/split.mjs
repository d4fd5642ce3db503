// Fresh process: optional pre-run of PRE (different block sources, same machine paths), then time MAIN.
import { readFileSync } from 'node:fs';
const m = await import('/work/main/dist/index.js');
const img = (f) => m.assemble(readFileSync(f, 'utf8'), f, { readInclude: m.readIncludeFile }).image;
const main = img(process.argv[2]);
const pre = process.argv[3] ? img(process.argv[3]) : null;
for (let i = 0; i < +(process.argv[4] ?? 1); i++) if (pre) m.runPrograms([{ name: 'p', image: pre }], {});
const t = performance.now();
const r = m.runPrograms([{ name: 's', image: main }], {});
console.log((performance.now() - t).toFixed(2), r.stats.instructions);
