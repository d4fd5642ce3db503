// tsc emits only JavaScript; the assembler's grammar must sit beside the
// compiled module that loads it. Besides the .ohm file, store the compiled
// grammar as an ohm recipe: loading a recipe is far faster than compiling
// the grammar text at every start of the CLI (see asm/parse.ts).
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ohm from 'ohm-js';

mkdirSync(join('dist', 'asm'), { recursive: true });
for (const name of readdirSync('asm')) {
  if (!name.endsWith('.ohm')) continue;
  const source = join('asm', name);
  copyFileSync(source, join('dist', 'asm', name));
  const grammar = ohm.grammar(readFileSync(source, 'utf8'));
  // toRecipe() returns JavaScript source of a JSON-compatible array.
  const recipe = JSON.stringify(JSON.parse(grammar.toRecipe()));
  writeFileSync(join('dist', 'asm', name.replace(/\.ohm$/, '.recipe.json')), recipe);
}
