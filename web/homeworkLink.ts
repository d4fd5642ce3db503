// The Homework view's share link: the kind, the seed and the options in the
// URL's fragment as plain words (`#homework=tlb&seed=7&entries=16&policy=fifo`), so that
// a TA can read it, and make one link per student by changing the seed.
// Nothing in it is compressed, and nothing is sent to a server.
import { SIMULATED_POLICY_NAMES, type SimulatedPolicyName } from '../kernel/policy/simulate.js';
import { TLB_POLICIES, type TlbPolicy } from '../mmu/tlb.js';
import { HOMEWORK_KINDS, optionsOf, type HomeworkKind, type HomeworkSettings } from './homeworkSettings.js';

const PREFIX = '#homework=';

export function homeworkHash(s: HomeworkSettings): string {
  const params = new URLSearchParams({ homework: s.kind, seed: String(s.seed) });
  if (s.kind === 'policy' && s.pagePolicy !== undefined && s.pagePolicy !== 'fifo') params.set('policy', s.pagePolicy);
  for (const l of optionsOf(s.kind)) if (s.options[l.flag] !== undefined) params.set(l.flag, String(s.options[l.flag]));
  if (s.kind === 'tlb' && s.tlbPolicy !== undefined && s.tlbPolicy !== 'lru') params.set('policy', s.tlbPolicy);
  if (s.kind === 'tlb' && s.asids === false) params.set('asid', 'off');
  return `#${params.toString()}`;
}

/** The settings in a fragment, or undefined when it is not a homework link; a value out of range is left to the view's check. */
export function parseHomeworkHash(hash: string): HomeworkSettings | undefined {
  if (!hash.startsWith(PREFIX)) return undefined;
  const params = new URLSearchParams(hash.slice(1));
  const kind = params.get('homework') as HomeworkKind;
  if (!HOMEWORK_KINDS.includes(kind)) return undefined;
  const whole = (text: string | null) => (text !== null && /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined);
  const options: Record<string, number> = {};
  for (const l of optionsOf(kind)) {
    const v = whole(params.get(l.flag));
    if (v !== undefined) options[l.flag] = v;
  }
  const policy = params.get('policy');
  // OSTEP's name for random, as the CLI takes it.
  const pagePolicy = (policy === 'rand' ? 'random' : policy) as SimulatedPolicyName;
  return {
    kind, seed: whole(params.get('seed')) ?? 0, options,
    ...(kind === 'policy' && SIMULATED_POLICY_NAMES.includes(pagePolicy) ? { pagePolicy } : {}),
    ...(kind === 'tlb' && TLB_POLICIES.includes(policy as TlbPolicy) ? { tlbPolicy: policy as TlbPolicy } : {}),
    ...(kind === 'tlb' && params.get('asid') === 'off' ? { asids: false } : {}),
  };
}
