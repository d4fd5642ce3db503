// node:fs for the browser bundle. The assembler reads exactly one file, its
// compiled grammar (asm/parse.ts), which the bundle carries inline; any other
// read (loadProgramFile) fails as a missing file would, which callers handle.
import recipe from 'illusion:grammar-recipe';

export function readFileSync(path: string | URL): string {
  if (String(path).endsWith('grammar.recipe.json')) return recipe;
  const err = new Error(`no file system in the browser: ${String(path)}`) as Error & { code: string };
  err.code = 'ENOENT';
  throw err;
}

function noFiles(what: string): never {
  const err = new Error(`no file system in the browser: ${what}`) as Error & { code: string };
  err.code = 'ENOENT';
  throw err;
}

// kernel/trace.ts writes --trace FILE with these; the page keeps its events in memory instead.
export function openSync(path: string): number {
  return noFiles(path);
}

export function writeSync(): number {
  return noFiles('write');
}

export function closeSync(): void {
  noFiles('close');
}

// asm/load.ts reads a file that is no regular one a megabyte at a time; openSync has already failed here.
export function fstatSync(): never {
  return noFiles('stat');
}

export function readSync(): number {
  return noFiles('read');
}

// asm/load.ts looks for illusion's own programs/ only under a file: URL, never here.
export function existsSync(): boolean {
  return false;
}
