// A shareable link: the programs, the configuration, standard input, the
// breakpoints, the watches, Stop at a kill and the instruction paused at (a teacher's prepared lesson), as JSON compressed
// with the browser's own deflate (CompressionStream) and written base64url
// in the URL fragment, so nothing is sent to any server.
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

/** The state in a fragment, or undefined when there is none or it is damaged. */
export async function decodeState(hash: string): Promise<SharedState | undefined> {
  if (!hash.startsWith(PREFIX)) return undefined;
  try {
    const json = new TextDecoder().decode(await pipe(fromBase64Url(hash.slice(PREFIX.length)), new DecompressionStream('deflate-raw')));
    const value = JSON.parse(json) as Partial<SharedState>;
    const programs = (value.programs ?? []).filter((p): p is ProgramSource => typeof p?.name === 'string' && typeof p?.source === 'string');
    if (programs.length === 0) return undefined;
    return {
      programs, config: { ...DEFAULT_WEB_CONFIG, ...(value.config ?? {}) }, stdin: typeof value.stdin === 'string' ? value.stdin : '',
      ...(value.breakpoints !== undefined ? { breakpoints: breakpointsOf(value.breakpoints, programs.length) } : {}),
      ...(Array.isArray(value.breakAt) ? { breakAt: entriesOf(value.breakAt as unknown[]) } : {}),
      ...(Array.isArray(value.watch) ? { watch: entriesOf(value.watch as unknown[]) } : {}),
      ...(value.stopAtKill === true ? { stopAtKill: true } : {}),
      ...(Array.isArray(value.stopAt) ? { stopAt: STOP_KINDS.filter((k) => (value.stopAt as unknown[]).includes(k)) } : {}),
      ...(Number.isSafeInteger(value.at) && (value.at as number) > 0 ? { at: value.at as number } : {}),
    };
  } catch {
    return undefined;
  }
}
