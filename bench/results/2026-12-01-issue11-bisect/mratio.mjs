// Per case, per tree: median over reps of (tree / REF) where REF is the tree named by argv[2].
import { readFileSync } from 'node:fs';
const ref = process.argv[2];
const rows = process.argv.slice(3).map((f) => readFileSync(f, 'utf8')).join('\n').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
const med = (a) => { const s = [...a].sort((x, y) => x - y); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };
const ids = [...new Set(rows.map((r) => r.id))], trees = [...new Set(rows.map((r) => r.tree))];
const loads = rows.map((r) => r.load);
console.log('load', Math.min(...loads).toFixed(2), '-', Math.max(...loads).toFixed(2));
console.log('case'.padEnd(20), ...trees.map((t) => t.padStart(9)));
for (const id of ids) {
  const line = [id.padEnd(20)];
  for (const t of trees) {
    const rs = [];
    for (const rep of new Set(rows.filter((r) => r.id === id).map((r) => r.rep))) {
      const a = rows.find((r) => r.id === id && r.rep === rep && r.tree === t), b = rows.find((r) => r.id === id && r.rep === rep && r.tree === ref);
      if (a && b) rs.push(a.s / b.s);
    }
    line.push((rs.length ? med(rs).toFixed(3) : '-').padStart(9));
  }
  console.log(line.join(' '));
}
