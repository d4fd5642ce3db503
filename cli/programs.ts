// Loading the programs named on the command line: source or image, any error
// reported as a UsageError (exit 2) with every message.
import { basename } from 'node:path';
import { escapeControlChars, loadProgramFile, type Defines, type LoadResult } from '../asm/index.js';
import { checkDefinesUsed, type DefineUse } from './defines.js';
import type { ProgramInput } from '../kernel/run.js';
import { ERROR_PREFIX, InputError, UsageError } from './usage.js';

/** `defines` (-D, cli/defines.ts) apply to every source file; one that none of them uses is refused. */
export function loadPrograms(files: readonly string[], defines?: Defines): ProgramInput[] {
  if (files.length === 0) throw new UsageError('no program given: illusion run FILE... (see illusion run --help)');
  const programs: ProgramInput[] = [];
  const uses: DefineUse[] = [];
  const errors: string[] = [];
  for (const file of files) {
    const loaded = loadProgramFile(file, defines);
    if (loaded.ok) {
      programs.push({ name: escapeControlChars(basename(file)), image: loaded.image }); // one line in a kill report
      uses.push({ file, ...loaded });
    } else for (const line of loadErrorLines(loaded)) errors.push(line); // a loop: a million errors would overflow push(...)
  }
  if (errors.length > 0) throw new InputError(errors.join('\n'));
  checkDefinesUsed(defines, uses);
  return programs;
}

/** Source errors stay FILE:LINE:COL lines (editors jump to them); a problem with the file itself is an `illusion: error:` line. */
export function loadErrorLines(failed: Extract<LoadResult, { ok: false }>): string[] {
  return failed.kind === 'source' ? failed.messages : failed.messages.map((m) => `${ERROR_PREFIX}${m}`);
}
