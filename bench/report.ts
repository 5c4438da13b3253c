import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from './app-process.ts';

/** Where the results go. */
export const BENCHMARKS_FILE = join(REPO_ROOT, 'BENCHMARKS.md');

/**
 * Replaces the part of `file` between `start` and `end` (both kept, as `section` carries them) with `section`,
 * or appends `section` when there is none; the rest of the file is left as it is. For the benchmarks that can
 * be run alone (`tsx bench/slack.ts`, `tsx bench/submission.ts`).
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
