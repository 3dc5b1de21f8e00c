import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** CPU time (user + system) a process has used, in ms, from /proc (Linux); 0 when it is gone. */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/**
 * CPU used by a changing set of processes (e.g. one database's PostgreSQL backends) between this
 * call and the returned function's call; processes that appear meanwhile count from zero.
 */
export function cpuMeter(pids: () => Promise<number[]>): Promise<() => Promise<number>> {
  return pids().then((first) => {
    const before = new Map(first.map((pid) => [pid, cpuMsOf(pid)]));
    return async () => (await pids()).reduce((sum, pid) => sum + cpuMsOf(pid) - (before.get(pid) ?? 0), 0);
  });
}
