// Writing to the host's stdout and stderr from synchronous code. Node makes
// a pipe non-blocking once process.stdout is touched, and writeSync then
// fails with EAGAIN whenever the reader is slower than we are: wait a moment
// and go on, so that a large --json result or a flood of guest output is
// never cut short (or reported as an internal error) by a slow reader.
import { writeSync } from 'node:fs';

const BACKOFF_MS = 1;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Writes all of `data` to `fd`; errors other than a full pipe (EPIPE among them) are thrown. */
export function writeAll(fd: number, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let at = 0;
  while (at < bytes.length) {
    try {
      at += writeSync(fd, bytes, at, bytes.length - at);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(pause, 0, 0, BACKOFF_MS);
    }
  }
}
