import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  type Answers,
  parseAnswers,
  QUESTIONS,
  type Question,
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

const USAGE = 'usage: npm run decide -- --answers FILE|- [--format json|text|markdown] [--verbose]';

/** Each question with its allowed values, from the questionnaire itself so the help cannot go stale. */
function questionLines(): string[] {
  return (QUESTIONS as readonly Question[]).map((q) => {
    const values =
      q.kind === 'single' || q.kind === 'multi'
        ? q.options.map((o) => o.value).join(', ')
        : q.kind === 'boolean'
          ? 'true, false'
          : `text, up to ${q.maxLength} characters`;
    const shape = q.kind === 'multi' ? `list of ${q.maxItems ? `up to ${q.maxItems}: ` : ''}` : '';
    return wrapped(`  ${q.id}${q.required ? ' (required)' : ''}: `, `${shape}${values}`);
  });
}

/** `text` after `first`, wrapped at 100 columns under its own start. */
function wrapped(first: string, text: string): string {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(' ')) {
    if (!empty && line.length + 1 + word.length > 100) {
      lines.push(line);
      line = ' '.repeat(first.length) + word;
    } else {
      line = empty ? line + word : `${line} ${word}`;
    }
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}

function help(): string {
  return [
    USAGE,
    '',
    'Recommends Rust, Python or a hybrid (a Rust core with Python around it) for a project, from the',
    "team's answers to the questionnaire, given as JSON.",
    '',
    'Options:',
    '  --answers FILE|-   the answers: one JSON object, or an array of them for a batch (an array of',
    '                     recommendations comes back, in the same order); - reads standard input',
    '  --format FORMAT    json (default): the whole recommendation',
    '                     text: a summary that fits a terminal screen',
    '                     markdown: an architecture decision record (MADR)',
    '  --verbose          with --format text: everything (pros, cons, every reason, every step, risks,',
    '                     all the changes that would flip the verdict)',
    '  -h, --help         print this help',
    '',
    'Questions and their values:',
    ...questionLines(),
    '',
    'Example:',
    `  echo '{"workload":"web-backend","stage":"mvp","latency":"none","pythonSkill":"strong","rustSkill":"none"}' \\`,
    '    | npm run -s decide -- --answers - --format text',
    '',
    'Exit status: 0 done; 2 bad input, explained in one line on standard error.',
    '',
  ].join('\n');
}

/** A problem with the user's input: reported as one line, exit code 2. */
class InputError extends Error {}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

interface Options {
  readonly file: string;
  readonly format: Format;
  readonly verbose: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  let values: { answers?: string; format?: string; verbose?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        answers: { type: 'string' },
        format: { type: 'string', default: 'json' },
        verbose: { type: 'boolean', default: false },
      },
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
  return { file: values.answers, format: format as Format, verbose: values.verbose ?? false };
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

function render(recs: Recommendation[], batch: boolean, { format, verbose }: Options): string {
  if (format === 'json') return `${JSON.stringify(batch ? recs : recs[0], null, 2)}\n`;
  if (format === 'text') return recs.map((rec) => renderText(rec, { verbose })).join('\n');
  return recs.map((rec) => renderDecisionRecord(rec)).join('\n---\n\n');
}

/** Runs the CLI and returns its exit code: 0 done, 2 bad input. Never throws for bad input. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  // Help wins over everything else on the line, even an otherwise invalid one.
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(help());
    return 0;
  }
  try {
    const options = parseOptions(argv);
    const raw = await readInput(options.file, io);
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
    io.stdout(render(answers.map(recommend), Array.isArray(input), options));
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
