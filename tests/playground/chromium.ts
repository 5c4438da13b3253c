import { spawn } from 'node:child_process';
import { constants, createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { type Browser, chromium } from 'playwright-core';

/**
 * Which Chromium the browser tests drive, first found wins:
 * 1. `CHROMIUM_PATH`, when set (and only it: a wrong path fails rather than quietly testing another browser);
 * 2. a system Chromium or Chrome on `PATH` (Debian's `chromium`, as CI installs it);
 * 3. the Chromium shipped inside the `@sparticuz/chromium` dev dependency, unpacked once into
 *    node_modules/.cache, so a fresh machine needs no system package. It is pinned at 147.0.0, the last
 *    release whose engines allow Node 20 (147.0.1 and later ask for Node 22.17).
 * `CHROMIUM_SOURCE=npm` skips step 2 (to check the npm browser on a machine that has a system one);
 * `CHROMIUM_SOURCE=system` skips step 3.
 */
export interface ChromiumLocation {
  path: string;
  source: 'CHROMIUM_PATH' | 'system' | 'npm';
  /** Extra environment the browser needs (the npm build's fonts). */
  env?: Record<string, string>;
}

type Env = Readonly<Record<string, string | undefined>>;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'chrome'];
const MAC_APPS = [
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];
const NPM_PACKAGE = '@sparticuz/chromium';
const HOW_TO_GET_ONE =
  'Run `npm install` (the @sparticuz/chromium dev dependency ships one for Linux x64), install Chromium ' +
  '(`apt-get install chromium`), or set CHROMIUM_PATH to a Chromium or Chrome executable.';

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function systemChromium(env: Env): Promise<string | undefined> {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const candidates = [
    ...dirs.flatMap((dir) => SYSTEM_NAMES.map((name) => join(dir, name))),
    ...(process.platform === 'darwin' ? MAC_APPS : []),
  ];
  for (const candidate of candidates) if (await isExecutable(candidate)) return candidate;
  return undefined;
}

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * Creates `target` unless it exists: `make` writes `<temporary>/out`, which is then renamed into place, so a
 * concurrent test run never sees half a file.
 */
async function createOnce(target: string, make: (out: string) => Promise<void>): Promise<void> {
  if (await exists(target)) return;
  const temporary = await mkdtemp(`${target}.partial-`);
  try {
    await make(join(temporary, 'out'));
    // Another process may have won the race: its copy is as good as ours.
    await rename(join(temporary, 'out'), target).catch(async (error: unknown) => {
      if (!(await exists(target))) throw error;
    });
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
}

async function extractTarBrotli(archive: string, into: string): Promise<void> {
  await mkdir(into, { recursive: true });
  const tar = spawn('tar', ['-x', '-C', into], { stdio: ['pipe', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve, reject) => {
    tar.once('error', reject);
    tar.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`tar exited with ${code}`))));
  });
  // tar stops reading at the archive's end marker and may exit before the zero padding after it is written:
  // its stdin then closes early ("Premature close", EPIPE). What counts is how tar ended.
  const piped = pipeline(createReadStream(archive), createBrotliDecompress(), tar.stdin).then(
    () => undefined,
    (error: unknown) => error,
  );
  const [pipeError] = await Promise.all([piped, exited]);
  if (pipeError !== undefined && !isEarlyClose(pipeError)) throw pipeError;
}

/** The reader of a pipe went away before the writer finished: harmless once the reader succeeded. */
function isEarlyClose(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'EPIPE';
}

/**
 * The package's Chromium (a headless shell linked only against libc, libexpat and libgcc) and its fonts,
 * unpacked from the package's Brotli files. The package's own `executablePath()` unpacks into a shared
 * /tmp/chromium whatever its version, and two test runs at once could launch a half-written binary.
 */
async function npmChromium(): Promise<ChromiumLocation> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`${NPM_PACKAGE} ships Chromium for Linux x64 only. ${HOW_TO_GET_ONE}`);
  }
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(NPM_PACKAGE);
  } catch {
    throw new Error(`No Chromium found, and ${NPM_PACKAGE} is not installed. ${HOW_TO_GET_ONE}`);
  }
  const root = join(dirname(entry), '..', '..');
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  const cache = join(root, '..', '..', '.cache', `sparticuz-chromium-${version}`);
  await mkdir(cache, { recursive: true });

  const binary = join(cache, 'chromium');
  await createOnce(binary, (out) =>
    pipeline(
      createReadStream(join(root, 'bin', 'chromium.br')),
      createBrotliDecompress(),
      createWriteStream(out, { mode: 0o755 }),
    ),
  );
  // The system's fonts when there are any, the package's Open Sans always: text has a width either way.
  const fonts = join(cache, 'fonts');
  await createOnce(fonts, (out) => extractTarBrotli(join(root, 'bin', 'fonts.tar.br'), out));
  const fontConfig = join(cache, 'fonts.conf');
  await createOnce(fontConfig, (out) =>
    writeFile(
      out,
      '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n' +
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n' +
        `  <dir>${fonts}</dir>\n  <cachedir>${join(cache, 'fontconfig')}</cachedir>\n</fontconfig>\n`,
    ),
  );
  return { path: binary, source: 'npm', env: { FONTCONFIG_FILE: fontConfig } };
}

/** Finds a Chromium as described on {@link ChromiumLocation}, or fails saying how to get one. */
export async function findChromium(env: Env = process.env): Promise<ChromiumLocation> {
  const explicit = env.CHROMIUM_PATH;
  if (explicit !== undefined && explicit !== '') {
    if (await isExecutable(explicit)) return { path: explicit, source: 'CHROMIUM_PATH' };
    throw new Error(`CHROMIUM_PATH is set to ${explicit}, but no executable is there.`);
  }
  const only = env.CHROMIUM_SOURCE;
  if (only !== undefined && only !== '' && only !== 'system' && only !== 'npm') {
    throw new Error(`CHROMIUM_SOURCE must be "system" or "npm" (or unset for either), not "${only}".`);
  }
  if (only !== 'npm') {
    const system = await systemChromium(env);
    if (system !== undefined) return { path: system, source: 'system' };
    if (only === 'system') {
      throw new Error(`No Chromium or Chrome found on PATH (CHROMIUM_SOURCE=system). ${HOW_TO_GET_ONE}`);
    }
  }
  return npmChromium();
}

function definedOnly(env: Env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** Launches the Chromium {@link findChromium} finds: a missing browser fails the tests, never skips them. */
export async function launchChromium(env: Env = process.env): Promise<Browser> {
  const found = await findChromium(env);
  return chromium.launch({
    executablePath: found.path,
    headless: true,
    args: CHROMIUM_ARGS,
    // Playwright passes the browser process.env unless given another environment.
    ...(found.env ? { env: { ...definedOnly(process.env), ...found.env } } : {}),
  });
}
