import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliIo, runCli } from '../src/cli.ts';
import type { Recommendation } from '../src/engine/index.ts';
import { FIRMWARE } from './helpers/sample-answers.ts';

const NOTEBOOKS = {
  workload: 'data-science',
  stage: 'prototype',
  latency: 'none',
  pythonSkill: 'strong',
  rustSkill: 'none',
};

function memoryIo(files: Record<string, string>, stdin = '') {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    readFile: async (path) => {
      const content = files[path];
      if (content === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return content;
    },
    readStdin: async () => stdin,
    stdout: (text) => {
      out.stdout += text;
    },
    stderr: (text) => {
      out.stderr += text;
    },
  };
  return { io, out };
}

async function run(argv: string[], files: Record<string, string> = {}, stdin = '') {
  const { io, out } = memoryIo(files, stdin);
  const code = await runCli(argv, io);
  return { code, ...out };
}

describe('runCli', () => {
  it('prints one recommendation as JSON', async () => {
    const r = await run(['--answers', 'a.json', '--format', 'json'], { 'a.json': JSON.stringify(FIRMWARE) });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const rec = JSON.parse(r.stdout) as Recommendation;
    expect(rec.verdict).toBe('rust');
    expect(rec.plan.kind).toBe('rust-with-learning-path');
  });

  it('reads standard input for "-" and defaults to JSON', async () => {
    const r = await run(['--answers', '-'], {}, JSON.stringify(NOTEBOOKS));
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Recommendation).verdict).toBe('python');
  });

  it('answers an array with an array in the same order, thousands at once', async () => {
    const batch = Array.from({ length: 2000 }, (_, i) => (i % 2 === 0 ? FIRMWARE : NOTEBOOKS));
    const started = performance.now();
    const r = await run(['--answers', 'batch.json'], { 'batch.json': JSON.stringify(batch) });
    const elapsed = performance.now() - started;
    expect(r.code).toBe(0);
    const recs = JSON.parse(r.stdout) as Recommendation[];
    expect(recs).toHaveLength(2000);
    expect(recs.map((x) => x.verdict).slice(0, 4)).toEqual(['rust', 'python', 'rust', 'python']);
    expect(elapsed).toBeLessThan(10_000);
  });

  it('renders text and markdown', async () => {
    const files = { 'a.json': JSON.stringify(FIRMWARE) };
    const text = await run(['--answers', 'a.json', '--format', 'text'], files);
    expect(text.stdout.split('\n')[0]).toBe('Verdict: Rust');
    const markdown = await run(['--answers', 'a.json', '--format', 'markdown'], files);
    expect(markdown.stdout).toContain('## Decision Outcome');
  });

  it('adds the risks and every step to the text with --verbose, and only then', async () => {
    const files = { 'a.json': JSON.stringify(FIRMWARE) };
    const rec = JSON.parse((await run(['--answers', 'a.json'], files)).stdout) as Recommendation;
    const short = await run(['--answers', 'a.json', '--format', 'text'], files);
    const full = await run(['--answers', 'a.json', '--format', 'text', '--verbose'], files);
    expect(full.code).toBe(0);
    expect(short.stdout).not.toContain('Risks:');
    expect(full.stdout).toContain('Risks:');
    const risk = rec.risks[0]?.risk ?? '';
    expect(risk).not.toBe('');
    const firstWords = risk.split(' ').slice(0, 4).join(' ');
    expect(full.stdout).toContain(`! ${firstWords}`);
    expect(short.stdout).not.toContain(firstWords);
    expect(full.stdout.split('\n').length).toBeGreaterThan(short.stdout.split('\n').length);
  });

  it('renders a batch as text, one summary per answers, in order', async () => {
    const r = await run(['--answers', 'b.json', '--format', 'text'], {
      'b.json': JSON.stringify([FIRMWARE, NOTEBOOKS]),
    });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('Verdict: '))).toEqual([
      'Verdict: Rust',
      'Verdict: Python',
    ]);
  });

  for (const flag of ['--help', '-h']) {
    it(`prints the usage for ${flag} and exits 0, whatever else is on the line`, async () => {
      for (const argv of [[flag], ['--format', 'yaml', flag]]) {
        const r = await run(argv);
        expect(r.code).toBe(0);
        expect(r.stderr).toBe('');
        expect(r.stdout).toMatch(/^usage: npm run decide -- --answers FILE\|- /);
        for (const option of ['--answers FILE|-', '--format', 'json', 'text', 'markdown', '--verbose']) {
          expect(r.stdout).toContain(option);
        }
        expect(r.stdout).toContain('Example:');
        expect(r.stdout).toMatch(/^ {2}latency \(required\): none, interactive, strict, realtime$/m);
        expect(r.stdout).toMatch(/^ {2}hotPath: python, native, unknown$/m);
      }
    });
  }

  it('runs the example the usage shows', async () => {
    const usage = (await run(['--help'])).stdout;
    const json = /echo '([^']+)'/.exec(usage)?.[1] ?? '';
    const r = await run(['--answers', '-', '--format', 'text'], {}, json);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Verdict: /);
  });

  it("prints what README's example says it prints", async () => {
    const readme = await readFile(join(process.cwd(), 'README.md'), 'utf8');
    const example =
      /```console\n\$ echo '([^']+)'[^\n]*\n(?:.*\n)*? {2}\| npm run -s decide -- (.*)\n((?:.*\n)*?)\.\.\.\n```/.exec(
        readme,
      );
    expect(example).not.toBeNull();
    const [, json = '', args = '', shown = ''] = example ?? [];
    expect(shown.split('\n').length).toBeGreaterThan(2);
    const r = await run(args.split(' '), {}, json.replace(/\s+/g, ' '));
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(shown)).toBe(true);
  });

  const badInput: [string, string[], Record<string, string>, RegExp][] = [
    ['not JSON', ['--answers', 'a.json'], { 'a.json': '{workload:' }, /not valid JSON/],
    [
      'an unknown option',
      ['--answers', 'a.json'],
      { 'a.json': JSON.stringify({ ...FIRMWARE, latency: 'fast' }) },
      /latency: "fast" is not allowed; allowed values: none, interactive, strict, realtime/,
    ],
    [
      'a missing required answer',
      ['--answers', 'a.json'],
      { 'a.json': JSON.stringify({ ...FIRMWARE, rustSkill: undefined }) },
      /rustSkill is required; allowed values: none, some, strong/,
    ],
    [
      'an unknown question',
      ['--answers', 'a.json'],
      { 'a.json': JSON.stringify({ ...FIRMWARE, langauge: 'rust' }) },
      /unknown question "langauge"/,
    ],
    [
      'a bad item in a batch',
      ['--answers', 'a.json'],
      { 'a.json': JSON.stringify([FIRMWARE, { ...NOTEBOOKS, stage: 'beta' }]) },
      /^error: answers\[1\]: stage: "beta" is not allowed/,
    ],
    ['an unknown flag', ['--answers', 'a.json', '--verbos'], {}, /Unknown option '--verbos'/],
    [
      'an unknown format',
      ['--answers', 'a.json', '--format', 'yaml'],
      {},
      /--format "yaml" is not supported/,
    ],
    ['no --answers', ['--format', 'json'], {}, /--answers is required/],
    [
      'an unreadable file',
      ['--answers', 'missing.json'],
      {},
      /cannot read answers from "missing.json" \(ENOENT\)/,
    ],
  ];
  for (const [what, argv, files, message] of badInput) {
    it(`rejects ${what} with exit code 2 and one line on stderr`, async () => {
      const r = await run(argv, files);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }
});

describe('npm run decide (real process)', () => {
  const exec = promisify(execFile);
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'decide-'));
    await writeFile(join(dir, 'firmware.json'), JSON.stringify(FIRMWARE));
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ workload: 'embedded' }));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

  it('prints text for a file and exits 0', async () => {
    const { stdout } = await exec(tsx, [
      'src/cli.ts',
      '--answers',
      join(dir, 'firmware.json'),
      '--format',
      'text',
    ]);
    expect(stdout).toMatch(/^Verdict: Rust\n/);
  });

  it('exits 2 with a one-line reason and no stack trace for bad input', async () => {
    const failure = await exec(tsx, ['src/cli.ts', '--answers', join(dir, 'bad.json')]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(failure?.stderr).toMatch(/^error: stage is required; allowed values: prototype, mvp, production/);
  });

  it('reads standard input', async () => {
    const child = execFile(tsx, ['src/cli.ts', '--answers', '-', '--format', 'markdown']);
    child.stdin?.end(JSON.stringify(NOTEBOOKS));
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stdout).toContain('# Data analysis or ML work, built in Python');
  });
});
