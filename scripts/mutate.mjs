#!/usr/bin/env node
// The mutation score (`npm run mutate [-- NAME...]`): copies the tree to a
// temporary directory once, then for each deliberate kernel bug of
// scripts/mutants.mjs applies its source edits to the copy, builds it and
// runs the test suite there (vitest --bail 3, ILLUSION_SKIP_BUILD=1: the
// copy was just built), and puts the files back. The working tree is never
// touched: the product holds only the product. A mutant is caught when some
// test fails. Prints a table of caught / survived with a few failing tests
// each; progress goes to stderr. Exits 1 if any mutant survived, 2 if one no
// longer applies or its build fails. docs/robustness.md keeps the latest table.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { applyEdit, MUTANTS } from './mutants.mjs';

const ROOT = join(import.meta.dirname, '..');
const FAILING_SHOWN = 3;
/** Not copied: built output, installed packages (linked instead), history, saved results. */
const SKIPPED = new Set(['node_modules', 'dist', '.git', 'bench/results']);

function log(line) {
  process.stderr.write(`${line}\n`);
}

const byName = new Map(MUTANTS.map((m) => [m.name, m]));
const wanted = process.argv.slice(2);
for (const name of wanted) {
  if (!byName.has(name)) {
    log(`mutate: no mutant '${name}'; known: ${[...byName.keys()].join(', ')}`);
    process.exit(2);
  }
}
const chosen = wanted.length > 0 ? wanted.map((n) => byName.get(n)) : MUTANTS;

const work = mkdtempSync(join(tmpdir(), 'illusion-mutate-'));
const copy = join(work, 'tree');
log(`mutate: copying the tree to ${copy}`);
cpSync(ROOT, copy, { recursive: true, filter: (src) => !SKIPPED.has(relative(ROOT, src)) });
symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');

function run(command, args, env = {}) {
  return spawnSync(command, args, { cwd: copy, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

/** Runs the suite in the copy: the names of the tests that failed ([] when all passed). */
function runSuite(name) {
  const report = join(work, `${name}.json`);
  const r = run('npx', ['vitest', 'run', '--bail', String(FAILING_SHOWN), '--reporter=json', `--outputFile=${report}`], { ILLUSION_SKIP_BUILD: '1' });
  let failed = [];
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    for (const file of json.testResults ?? []) {
      for (const t of file.assertionResults ?? []) if (t.status === 'failed') failed.push(t.fullName ?? t.title);
      // A file that failed to load or whose hooks threw counts too.
      if (file.status === 'failed' && (file.assertionResults ?? []).every((t) => t.status !== 'failed')) failed.push(`${file.name}: ${(file.message ?? 'failed').split('\n')[0]}`);
    }
  } catch {
    if (r.status !== 0) failed = [`the suite exited with status ${r.status} (no report)`];
  }
  if (failed.length === 0 && r.status !== 0) failed = [`the suite exited with status ${r.status}`];
  return failed;
}

/** Applies a mutant's edits to the copy; returns a function that puts the files back. */
function applyMutant(mutant) {
  const pristine = new Map();
  try {
    for (const edit of mutant.edits) {
      const path = join(copy, edit.file);
      if (!pristine.has(path)) pristine.set(path, readFileSync(path, 'utf8'));
      writeFileSync(path, applyEdit(readFileSync(path, 'utf8'), edit));
    }
  } catch (err) {
    for (const [path, text] of pristine) writeFileSync(path, text);
    throw err;
  }
  return () => { for (const [path, text] of pristine) writeFileSync(path, text); };
}

const rows = [];
let broken = false;
for (const [i, mutant] of chosen.entries()) {
  const started = Date.now();
  const tag = `mutate: [${i + 1}/${chosen.length}] ${mutant.name}`;
  log(`${tag} ...`);
  let restore;
  try {
    restore = applyMutant(mutant);
  } catch (err) {
    log(`${tag}: does not apply: ${err.message}`);
    broken = true;
    continue;
  }
  try {
    const build = run('npm', ['run', 'build', '--silent']);
    if (build.status !== 0) {
      log(`${tag}: the mutated tree does not build:\n${build.stdout}${build.stderr}`);
      broken = true;
      continue;
    }
    const failed = runSuite(mutant.name);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    const caught = failed.length > 0;
    log(`${tag}: ${caught ? 'caught' : 'SURVIVED'} (${seconds} s)`);
    rows.push({ ...mutant, caught, failed: failed.slice(0, FAILING_SHOWN) });
  } finally {
    restore();
  }
}
rmSync(work, { recursive: true, force: true });

const caught = rows.filter((r) => r.caught).length;
console.log('| mutant | deliberate bug | where | result | caught by (first failing tests) |');
console.log('|---|---|---|---|---|');
for (const r of rows) {
  const by = r.failed.map((f) => f.replace(/\|/g, '\\|')).join('<br>');
  console.log(`| \`${r.name}\` | ${r.description} | ${r.where} | ${r.caught ? 'caught' : '**survived**'} | ${by} |`);
}
console.log(`\nMutation score: ${caught}/${chosen.length} caught`);
process.exit(broken ? 2 : caught === chosen.length ? 0 : 1);
