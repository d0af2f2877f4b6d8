/** Process helpers for the virtual LAN harness: `ip` calls, running to completion, killing by pid. */
import { execFileSync, type ChildProcess } from 'node:child_process';

/** What a finished process said. `code` is null when it was killed (by a signal or the timeout). */
export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `ip ARGS` synchronously; throws with ip's own message on failure (a harness bug or no root). */
export function ipSync(args: readonly string[]): string {
  try {
    return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`ip ${args.join(' ')} failed: ${stderr.trim() || String(error)}`, { cause: error });
  }
}

/** Pids of every process living in namespace `ns` (empty if it does not exist). */
export function listNamespacePids(ns: string): number[] {
  try {
    return ipSync(['netns', 'pids', ns])
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((pid) => Number.isInteger(pid) && pid > 0);
  } catch {
    return [];
  }
}

/** Signal one process we started, by its pid; a process already gone is fine. */
export function killTree(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(child.pid, signal);
  } catch {
    // already gone
  }
}

/** Resolve after `ms`. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Collect a child's output until it exits; SIGKILL it after `timeoutMs`. */
export function runProcess(child: ChildProcess, timeoutMs: number): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => killTree(child, 'SIGKILL'), timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
