import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** CPU time from /proc, for the benchmarks' CPU-per-command figures. Linux only. */

/** The unit of /proc's CPU times (`getconf CLK_TCK`, USER_HZ; 100 on Linux unless built otherwise). */
function clockTicksPerSecond(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}
const MS_PER_TICK = 1000 / clockTicksPerSecond();

/** /proc's clock ticks in ms. */
export function ticksToMs(ticks: number): number {
  return ticks * MS_PER_TICK;
}

/**
 * A process's /proc stat fields after its name, which is in parentheses and may itself hold spaces:
 * [state, ppid, …], so utime and stime are [11] and [12]. Rejects once the process is gone.
 */
export async function procStat(pid: number | string): Promise<string[]> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** Busy and total CPU time of the whole machine so far (all cores), in ms, from the first line of /proc/stat. */
export async function machineCpu(): Promise<{ busy: number; total: number }> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n', 1)[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = ticks.reduce((sum, t) => sum + t, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0); // idle + iowait
  return { busy: ticksToMs(total - idle), total: ticksToMs(total) };
}
