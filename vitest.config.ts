import { relative, join } from 'node:path';
import { defineConfig, type Plugin } from 'vitest/config';

const ROOT = import.meta.dirname;
const SOURCE_DIRS = /^((cpu|mmu|kernel|asm|homework|cli|bench|views)\/|index\.ts$)/;

/**
 * Tests import the sources (for types and navigation) but run the code tsc
 * built into dist/, the code users run. Besides honesty this matters for
 * speed: the test runner compiles each file alone, which cannot inline the
 * ISA's const enums across files, and the CPU's dispatch switch then
 * compares against property loads instead of jumping: ~30x slower guests.
 * test/global-setup.ts builds dist/ before any test runs.
 */
function useBuiltCode(): Plugin {
  return {
    name: 'illusion-use-built-code',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (importer === undefined || !source.startsWith('.')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (resolved === null) return null;
      const rel = relative(ROOT, resolved.id);
      if (!SOURCE_DIRS.test(rel) || !rel.endsWith('.ts')) return null;
      return join(ROOT, 'dist', rel.replace(/\.ts$/, '.js'));
    },
  };
}

export default defineConfig({
  plugins: [useBuiltCode()],
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // The CLI tests spawn the built CLI; 2 cores, so keep the pool small.
    maxWorkers: 2,
    testTimeout: 60_000,
  },
});
