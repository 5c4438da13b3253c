/**
 * The questionnaire: the one definition every surface derives from (the zod answers schema, the Slack
 * modal, the CLI's error messages, the playground). Adding or changing a question happens here only.
 * Ids and option values are a public contract: saved answers, button values and scripts depend on them.
 */

export interface ChoiceOption {
  readonly value: string;
  /** Short label shown in selects (Slack limits option text to 75 characters). */
  readonly label: string;
  /**
   * The option inside a sentence: after the question's `supposing` for a single choice ("If the p99 target
   * were" + "under 10 ms"), or as the noun a multi-choice sentence names ("If it also leaned on" +
   * "machine-learning libraries").
   */
  readonly phrase: string;
}

interface QuestionCommon {
  readonly id: string;
  /** The question as the user reads it (Slack input label). */
  readonly label: string;
  /** Why we ask: shown as help text under the field. */
  readonly help: string;
  readonly required: boolean;
  /** `essentials` are asked first; `details` refine the verdict and are all optional. */
  readonly section: 'essentials' | 'details';
}

export interface SingleChoiceQuestion extends QuestionCommon {
  readonly kind: 'single';
  readonly options: readonly ChoiceOption[];
  /** How a sentence supposes another answer, completed by an option's phrase: "the p99 target were". */
  readonly supposing: string;
}

export interface MultiChoiceQuestion extends QuestionCommon {
  readonly kind: 'multi';
  readonly options: readonly ChoiceOption[];
  /** Most choices allowed; absent means any number. */
  readonly maxItems?: number;
  /** Supposing one option added or removed; `{}` stands for the option's phrase. */
  readonly supposingAdded: string;
  readonly supposingRemoved: string;
}

export interface BooleanQuestion extends QuestionCommon {
  readonly kind: 'boolean';
  /** Supposing the answer were yes, or no. */
  readonly supposingYes: string;
  readonly supposingNo: string;
}

export interface TextQuestion extends QuestionCommon {
  readonly kind: 'text';
  readonly maxLength: number;
}

export type Question = SingleChoiceQuestion | MultiChoiceQuestion | BooleanQuestion | TextQuestion;

export const QUESTIONS = [
  {
    id: 'workload',
    kind: 'single',
    supposing: 'the project were',
    section: 'essentials',
    required: true,
    label: 'What are you building?',
    help: 'The kind of system decides which ecosystem and runtime properties matter most.',
    options: [
      {
        value: 'data-science',
        label: 'Data analysis, ML, research notebooks',
        phrase: 'data analysis or ML work',
      },
      { value: 'data-pipeline', label: 'Data pipeline: ETL, batch processing', phrase: 'a data pipeline' },
      { value: 'web-backend', label: 'Web backend or API service', phrase: 'a web backend or API' },
      {
        value: 'high-throughput',
        label: 'High-throughput or real-time service (streaming, trading, analytics)',
        phrase: 'a high-throughput or real-time service',
      },
      {
        value: 'cli-tooling',
        label: 'CLI, developer tooling, automation',
        phrase: 'a CLI or developer tool',
      },
      {
        value: 'embedded',
        label: 'Embedded or firmware (microcontrollers, devices)',
        phrase: 'embedded or firmware work',
      },
      {
        value: 'systems',
        label: 'Database, engine, networking, OS component',
        phrase: 'a systems component (database, engine, networking)',
      },
      {
        value: 'python-extension',
        label: 'Speeding up an existing Python library or app',
        phrase: 'a speed-up of an existing Python library or app',
      },
    ],
  },
  {
    id: 'stage',
    kind: 'single',
    supposing: 'the project were',
    section: 'essentials',
    required: true,
    label: 'Which stage is the project at?',
    help: 'A proof of concept rewards iteration speed; a system that lives for years rewards safety and predictability.',
    options: [
      {
        value: 'prototype',
        label: 'Prototype: proof of concept in weeks',
        phrase: 'a prototype due in weeks',
      },
      { value: 'mvp', label: 'MVP: product in months', phrase: 'an MVP due in months' },
      {
        value: 'production',
        label: 'Production: long-lived system, years',
        phrase: 'a long-lived production system',
      },
    ],
  },
  {
    id: 'latency',
    kind: 'single',
    supposing: 'the latency target were',
    section: 'essentials',
    required: true,
    label: 'What latency does it need?',
    help: 'Strict or deterministic latency rules out garbage-collector pauses and interpreter overhead on the hot path.',
    options: [
      { value: 'none', label: 'No latency target', phrase: 'none' },
      {
        value: 'interactive',
        label: 'Interactive: p99 around 100 ms',
        phrase: 'interactive (p99 around 100 ms)',
      },
      { value: 'strict', label: 'Strict: p99 under 10 ms', phrase: 'strict (p99 under 10 ms)' },
      {
        value: 'realtime',
        label: 'Real-time: deterministic, no pauses',
        phrase: 'real-time (deterministic, no pauses)',
      },
    ],
  },
  {
    id: 'pythonSkill',
    kind: 'single',
    supposing: "the team's Python were",
    section: 'essentials',
    required: true,
    label: "How strong is the team's Python?",
    help: 'The language the team already knows well is the fastest one to deliver in.',
    options: [
      { value: 'none', label: 'None: nobody on the team has used it', phrase: 'none' },
      { value: 'some', label: 'Some: has shipped a little in it', phrase: 'some' },
      { value: 'strong', label: 'Strong: ships production code in it', phrase: 'strong' },
    ],
  },
  {
    id: 'rustSkill',
    kind: 'single',
    supposing: "the team's Rust were",
    section: 'essentials',
    required: true,
    label: "How strong is the team's Rust?",
    help: "Rust's learning curve (ownership, lifetimes) costs months for a team new to it.",
    options: [
      { value: 'none', label: 'None: nobody on the team has used it', phrase: 'none' },
      { value: 'some', label: 'Some: has shipped a little in it', phrase: 'some' },
      { value: 'strong', label: 'Strong: ships production code in it', phrase: 'strong' },
    ],
  },
  {
    id: 'compute',
    kind: 'single',
    supposing: 'the work were',
    section: 'details',
    required: false,
    label: 'Where does the time go?',
    help: 'CPU-bound work in plain Python is often 20-100x slower than Rust; I/O-bound work waits on the network either way.',
    options: [
      { value: 'io-bound', label: 'I/O-bound: waiting on network, disk, databases', phrase: 'I/O-bound' },
      { value: 'mixed', label: 'Mixed', phrase: 'a mix of I/O and computation' },
      { value: 'cpu-bound', label: 'CPU-bound: computation is the bottleneck', phrase: 'CPU-bound' },
    ],
  },
  {
    id: 'hotPath',
    kind: 'single',
    supposing: 'the hot path were',
    section: 'details',
    required: false,
    label: 'Where does the CPU time of the hot path go?',
    help: 'Time already spent inside NumPy, PyTorch, Polars or on a GPU is native code: Rust buys little there.',
    options: [
      { value: 'python', label: 'In Python code (a profile shows it)', phrase: 'in Python code' },
      {
        value: 'native',
        label: 'In native code already (NumPy, PyTorch, Polars, GPU)',
        phrase: 'already in native code (NumPy, PyTorch, Polars or a GPU)',
      },
      { value: 'unknown', label: 'Not profiled yet', phrase: 'not profiled yet' },
    ],
  },
  {
    id: 'memory',
    kind: 'single',
    supposing: 'memory were',
    section: 'details',
    required: false,
    label: 'How tight is memory?',
    help: 'Rust has no garbage collector and a predictable footprint; CPython needs about 10-20 MB before your code runs, MicroPython a few hundred KB.',
    options: [
      { value: 'relaxed', label: 'Relaxed: not a constraint', phrase: 'relaxed (not a constraint)' },
      {
        value: 'containers',
        label: 'Containers: footprint matters for cost',
        phrase: 'a cost per container',
      },
      {
        value: 'constrained',
        label: 'Constrained: kilobytes to a few MB of RAM',
        phrase: 'tight (kilobytes to a few MB of RAM)',
      },
    ],
  },
  {
    id: 'concurrency',
    kind: 'single',
    supposing: 'it needed',
    section: 'details',
    required: false,
    label: 'What concurrency does it need?',
    help: "Python's asyncio handles many connections well; CPU parallelism across cores is where the GIL still bites.",
    options: [
      { value: 'simple', label: 'Little or none', phrase: 'little or no concurrency' },
      { value: 'io-many', label: 'Many concurrent connections (I/O)', phrase: 'many concurrent connections' },
      {
        value: 'cpu-parallel',
        label: 'CPU parallelism across cores',
        phrase: 'CPU parallelism across cores',
      },
    ],
  },
  {
    id: 'safety',
    kind: 'single',
    supposing: 'it were',
    section: 'details',
    required: false,
    label: 'How sensitive is it?',
    help: "Rust's memory safety without a GC matters most for untrusted input and critical systems.",
    options: [
      { value: 'normal', label: 'Ordinary business software', phrase: 'ordinary business software' },
      {
        value: 'security',
        label: 'Security-sensitive: untrusted input, secrets',
        phrase: 'security-sensitive (untrusted input, secrets)',
      },
      { value: 'critical', label: 'Safety- or mission-critical', phrase: 'safety- or mission-critical' },
    ],
  },
  {
    id: 'codebase',
    kind: 'single',
    supposing: 'the code today were',
    section: 'details',
    required: false,
    label: 'What code exists today?',
    help: 'An existing codebase, its team and its tooling pull towards its language.',
    options: [
      { value: 'greenfield', label: 'Nothing yet (greenfield)', phrase: 'none yet (greenfield)' },
      { value: 'python', label: 'A Python codebase', phrase: 'Python' },
      { value: 'rust', label: 'A Rust codebase', phrase: 'Rust' },
      { value: 'other-native', label: 'A C or C++ codebase', phrase: 'C/C++' },
      { value: 'mixed', label: 'A mix of languages', phrase: 'a mix of languages' },
    ],
  },
  {
    id: 'deployment',
    kind: 'single',
    supposing: 'it ran',
    section: 'details',
    required: false,
    label: 'Where will it run?',
    help: 'Rust ships self-contained binaries; Python has mature hosting and packaging everywhere.',
    options: [
      {
        value: 'cloud-service',
        label: 'Cloud service or containers',
        phrase: 'as a cloud service or in containers',
      },
      { value: 'serverless', label: 'Serverless functions', phrase: 'as serverless functions' },
      {
        value: 'desktop-cli',
        label: "Shipped to users' machines (desktop, CLI)",
        phrase: "on users' machines (desktop, CLI)",
      },
      { value: 'edge-device', label: 'Edge or embedded device', phrase: 'on an edge or embedded device' },
      { value: 'wasm', label: 'WebAssembly (browser or edge runtime)', phrase: 'as WebAssembly' },
      {
        value: 'python-package',
        label: 'As a Python package (PyPI wheel)',
        phrase: 'as a Python package on PyPI',
      },
    ],
  },
  {
    id: 'cadence',
    kind: 'single',
    supposing: 'it changed',
    section: 'details',
    required: false,
    label: 'How often will it change?',
    help: 'Frequent pivots favour the faster-to-change language; stable long-lived releases favour the stricter one.',
    options: [
      { value: 'rapid', label: 'Rapid: weekly pivots', phrase: 'weekly' },
      { value: 'steady', label: 'Steady: regular releases', phrase: 'in regular releases' },
      { value: 'stable', label: 'Stable: rarely changes', phrase: 'rarely' },
    ],
  },
  {
    id: 'ecosystems',
    kind: 'multi',
    supposingAdded: 'it also leaned on {}',
    supposingRemoved: 'it did not lean on {}',
    section: 'details',
    required: false,
    label: 'Which library ecosystems does it lean on?',
    help: "Python's ML, data and scientific libraries are far richer; Rust's are strongest for systems and embedded.",
    options: [
      { value: 'ml', label: 'Machine learning', phrase: 'machine-learning libraries' },
      { value: 'data', label: 'Data processing', phrase: 'data-processing libraries' },
      { value: 'web', label: 'Web frameworks', phrase: 'web frameworks' },
      { value: 'scientific', label: 'Scientific computing', phrase: 'scientific computing libraries' },
      { value: 'systems', label: 'Systems and networking', phrase: 'systems and networking libraries' },
      { value: 'embedded', label: 'Embedded (no_std, HALs)', phrase: 'embedded crates (no_std, HALs)' },
      { value: 'devops', label: 'DevOps and scripting', phrase: 'DevOps and scripting tools' },
    ],
  },
  {
    id: 'priorities',
    kind: 'multi',
    supposingAdded: '{} were also a top priority',
    supposingRemoved: '{} were not a top priority',
    section: 'details',
    required: false,
    maxItems: 2,
    label: 'What matters most? (pick up to two)',
    help: 'Your top priorities tilt the weight of each criterion.',
    options: [
      { value: 'time-to-market', label: 'Time to market', phrase: 'time to market' },
      { value: 'performance', label: 'Performance', phrase: 'performance' },
      { value: 'safety', label: 'Safety and correctness', phrase: 'safety and correctness' },
      { value: 'hiring', label: 'Hiring and onboarding', phrase: 'hiring and onboarding' },
      { value: 'cost', label: 'Running cost', phrase: 'running cost' },
    ],
  },
  {
    id: 'rustMentors',
    kind: 'boolean',
    supposingYes: 'someone on hand knew Rust well',
    supposingNo: 'nobody on hand knew Rust well',
    section: 'details',
    required: false,
    label: 'Is someone on hand who knows Rust well?',
    help: 'A mentor shortens the learning curve a great deal.',
  },
  {
    id: 'description',
    kind: 'text',
    section: 'essentials',
    required: false,
    maxLength: 500,
    label: 'Project description',
    help: 'A sentence or two about the project, shown with the verdict (at most 500 characters).',
  },
] as const satisfies readonly Question[];

type Defined = (typeof QUESTIONS)[number];

export type QuestionId = Defined['id'];

type ValueOf<Q> = Q extends { readonly options: readonly { readonly value: infer V }[] } ? V : never;

type AnswerValueOf<Q> = Q extends { readonly kind: 'single' }
  ? ValueOf<Q>
  : Q extends { readonly kind: 'multi' }
    ? ValueOf<Q>[]
    : Q extends { readonly kind: 'boolean' }
      ? boolean
      : string;

/** Valid answers: required questions present, optional ones may be omitted (omitted is neutral). */
export type Answers = {
  -readonly [Q in Defined as Q['required'] extends true ? Q['id'] : never]: AnswerValueOf<Q>;
} & {
  -readonly [Q in Defined as Q['required'] extends true ? never : Q['id']]?: AnswerValueOf<Q>;
};

/** Ids of the single-choice questions: the ones whose alternatives the flip analysis explores. */
export type SingleChoiceId = Extract<Defined, { kind: 'single' }>['id'];

export type OptionValue<Id extends QuestionId> = ValueOf<Extract<Defined, { id: Id }>>;

const BY_ID: ReadonlyMap<string, Question> = new Map(QUESTIONS.map((q) => [q.id, q]));

export function questionById(id: string): Question | undefined {
  return BY_ID.get(id);
}

export const SINGLE_CHOICE_QUESTIONS: readonly SingleChoiceQuestion[] = QUESTIONS.filter(
  (q): q is Extract<Defined, { kind: 'single' }> => q.kind === 'single',
);

/** The label of an option, for reasons and messages ("Strict: p99 under 10 ms"). */
export function optionLabel(questionId: string, value: string): string {
  const q = BY_ID.get(questionId);
  if (q && (q.kind === 'single' || q.kind === 'multi')) {
    return q.options.find((o) => o.value === value)?.label ?? value;
  }
  return value;
}

/** The questions among these that were answered: a point or risk never cites an omitted answer. */
export function answered(a: Answers, ...questions: QuestionId[]): QuestionId[] {
  return questions.filter((q) => a[q] !== undefined);
}
