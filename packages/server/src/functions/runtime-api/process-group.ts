/**
 * A runtime process in a process group of its own, so that a kill reaches what it started too
 * (a shell bootstrap's `curl`, a `sleep`): Lambda freezes or discards the whole sandbox, never
 * only its first process. Being detached, such groups would outlive a Flowgate that exits
 * without closing its runners (a crash, `process.exit`), so one exit hook kills those left.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { splitLines } from './invocation-log.js';

export interface ProcessLaunch {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** Everything but the per-process variables, which `processEnvironment` adds. */
  readonly env: Readonly<Record<string, string>>;
}

const groups = new Set<number>();
let hooked = false;

/** Starts the process; every line it writes on stdout or stderr goes to `onLine`. */
export function spawnInGroup(command: string, args: readonly string[], cwd: string, env: Record<string, string>, onLine: (line: string) => void): ChildProcess {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const pid = child.pid;
  if (pid !== undefined) {
    groups.add(pid);
    child.once('exit', () => groups.delete(pid));
    hookExit();
  }
  for (const stream of [child.stdout, child.stderr]) {
    const lines = splitLines(onLine);
    stream?.setEncoding('utf8');
    stream?.on('data', (text: string) => lines.push(text));
    stream?.once('end', () => lines.flush());
  }
  return child;
}

/** Kills the process and everything in its group. */
export function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group is gone already.
  }
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const group of groups) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  });
}
