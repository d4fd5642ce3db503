// tsc copies only .ts output; the assembler's grammar (.ohm) must sit beside
// the compiled module that loads it.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dirs = ['asm'];
for (const dir of dirs) {
  mkdirSync(join('dist', dir), { recursive: true });
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.ohm')) copyFileSync(join(dir, name), join('dist', dir, name));
  }
}
