// A shareable link: the programs, the configuration, standard input, the
// breakpoints, the watches, Stop at a kill and the instruction paused at (a teacher's prepared lesson), as JSON compressed
// with the browser's own deflate (CompressionStream) and written base64url
// in the URL fragment, so nothing is sent to any server.
import { CONFIG_CHOICES, CONFIG_LABELS, isChoiceKey, shown } from './configChoices.js';
import { STOP_KINDS, type StopKind } from './eventStop.js';
import { DEFAULT_WEB_CONFIG, type ProgramSource, type WebConfig } from './session.js';

export interface SharedState {
  readonly programs: readonly ProgramSource[];
  readonly config: WebConfig;
  /** Standard input for the run. */
  readonly stdin?: string;
  /** Breakpoint lines per program (index as in `programs`); absent when none is set. */
  readonly breakpoints?: readonly (readonly number[])[];
  /** "Break at" entries (labels, FILE:LINE); absent when none. */
  readonly breakAt?: readonly string[];
  /** "Watch" entries (labels, addresses, registers); absent when none. */
  readonly watch?: readonly string[];
  /** The page's "Stop at a kill"; absent when off. */
  readonly stopAtKill?: boolean;
  /** The kernel events the page stops after; absent when none. */
  readonly stopAt?: readonly StopKind[];
  /** The instruction the page was paused at (web/replay.ts steps a new page there); absent at the start or the end. */
  readonly at?: number;
}

/** One list of whole line numbers from 1 up per program, sorted, without repeats; anything else in a link is dropped. */
function breakpointsOf(value: unknown, programs: number): number[][] {
  const lists = Array.isArray(value) ? value : [];
  return Array.from({ length: programs }, (_, i) => {
    const list: unknown[] = Array.isArray(lists[i]) ? lists[i] : [];
    const lines = list.filter((l): l is number => Number.isInteger(l) && (l as number) >= 1);
    return [...new Set(lines)].sort((a, b) => a - b);
  });
}

/** Text entries of a link, trimmed, without blanks or repeats. */
function entriesOf(value: readonly unknown[]): string[] {
  return [...new Set(value.filter((b): b is string => typeof b === 'string' && b.trim() !== '').map((b) => b.trim()))];
}

const PREFIX = '#s=';

function toBase64Url(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

export async function encodeState(state: SharedState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(state));
  return PREFIX + toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
}

/** What a fragment held: nothing of ours, a link that could not be read, or the state and a note per value replaced or left out. */
export type LinkRead =
  | { readonly kind: 'none' }
  | { readonly kind: 'damaged'; readonly note: string }
  | { readonly kind: 'state'; readonly state: SharedState; readonly notes: readonly string[] };

/** The message for a `#s=` that cannot be read; the page then opens as it would without a link. */
export const DAMAGED_LINK = 'the link could not be read (damaged or cut short); the page opened without it';
/** The same, for a link opened in a tab already showing a lesson: that lesson stays. */
export const DAMAGED_LINK_IN_TAB = 'the link could not be read (damaged or cut short); the page is as it was';

const TYPE_NAMES: Record<string, string> = { number: 'a number', boolean: 'true or false', string: 'a name' };

/**
 * The link's configuration, field by field: a value is kept only when it is
 * of the default's type and, for a named choice, a name the machine knows;
 * anything else keeps the default with a note, and an unknown field is left
 * out with one. (An unchecked policy name reached the kernel and broke Run.)
 */
export function configOfLink(value: unknown): { config: WebConfig; notes: string[] } {
  if (value === undefined) return { config: DEFAULT_WEB_CONFIG, notes: [] };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { config: DEFAULT_WEB_CONFIG, notes: [`the link's configuration ${shown(value)} is not a set of settings; using the defaults`] };
  }
  const config: Record<string, unknown> = { ...DEFAULT_WEB_CONFIG };
  const notes: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (!Object.hasOwn(DEFAULT_WEB_CONFIG, key)) {
      notes.push(`the link's setting ${shown(key)} is not one this machine has; left out`);
      continue;
    }
    const k = key as keyof WebConfig;
    const fallback = DEFAULT_WEB_CONFIG[k];
    const label = CONFIG_LABELS[k];
    if (typeof v !== typeof fallback) {
      notes.push(`the link's ${label} ${shown(v)} is not ${TYPE_NAMES[typeof fallback]}; using ${String(fallback)}`);
    } else if (isChoiceKey(k) && !(CONFIG_CHOICES[k] as readonly unknown[]).includes(v)) {
      notes.push(`the link's ${label} ${shown(v)} is not one this machine knows (${CONFIG_CHOICES[k].join(', ')}); using ${String(fallback)}`);
    } else {
      config[k] = v;
    }
  }
  return { config: config as unknown as WebConfig, notes };
}

/** Reads a fragment; never throws. */
export async function readLink(hash: string): Promise<LinkRead> {
  if (!hash.startsWith(PREFIX)) return { kind: 'none' };
  let value: Partial<Record<keyof SharedState, unknown>>;
  try {
    const json = new TextDecoder('utf-8', { fatal: true }).decode(await pipe(fromBase64Url(hash.slice(PREFIX.length)), new DecompressionStream('deflate-raw')));
    value = JSON.parse(json) as typeof value;
  } catch {
    return { kind: 'damaged', note: DAMAGED_LINK };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { kind: 'damaged', note: DAMAGED_LINK };
  const listed = Array.isArray(value.programs) ? (value.programs as unknown[]) : [];
  const isProgram = (p: unknown): p is ProgramSource => typeof (p as ProgramSource | null)?.name === 'string' && typeof (p as ProgramSource | null)?.source === 'string';
  const programs = listed.filter(isProgram);
  if (programs.length === 0) return { kind: 'damaged', note: DAMAGED_LINK };
  const { config, notes } = configOfLink(value.config);
  const bad = listed.flatMap((p, i) => (isProgram(p) ? [] : [i + 1]));
  if (bad.length > 0) notes.unshift(`the link's ${bad.length === 1 ? 'program' : 'programs'} ${bad.join(', ')} ${bad.length === 1 ? 'has' : 'have'} no name and source; left out`);
  const state: SharedState = {
    programs, config, stdin: typeof value.stdin === 'string' ? value.stdin : '',
    ...(value.breakpoints !== undefined ? { breakpoints: breakpointsOf(value.breakpoints, programs.length) } : {}),
    ...(Array.isArray(value.breakAt) ? { breakAt: entriesOf(value.breakAt as unknown[]) } : {}),
    ...(Array.isArray(value.watch) ? { watch: entriesOf(value.watch as unknown[]) } : {}),
    ...(value.stopAtKill === true ? { stopAtKill: true } : {}),
    ...(Array.isArray(value.stopAt) ? { stopAt: STOP_KINDS.filter((k) => (value.stopAt as unknown[]).includes(k)) } : {}),
    ...(Number.isSafeInteger(value.at) && (value.at as number) > 0 ? { at: value.at as number } : {}),
  };
  return { kind: 'state', state, notes };
}

/** The state in a fragment, or undefined when there is none or it is damaged. */
export async function decodeState(hash: string): Promise<SharedState | undefined> {
  const read = await readLink(hash);
  return read.kind === 'state' ? read.state : undefined;
}
