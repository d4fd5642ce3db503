// Times a whole Node process as a user starts it: wall time around
// spawnSync, and the child's own user and system CPU time, which a shared
// machine disturbs far less than wall time. The CPU time comes from a tiny
// preloaded hook (`node -r hook.cjs ...`) that writes process.cpuUsage() to
// stderr at exit behind a marker line; the marker is cut off again before
// the caller checks stderr. Every process timed here gets the same hook, so
// a ratio of two of them (start-up) compares like with like.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Starts the line the hook writes; nothing a guest or the CLI prints looks like it. */
export const CPU_MARKER = '\n@illusion-bench-cpu ';

export interface ProcessSample {
  readonly wallSeconds: number;
  /** User CPU time of the child, from its own process.cpuUsage() at exit. */
  readonly userSeconds: number;
  readonly systemSeconds: number;
}

export interface ProcessOutput {
  readonly status: number | null;
  readonly stdout: string;
  /** stderr without the hook's marker line. */
  readonly stderr: string;
}

/** Splits the hook's `{"user":µs,"system":µs}` off the end of stderr. */
export function splitCpuUsage(stderr: string): { stderr: string; userSeconds: number; systemSeconds: number } | null {
  const at = stderr.lastIndexOf(CPU_MARKER);
  if (at < 0) return null;
  let usage: unknown;
  try {
    usage = JSON.parse(stderr.slice(at + CPU_MARKER.length));
  } catch {
    return null;
  }
  const { user, system } = (usage ?? {}) as { user?: unknown; system?: unknown };
  if (typeof user !== 'number' || typeof system !== 'number') return null;
  return { stderr: stderr.slice(0, at), userSeconds: user / 1e6, systemSeconds: system / 1e6 };
}

let hookPath: string | undefined;

/** The hook file, written once per bench process into a temporary directory. */
function hook(): string {
  if (hookPath === undefined) {
    hookPath = join(mkdtempSync(join(tmpdir(), 'illusion-cpu-')), 'cpu.cjs');
    writeFileSync(hookPath, `process.on('exit', () => { require('node:fs').writeSync(2, ${JSON.stringify(CPU_MARKER)} + JSON.stringify(process.cpuUsage())); });\n`);
    const dir = dirname(hookPath);
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return hookPath;
}

/**
 * Runs `node ARGS...` in `cwd` and waits for it. `check` sees the output
 * (stderr without the marker) and returns why it is wrong, or null; a wrong
 * run throws, since its time would mean nothing.
 */
export function timeProcess(args: readonly string[], cwd: string, check: (out: ProcessOutput) => string | null): ProcessSample & { output: ProcessOutput } {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-r', hook(), ...args], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  const wallSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = splitCpuUsage(child.stderr ?? '');
  const output: ProcessOutput = { status: child.status, stdout: child.stdout ?? '', stderr: cpu?.stderr ?? child.stderr ?? '' };
  const wrong = child.error !== undefined ? child.error.message : cpu === null ? 'no CPU usage line from the hook' : check(output);
  if (wrong !== null) throw new Error(`node ${args.join(' ')}: ${wrong} (status ${child.status}; stderr: ${output.stderr.trim().slice(0, 300)})`);
  return { wallSeconds, userSeconds: cpu!.userSeconds, systemSeconds: cpu!.systemSeconds, output };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Medians of a set of samples of one kind of process. */
export interface ProcessStats {
  readonly runs: number;
  readonly wallSeconds: number;
  readonly userSeconds: number;
  readonly systemSeconds: number;
  /** Median of user + system over the runs (not the sum of the two medians). */
  readonly cpuSeconds: number;
  readonly minWallSeconds: number;
}

export function summarize(samples: readonly ProcessSample[]): ProcessStats {
  return {
    runs: samples.length,
    wallSeconds: median(samples.map((s) => s.wallSeconds)),
    userSeconds: median(samples.map((s) => s.userSeconds)),
    systemSeconds: median(samples.map((s) => s.systemSeconds)),
    cpuSeconds: median(samples.map((s) => s.userSeconds + s.systemSeconds)),
    minWallSeconds: Math.min(...samples.map((s) => s.wallSeconds)),
  };
}
