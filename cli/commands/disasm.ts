// `illusion disasm FILE`: list a program image (or source, assembled first).
import type { Command } from 'commander';
import { disassemblyLines, loadProgramFile } from '../../asm/index.js';
import { loadErrorLines } from '../programs.js';
import { InputError } from '../usage.js';

function runDisasm(file: string, flags: { aliases?: boolean }): void {
  const loaded = loadProgramFile(file);
  if (!loaded.ok) {
    throw new InputError(loadErrorLines(loaded).join('\n'));
  }
  // Batched lines, written as they are made: the listing of a 64 MiB .data never sits in memory whole.
  let batch: string[] = [];
  for (const line of disassemblyLines(loaded.image, { aliases: flags.aliases === true })) {
    batch.push(line);
    if (batch.length === 4096) { process.stdout.write(batch.join('')); batch = []; }
  }
  process.stdout.write(batch.join(''));
}

export function registerDisasm(program: Command): void {
  program
    .command('disasm')
    .description('print the instructions and data of a program image or source file')
    .argument('<file>', 'program image or assembly source')
    .option('--aliases', 'write r13, r14, r15 as fp, sp, ra (as the debugger does); the text still reassembles')
    .action((file: string, flags: { aliases?: boolean }) => runDisasm(file, flags));
}
