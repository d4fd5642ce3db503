// A sweep worker thread: runs the jobs it is sent, one at a time, and sends
// back each outcome with the job's index (and, while a run lasts, how far it is).
import { parentPort } from 'node:worker_threads';
import { runJob, type SweepJob } from './runOne.js';

parentPort?.on('message', ({ job, progressEveryMs }: { job: SweepJob; progressEveryMs: number }) => {
  try {
    const outcome = runJob(job, (instructions) => parentPort!.postMessage({ index: job.index, instructions }), progressEveryMs);
    parentPort!.postMessage({ index: job.index, outcome });
  } catch (err) {
    parentPort!.postMessage({ index: job.index, error: err instanceof Error ? err.message : String(err) });
  }
});
