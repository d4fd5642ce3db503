// A process result as the attack tests compare it: who it was, how it ended
// and what it wrote (its per-process stats left out), and the helpers that
// write the expected ones.
import type { ProcessResult } from '../../kernel/result.js';

export type Bare = Pick<ProcessResult, 'pid' | 'name' | 'status' | 'code' | 'cause' | 'reason' | 'stdout' | 'stderr'>;

/** programs/attacks/bystander.s as pid 1: its checksum proves nothing touched its memory. */
export const BYSTANDER: Bare = { pid: 1, name: 'bystander.s', status: 'exited', code: 0, stdout: 'bystander: PASS checksum=3380305920\n', stderr: '' };

export const exited = (pid: number, name: string, stdout = '', code = 0): Bare => ({ pid, name, status: 'exited', code, stdout, stderr: '' });

export const killed = (pid: number, name: string, cause: string, reason: string, stdout = ''): Bare => ({ pid, name, status: 'killed', cause, reason, stdout, stderr: '' });

export function bare(p: ProcessResult): Bare {
  const { pid, name, status, code, cause, reason, stdout, stderr } = p;
  return { pid, name, status, ...(code !== undefined ? { code } : {}), ...(cause !== undefined ? { cause, reason } : {}), stdout, stderr };
}
