// Build dist/ once before any test: the tests run the built code (see
// vitest.config.ts) and the CLI tests spawn dist/cli/main.js.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  if (process.env['ILLUSION_SKIP_BUILD'] === '1') return;
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
}
