import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  type Answers,
  parseAnswers,
  type Recommendation,
  recommend,
  renderDecisionRecord,
  renderText,
} from './engine/index.ts';

/** Where the CLI reads and writes; tests pass their own to run it in-process. */
export interface CliIo {
  readFile(path: string): Promise<string>;
  readStdin(): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
}

const FORMATS = ['json', 'text', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = 'usage: npm run decide -- --answers FILE|- [--format json|text|markdown]';

/** A problem with the user's input: reported as one line, exit code 2. */
class InputError extends Error {}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function parseOptions(argv: readonly string[]): { file: string; format: Format } {
  let values: { answers?: string; format?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { answers: { type: 'string' }, format: { type: 'string', default: 'json' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new InputError(`${error instanceof Error ? error.message : String(error)}; ${USAGE}`);
  }
  if (values.answers === undefined) throw new InputError(`--answers is required; ${USAGE}`);
  const format = values.format ?? 'json';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new InputError(
      `--format ${JSON.stringify(format)} is not supported; allowed: ${FORMATS.join(', ')}`,
    );
  }
  return { file: values.answers, format: format as Format };
}

async function readInput(file: string, io: CliIo): Promise<string> {
  try {
    return file === '-' ? await io.readStdin() : await io.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      `cannot read answers from ${file === '-' ? 'standard input' : JSON.stringify(file)}${code ? ` (${code})` : ''}`,
    );
  }
}

function validate(input: unknown, where: string): Answers {
  const result = parseAnswers(input);
  if (result.ok) return result.answers;
  throw new InputError(`${where}${result.errors.map((e) => e.message).join(' | ')}`);
}

function render(recs: Recommendation[], batch: boolean, format: Format): string {
  if (format === 'json') return `${JSON.stringify(batch ? recs : recs[0], null, 2)}\n`;
  const renderOne = format === 'text' ? renderText : renderDecisionRecord;
  return recs.map(renderOne).join(format === 'text' ? '\n' : '\n---\n\n');
}

/** Runs the CLI and returns its exit code: 0 done, 2 bad input. Never throws for bad input. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { file, format } = parseOptions(argv);
    const raw = await readInput(file, io);
    let input: unknown;
    try {
      input = JSON.parse(raw);
    } catch (error) {
      throw new InputError(
        `answers are not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const items: unknown[] = Array.isArray(input) ? input : [input];
    const answers = items.map((item, i) => validate(item, Array.isArray(input) ? `answers[${i}]: ` : ''));
    io.stdout(render(answers.map(recommend), Array.isArray(input), format));
    return 0;
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`error: ${oneLine(error.message)}\n`);
      return 2;
    }
    io.stderr(
      `error: unexpected failure: ${oneLine(error instanceof Error ? error.message : String(error))}\n`,
    );
    return 1;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  process.exitCode = await runCli(process.argv.slice(2), {
    readFile: (path) => readFile(path, 'utf8'),
    readStdin,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
