// Runs sweep jobs on worker threads, at most one per core, and returns the
// outcomes in job order whatever order they finish in. One job runs in this
// thread: starting a worker would only cost time.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { runJob, type SweepJob } from './runOne.js';
import type { SweepOutcome } from '../../sweep/points.js';

export interface PoolReports {
  /** A job has finished; `finished` counts the jobs done so far. */
  readonly onDone: (job: SweepJob, finished: number) => void;
  /** A job still running has run `instructions` so far (every `progressEveryMs` of its host time). */
  readonly onProgress: (job: SweepJob, instructions: number) => void;
  readonly progressEveryMs: number;
}

type WorkerMessage = { index: number; outcome?: SweepOutcome; instructions?: number; error?: string };

export async function runJobs(jobs: readonly SweepJob[], reports: PoolReports): Promise<SweepOutcome[]> {
  const { onDone, onProgress, progressEveryMs } = reports;
  const outcomes: SweepOutcome[] = new Array(jobs.length);
  if (jobs.length <= 1) {
    jobs.forEach((job, i) => { outcomes[i] = runJob(job, (n) => onProgress(job, n), progressEveryMs); onDone(job, i + 1); });
    return outcomes;
  }
  const workers = Math.min(jobs.length, Math.max(1, availableParallelism()));
  let next = 0;
  let finished = 0;
  await new Promise<void>((resolve, reject) => {
    const pool: Worker[] = [];
    const stopAll = (): void => { for (const w of pool) void w.terminate(); };
    const feed = (w: Worker): void => {
      if (next < jobs.length) w.postMessage({ job: jobs[next++], progressEveryMs });
      else void w.terminate();
    };
    for (let i = 0; i < workers; i++) {
      const w = new Worker(new URL('./worker.js', import.meta.url));
      pool.push(w);
      w.on('message', (m: WorkerMessage) => {
        if (m.error !== undefined) { stopAll(); reject(new Error(m.error)); return; }
        if (m.outcome === undefined) { onProgress(jobs[m.index]!, m.instructions!); return; }
        outcomes[m.index] = m.outcome;
        finished++;
        onDone(jobs[m.index]!, finished);
        if (finished === jobs.length) { stopAll(); resolve(); }
        else feed(w);
      });
      w.on('error', (err) => { stopAll(); reject(err); });
      feed(w);
    }
  });
  return outcomes;
}
