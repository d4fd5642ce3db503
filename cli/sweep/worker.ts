// A sweep worker thread: runs the jobs it is sent, one at a time, and sends
// back each outcome with the job's index.
import { parentPort } from 'node:worker_threads';
import { runJob, type SweepJob } from './runOne.js';

parentPort?.on('message', (job: SweepJob) => {
  try {
    parentPort!.postMessage({ index: job.index, outcome: runJob(job) });
  } catch (err) {
    parentPort!.postMessage({ index: job.index, error: err instanceof Error ? err.message : String(err) });
  }
});
