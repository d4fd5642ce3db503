// tsc emits only JavaScript; the assembler's grammar must sit beside the
// compiled module that loads it. Besides the .ohm file, store the compiled
// grammar as an ohm recipe: loading a recipe is far faster than compiling
// the grammar text at every start of the CLI (see asm/parse.ts). And store
// the line matcher generated from the grammar (asm/lineMatcher.ts) as
// grammar.matcher.cjs: with it, assembling a program without a syntax error
// needs neither the recipe nor ohm-js (issue 18). Runs after tsc, whose
// output holds the generator.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { matcherModuleSource } from '../dist/asm/lineMatcher.js';
import { LEAF_RULES } from '../dist/asm/lineTree.js';

// The CommonJS bundle, as asm/parse.ts loads it: the generator tells ohm's expression classes apart by instanceof.
const ohm = createRequire(import.meta.url)('ohm-js');

mkdirSync(join('dist', 'asm'), { recursive: true });
for (const name of readdirSync('asm')) {
  if (!name.endsWith('.ohm')) continue;
  const source = join('asm', name);
  copyFileSync(source, join('dist', 'asm', name));
  const grammar = ohm.grammar(readFileSync(source, 'utf8'));
  // toRecipe() returns JavaScript source of a JSON-compatible array.
  const recipe = JSON.stringify(JSON.parse(grammar.toRecipe()));
  writeFileSync(join('dist', 'asm', name.replace(/\.ohm$/, '.recipe.json')), recipe);
  writeFileSync(join('dist', 'asm', name.replace(/\.ohm$/, '.matcher.cjs')), matcherModuleSource(grammar, ohm.pexprs, LEAF_RULES));
}
