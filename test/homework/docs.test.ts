// Every example in docs/homework.md is run, and its output must be exactly
// what the page shows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { homework } from './cli.js';

const page = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'homework.md'), 'utf8');
const examples = [...page.matchAll(/```console\n\$ illusion homework (.*)\n([\s\S]*?)```/g)].map((m) => ({ args: m[1]!, output: m[2]! }));

describe('docs/homework.md examples', () => {
  it('has an example of every kind', () => {
    expect(examples.map((e) => e.args.split(' ')[0])).toEqual(['policy', 'policy', 'policy', 'tlb', 'translate', 'cow', 'cow', 'protect', 'protect']);
  });

  for (const { args, output } of examples) {
    it(`illusion homework ${args}`, () => {
      expect(homework(...args.split(' '))).toEqual({ status: 0, stdout: output, stderr: '' });
    });
  }
});
