import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ENGINE_VERSION, recommend } from '../../src/engine/index.ts';
import { REAL_PROJECTS } from './real-projects.ts';
import { SCENARIOS } from './scenarios.ts';

/**
 * What each engine version recommends for the fixed scenarios, as sha256 fingerprints: `answers` of the
 * scenarios' answers, `output` of every recommendation. Append a line when ENGINE_VERSION is bumped; the last
 * line is the engine as it is.
 */
const RECORDED: readonly { readonly version: string; readonly answers: string; readonly output: string }[] = [
  {
    version: '1.0.0',
    answers: '207322936c22346c77b585eeaaaea0901d0163b8f74cb64c557cc4aebb018877',
    output: 'de2e2b6e5d3f7e4eca0bdd4d2e9d2dc58c7aacb6d8f4f1679249b56bf6acccbf',
  },
];

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

const answers = [...SCENARIOS, ...REAL_PROJECTS].map((s) => s.answers);

function semverParts(version: string): number[] {
  return (SEMVER.exec(version) ?? []).slice(1).map(Number);
}

describe('ENGINE_VERSION', () => {
  const current = RECORDED.at(-1);

  it('is a semantic version, and the one the last fingerprint was recorded for', () => {
    expect(ENGINE_VERSION).toMatch(SEMVER);
    expect(
      current?.version,
      `ENGINE_VERSION is ${ENGINE_VERSION}: append { version: '${ENGINE_VERSION}', answers, output } to RECORDED in tests/engine/version.test.ts (this test prints the fingerprints when they differ)`,
    ).toBe(ENGINE_VERSION);
  });

  it("changes whenever the engine's output over the fixed scenarios does", () => {
    const now = { answers: sha256(answers), output: sha256(answers.map((a) => recommend(a))) };
    const scenariosChanged = now.answers !== current?.answers;
    const message = scenariosChanged
      ? `The scenarios in tests/engine/scenarios.ts or real-projects.ts changed, so the fingerprints did (answers ${now.answers}, output ${now.output}). If the engine changed too, bump ENGINE_VERSION in src/engine/version.ts and append a line to RECORDED; if only the scenarios did, update the last line of RECORDED with these.`
      : `The engine's output changed for the same answers (output ${now.output}): bump ENGINE_VERSION in src/engine/version.ts (major if a verdict changes meaning, minor otherwise, patch for wording) and append { version, answers: '${now.answers}', output: '${now.output}' } to RECORDED in tests/engine/version.test.ts.`;
    expect(now, message).toEqual({ answers: current?.answers, output: current?.output });
  });

  it('has versions recorded in increasing order, each with output of its own', () => {
    const versions = RECORDED.map((r) => semverParts(r.version));
    for (const parts of versions) expect(parts).toHaveLength(3);
    for (let i = 1; i < versions.length; i++) {
      const [a = [], b = []] = [versions[i - 1], versions[i]];
      const order = a.map((n, j) => Math.sign((b[j] ?? 0) - n)).find((s) => s !== 0) ?? 0;
      expect(order, `${RECORDED[i]?.version} should come after ${RECORDED[i - 1]?.version}`).toBe(1);
    }
    expect(new Set(RECORDED.map((r) => r.output)).size).toBe(RECORDED.length);
  });
});
