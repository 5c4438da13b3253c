import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './app-process.ts';

/** Where the results go. */
export const BENCHMARKS_FILE = join(REPO_ROOT, 'BENCHMARKS.md');

/**
 * Replaces the part of `file` between `start` and `end` (both kept, as `section` carries them) with `section`,
 * or appends `section` when there is none; the rest of the file is left as it is. For the benchmarks that can
 * be run alone (`tsx bench/slack.ts`, `tsx bench/submission.ts`, `tsx bench/scale-out.ts`).
 */
export async function replaceSection(
  markers: { start: string; end: string },
  section: string,
  file = BENCHMARKS_FILE,
): Promise<void> {
  const existing = await readFile(file, 'utf8').catch(() => '# Benchmarks\n');
  const start = existing.indexOf(markers.start);
  const end = existing.indexOf(markers.end);
  const next =
    start >= 0 && end > start
      ? `${existing.slice(0, start)}${section}${existing.slice(end + markers.end.length)}`
      : `${existing.trimEnd()}\n\n${section}\n`;
  await writeFile(file, next);
}

/** The machine a section was measured on, as its heading states it. */
export interface Machine {
  cores: number;
  cpu: string;
  node: string;
  /** YYYY-MM-DD. */
  date: string;
}

export function thisMachine(): Machine {
  const cpu = cpus();
  return {
    cores: cpu.length,
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    node: process.version,
    date: new Date().toISOString().slice(0, 10),
  };
}

/** With the machine's 1-minute load average as the section began and as it ended: what else was running. */
export interface MachineWithLoad extends Machine {
  loadBefore: number;
  loadAfter: number;
}

/** The machine's 1-minute load average now (NaN where the system has none). */
export function loadAverage(): number {
  return loadavg()[0] ?? Number.NaN;
}

/** A figure with 0, 1 or 2 decimals for the tables, `n/a` when there is none (NaN, a division by zero). */
export const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : 'n/a');
export const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');
export const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');

/**
 * Runs `main` when the module at `moduleUrl` (its `import.meta.url`) is the script node was started with
 * (`tsx bench/<name>.ts`), not when `npm run bench` imports it; a failure exits non-zero.
 */
export function runIfMain(moduleUrl: string, main: () => Promise<void>): void {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? '').href) return;
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
