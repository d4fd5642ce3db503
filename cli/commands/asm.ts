// `illusion asm FILE.s [-o FILE]`: assemble source into a program image.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { assemble, decodeSourceText, encodeImage, formatAsmError, looksLikeImage, readIncludeFile, readProgramBytes } from '../../asm/index.js';
import { fileErrorText, isFailedWrite, UsageError, WriteFailedError } from '../usage.js';
import { addDefineOption, checkDefinesUsed, definesFrom } from '../defines.js';

/** FILE.s becomes FILE.img; any other name gets .img added. */
export function defaultImageName(source: string): string {
  return source.endsWith('.s') ? `${source.slice(0, -2)}.img` : `${source}.img`;
}

function runAsm(file: string, opts: { output?: string; define?: string[] }): void {
  const defines = definesFrom(opts.define);
  let bytes: Uint8Array;
  try {
    bytes = readProgramBytes(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${fileErrorText(e, file, 'read')}`);
  }
  if (looksLikeImage(bytes)) throw new UsageError(`${file} is already an assembled image`);
  const source = decodeSourceText(bytes);
  if (!source.ok) throw new UsageError(`${file}${source.at === undefined ? '' : `:${source.at.line}:${source.at.column}`}: ${source.message}`);
  const result = assemble(source.text, file, { readInclude: readIncludeFile, ...(defines !== undefined ? { defines } : {}) });
  if (!result.ok) {
    for (const e of result.errors) process.stderr.write(`${formatAsmError(e)}\n`);
    process.exitCode = 2;
    return;
  }
  checkDefinesUsed(defines, [{ file, fromSource: true, unusedDefines: result.unusedDefines, image: result.image }]);
  const out = opts.output ?? defaultImageName(file);
  try {
    writeFileSync(out, encodeImage(result.image));
  } catch (e) {
    const text = `cannot write ${out}: ${fileErrorText(e, out, 'write')}`;
    throw isFailedWrite(e) ? new WriteFailedError(text) : new UsageError(text);
  }
}

export function registerAsm(program: Command): void {
  const cmd = program
    .command('asm')
    .description('assemble FILE.s into a program image (default output: FILE.img)')
    .argument('<file>', 'assembly source')
    .option('-o, --output <file>', 'where to write the image');
  addDefineOption(cmd, "set the constant NAME (the source's .equ NAME is the default) to VALUE in the image; may be given again")
    .action((file: string, opts: { output?: string; define?: string[] }) => runAsm(file, opts));
}
