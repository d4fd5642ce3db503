// `-D NAME=VALUE`: set a constant of the source programs from the command
// line (asm/defines.ts), on run, debug, sweep, asm and disasm. The program's
// own `.equ NAME, ...` is the default it replaces. A define no program uses
// is refused (a typo would otherwise run the default without a word).
import type { Command } from 'commander';
import { parseDefine, type Defines } from '../asm/index.js';
import { didYouMean } from '../asm/errors.js';
import type { ProgramImage } from '../asm/image.js';
import { UsageError } from './usage.js';

export const DEFINE_FLAG = '-D, --define <NAME=VALUE>';

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function addDefineOption(cmd: Command, description = "set the source's constant NAME (its .equ NAME is the default) to VALUE; may be given again for other names"): Command {
  return cmd.option(DEFINE_FLAG, description, collect);
}

/** The flag's values as NAME -> VALUE; a name given twice is refused. */
export function definesFrom(texts: readonly string[] | undefined): Defines | undefined {
  if (texts === undefined || texts.length === 0) return undefined;
  const defines = new Map<string, number>();
  for (const text of texts) {
    const d = parseDefine(text);
    if (typeof d === 'string') throw new UsageError(`-D: ${d}`);
    if (defines.has(d.name)) throw new UsageError(`-D: ${d.name} is given twice`);
    defines.set(d.name, d.value);
  }
  return defines;
}

/** A loaded program as far as defines care: was it assembled here, which defines did it not use, its constants. */
export interface DefineUse {
  readonly file: string;
  readonly fromSource: boolean;
  readonly unusedDefines: readonly string[];
  readonly image: ProgramImage;
}

/** Refuses defines that no source program uses, or defines given with images only (their constants are fixed). */
export function checkDefinesUsed(defines: Defines | undefined, loaded: readonly DefineUse[]): void {
  if (defines === undefined) return;
  const sources = loaded.filter((l) => l.fromSource);
  if (sources.length === 0) {
    throw new UsageError(`-D sets constants of source programs, and ${loaded.map((l) => l.file).join(', ')} ${loaded.length === 1 ? 'is an image' : 'are images'}: assemble it again with illusion asm -D`);
  }
  const constants = new Set<string>();
  for (const l of sources) for (const s of l.image.symbols) if (s.section === 'abs' && !defines.has(s.name)) constants.add(s.name);
  for (const [name, value] of defines) {
    if (!sources.every((l) => l.unusedDefines.includes(name))) continue;
    const names = sources.map((l) => l.file).join(', ');
    throw new UsageError(`-D ${name}=${value}: ${names} ${sources.length === 1 ? 'has' : 'have'} no constant ${name} and ${sources.length === 1 ? 'uses' : 'use'} no such name${didYouMean(name, constants)}`);
  }
}
