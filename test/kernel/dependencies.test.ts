// The dependency direction (STYLE.md): asm -> cpu/isa and the shared layout
// (mmu/layout, mmu/page); cpu -> mmu; mmu -> nothing of cpu, kernel, asm,
// cli; nothing below imports the kernel or the CLI. And the import graph of
// the product has no cycle. Read from the import statements of the sources;
// `import type` is erased by tsc and is not counted.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const LAYERS = ['asm', 'cpu', 'mmu', 'kernel', 'views', 'sweep', 'homework', 'cli', 'bench'];

function sources(): string[] {
  return LAYERS.flatMap((dir) => readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => join(dir, f)));
}

/** The project files `file` imports at run time (value imports and re-exports). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gms)) {
    if (m[1] !== undefined || !m[2]!.startsWith('.')) continue;
    out.push(normalize(join(dirname(file), m[2]!.replace(/\.js$/, '.ts'))));
  }
  for (const m of text.matchAll(/import\('([^']+)'\)/g)) {
    if (m[1]!.startsWith('.')) out.push(normalize(join(dirname(file), m[1]!.replace(/\.js$/, '.ts'))));
  }
  return out;
}

const layerOf = (file: string) => file.split('/')[0]!;
const GRAPH = new Map(sources().map((f) => [f, importsOf(f)]));

test('the graph is read: every file, and every import names a file that exists', () => {
  expect(GRAPH.size).toBeGreaterThan(80);
  for (const [file, deps] of GRAPH) for (const d of deps) expect(GRAPH.has(d) || d === 'index.ts', `${file} -> ${d}`).toBe(true);
});

test('each layer imports only what lies below it', () => {
  const allowed = (from: string, to: string): boolean => {
    const a = layerOf(from), b = layerOf(to);
    if (a === b) return true;
    switch (a) {
      case 'asm': return to === 'cpu/isa.ts' || to === 'mmu/layout.ts' || to === 'mmu/page.ts';
      case 'cpu': return b === 'mmu';
      case 'mmu': return false;
      case 'kernel': return b === 'mmu' || b === 'cpu' || b === 'asm';
      case 'cli': return b !== 'bench';
      default: return b !== 'cli';
    }
  };
  const wrong = [...GRAPH].flatMap(([file, deps]) => deps.filter((d) => !allowed(file, d)).map((d) => `${file} -> ${d}`));
  expect(wrong).toEqual([]);
});

test('no import cycle', () => {
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const visit = (file: string, path: string[]): void => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') { cycles.push([...path.slice(path.indexOf(file)), file].join(' -> ')); return; }
    state.set(file, 'open');
    for (const d of GRAPH.get(file) ?? []) visit(d, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of GRAPH.keys()) visit(file, []);
  expect(cycles).toEqual([]);
});
