// A given reference string for the policy homework: -a LIST or -f FILE, read
// as `illusion policy` reads them.
import { readFileSync } from 'node:fs';
import { UsageError } from '../usage.js';
import { parseReferenceList } from '../commands/policy.js';

/** The pages given with --addresses or --addressfile, or undefined when neither was. */
export function readHomeworkReferences(addresses: string | undefined, file: string | undefined): number[] | undefined {
  if (addresses !== undefined && file !== undefined) throw new UsageError('give --addresses or --addressfile, not both');
  // OSTEP's -a -1 means "generate".
  if (addresses !== undefined && addresses.trim() !== '-1') return parseReferenceList('--addresses', addresses.split(','));
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--addressfile: cannot read '${file}': ${(err as Error).message}`);
  }
  const items = text.split(/\r?\n/).filter((line) => line.trim() !== '').flatMap((line) => line.split(','));
  return parseReferenceList('--addressfile', items);
}
