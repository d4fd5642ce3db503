// `illusion web [FILE...] [--port N]` (SPEC section 13): serves the page that
// runs the machine in the browser, on 127.0.0.1 only, and prints its URL.
// With files, the page opens with them loaded (pid 1, 2, ... in order).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { looksLikeImage, readProgramBytes } from '../../asm/index.js';
import { startWebServer } from '../webServer.js';
import { ERROR_PREFIX, InputError, parseIntFlag, UsageError } from '../usage.js';

/** dist/web/ beside the CLI: the bundle is dist/cli/main.js, tsc's module dist/cli/commands/web.js. */
function siteDir(): string {
  for (const rel of ['../web/', '../../web/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(`${dir}index.html`)) return dir;
  }
  throw new UsageError('the page is not built: run npm run build');
}

function checkFiles(files: readonly string[]): void {
  const errors: string[] = [];
  for (const f of files) {
    let bytes: Uint8Array;
    try {
      bytes = readProgramBytes(f);
    } catch (err) {
      errors.push(`cannot read ${f}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
      continue;
    }
    if (looksLikeImage(bytes)) errors.push(`${f}: a program image; the page edits assembly source, so give it the .s file`);
  }
  // One line a file, each as run and asm print theirs.
  if (errors.length > 0) throw new InputError(errors.map((e) => `${ERROR_PREFIX}${e}`).join('\n'));
}

async function runWeb(files: string[], flags: { port?: string }): Promise<void> {
  const port = flags.port === undefined ? 0 : parseIntFlag('--port', flags.port, 0, 65535);
  checkFiles(files);
  let server;
  try {
    server = await startWebServer({ siteDir: siteDir(), files, port });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'EADDRINUSE' ? `--port ${port}: the port is in use` : `cannot serve: ${(err as Error).message}`);
  }
  process.stdout.write(`illusion web: ${server.url}  (open it in a browser; Ctrl-C stops the server)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => void server.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

export function registerWeb(program: Command): void {
  program
    .command('web')
    .description('serve the machine in a browser on 127.0.0.1 and print its URL')
    .argument('[files...]', 'assembly sources to open with (pid 1, 2, ... in order)')
    .option('--port <n>', 'port to listen on (default: a free one)')
    .action((files: string[], flags: { port?: string }) => runWeb(files, flags));
}
