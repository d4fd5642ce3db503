// `illusion disasm FILE`: list a program image (or source, assembled first).
import type { Command } from 'commander';
import { disassemblyLines, loadProgramFile } from '../../asm/index.js';
import { writeAll } from '../hostWrite.js';
import { loadErrorLines } from '../programs.js';
import { InputError } from '../usage.js';
import { addDefineOption, checkDefinesUsed, definesFrom } from '../defines.js';

function runDisasm(file: string, flags: { aliases?: boolean; define?: string[] }): void {
  const defines = definesFrom(flags.define);
  const loaded = loadProgramFile(file, defines);
  if (!loaded.ok) {
    throw new InputError(loadErrorLines(loaded).join('\n'));
  }
  checkDefinesUsed(defines, [{ file, ...loaded }]);
  // Batched lines, each batch written before the next is made (writeAll waits for a slow reader;
  // process.stdout.write would queue the backlog): the listing of a 64 MiB .data never sits in memory whole.
  let batch: string[] = [];
  for (const line of disassemblyLines(loaded.image, { aliases: flags.aliases === true })) {
    batch.push(line);
    if (batch.length === 4096) { writeAll(1, batch.join('')); batch = []; }
  }
  writeAll(1, batch.join(''));
}

export function registerDisasm(program: Command): void {
  const cmd = program
    .command('disasm')
    .description('print the instructions and data of a program image or source file')
    .argument('<file>', 'program image or assembly source')
    .option('--aliases', 'write r13, r14, r15 as fp, sp, ra (as the debugger does); the text still reassembles');
  addDefineOption(cmd, "with a source file: set its constant NAME (its .equ NAME is the default) to VALUE before listing it")
    .action((file: string, flags: { aliases?: boolean; define?: string[] }) => runDisasm(file, flags));
}
