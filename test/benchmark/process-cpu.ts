import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`, 100 on Linux almost everywhere). */
const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ProcStat {
  ppid: number;
  /** utime + stime, in ms. */
  own: number;
  /** cutime + cstime, in ms: the CPU time of children it has reaped. */
  reaped: number;
}

/** One process's line of /proc/<pid>/stat, or null when it has gone. Fields after the command: man 5 proc. */
function readStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command (field 2) is in parentheses and may hold spaces; field 3 (state) follows the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const at = (field: number) => Number(fields[field - 3]);
  const ms = (ticks: number) => (ticks * 1000) / ticksPerSecond;
  return { ppid: at(4), own: ms(at(14) + at(15)), reaped: ms(at(16) + at(17)) };
}

/** Whether CPU times can be read (Linux's /proc). */
export const processCpuAvailable = (): boolean => existsSync('/proc/self/stat');

/**
 * CPU ms used so far by a process and its children: its own time, its reaped children's, and that of each
 * live child (PostgreSQL's backends and auxiliary processes are the postmaster's children). A child that
 * exits between two readings moves into `reaped`, so differences stay exact.
 */
export function processTreeCpuMs(pid: number): number {
  const root = readStat(pid);
  if (!root) return 0;
  let total = root.own + root.reaped;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === pid) continue;
    const child = readStat(Number(entry));
    if (child?.ppid === pid) total += child.own + child.reaped;
  }
  return total;
}

/** CPU ms used so far by each named process (with its children). */
export const cpuSnapshot = (pids: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, processTreeCpuMs(pid)]));
