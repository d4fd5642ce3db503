#!/usr/bin/env node
// The mutation score (`npm run mutate [-- NAME...]`): builds once, then runs
// the test suite once per deliberate kernel bug of kernel/mutants.ts, with
// ILLUSION_MUTANT=<name> (and ILLUSION_SKIP_BUILD=1: the build is shared).
// A mutant is caught when some test fails. Prints a table of caught /
// survived with a few failing tests each; progress goes to stderr. Exits 1
// if any mutant survived. docs/robustness.md keeps the latest table.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const FAILING_SHOWN = 3;

function log(line) {
  process.stderr.write(`${line}\n`);
}

log('mutate: building once');
try {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
} catch {
  log('mutate: the build failed; fix it first');
  process.exit(2);
}
const { MUTANTS } = await import(join(ROOT, 'dist', 'kernel', 'mutants.js'));

const wanted = process.argv.slice(2);
for (const name of wanted) {
  if (!Object.hasOwn(MUTANTS, name)) {
    log(`mutate: no mutant '${name}'; known: ${Object.keys(MUTANTS).join(', ')}`);
    process.exit(2);
  }
}
const names = wanted.length > 0 ? wanted : Object.keys(MUTANTS);
const dir = mkdtempSync(join(tmpdir(), 'illusion-mutate-'));

/** Runs the suite with one mutant on: the names of the tests that failed ([] when all passed). */
function runSuite(name) {
  const report = join(dir, `${name}.json`);
  const r = spawnSync('npx', ['vitest', 'run', '--bail', String(FAILING_SHOWN), '--reporter=json', `--outputFile=${report}`], {
    cwd: ROOT,
    env: { ...process.env, ILLUSION_MUTANT: name, ILLUSION_SKIP_BUILD: '1' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
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

const rows = [];
for (const [i, name] of names.entries()) {
  const started = Date.now();
  log(`mutate: [${i + 1}/${names.length}] ${name} ...`);
  const failed = runSuite(name);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const caught = failed.length > 0;
  log(`mutate: [${i + 1}/${names.length}] ${name}: ${caught ? 'caught' : 'SURVIVED'} (${seconds} s)`);
  rows.push({ name, description: MUTANTS[name], caught, failed: failed.slice(0, FAILING_SHOWN) });
}
rmSync(dir, { recursive: true, force: true });

const caught = rows.filter((r) => r.caught).length;
console.log('| mutant | deliberate bug | result | caught by (first failing tests) |');
console.log('|---|---|---|---|');
for (const r of rows) {
  const by = r.failed.map((f) => f.replace(/\|/g, '\\|')).join('<br>');
  console.log(`| \`${r.name}\` | ${r.description} | ${r.caught ? 'caught' : '**survived**'} | ${by} |`);
}
console.log(`\nMutation score: ${caught}/${rows.length} caught`);
process.exit(caught === rows.length ? 0 : 1);
