// `illusion disasm FILE`: list a program image (or source, assembled first).
import type { Command } from 'commander';
import { disassembleImage, loadProgramFile } from '../../asm/index.js';

function runDisasm(file: string, flags: { aliases?: boolean }): void {
  const loaded = loadProgramFile(file);
  if (!loaded.ok) {
    for (const m of loaded.messages) process.stderr.write(`${m}\n`);
    process.exitCode = 2;
    return;
  }
  process.stdout.write(disassembleImage(loaded.image, { aliases: flags.aliases === true }));
}

export function registerDisasm(program: Command): void {
  program
    .command('disasm')
    .description('print the instructions and data of a program image or source file')
    .argument('<file>', 'program image or assembly source')
    .option('--aliases', 'write r13, r14, r15 as fp, sp, ra (as the debugger does); the text still reassembles')
    .action((file: string, flags: { aliases?: boolean }) => runDisasm(file, flags));
}
