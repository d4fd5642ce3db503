// The configuration fields that are named choices, and the names the machine
// knows for each: the form's menus, its check and a share link's reading
// (web/share.ts) all take them from here.
import { POLICY_NAMES } from '../kernel/policy/policy.js';
import { TLB_REFILLS } from '../mmu/mmu.js';
import { TLB_POLICIES } from '../mmu/tlb.js';
import type { WebConfig } from './session.js';

type ChoiceKey = 'tlbPolicy' | 'tlbRefill' | 'policy';

export const CONFIG_CHOICES: { readonly [K in ChoiceKey]: readonly WebConfig[K][] } = {
  tlbPolicy: TLB_POLICIES, tlbRefill: TLB_REFILLS, policy: POLICY_NAMES,
};

/** The field's name in messages, as the form labels it. */
export const CONFIG_LABELS: { readonly [K in keyof WebConfig]: string } = {
  tlbEntries: 'TLB entries', tlbWays: 'TLB ways', tlbPolicy: 'TLB policy', tlbRefill: 'TLB refill', asids: 'ASIDs',
  frames: 'frames', policy: 'page policy', swapPages: 'swap pages', quantum: 'quantum', seed: 'seed',
};

export function isChoiceKey(key: string): key is ChoiceKey {
  return Object.hasOwn(CONFIG_CHOICES, key);
}

/** A value shown in a message: as JSON writes it (control characters escaped), cut short. */
export function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
