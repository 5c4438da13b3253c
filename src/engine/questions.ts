/**
 * The questionnaire: the one definition every surface derives from (the zod answers schema, the Slack
 * modal, the CLI's error messages, the playground). Adding or changing a question happens here only.
 * Ids and option values are a public contract: saved answers, button values and scripts depend on them.
 */

export interface ChoiceOption {
  readonly value: string;
  /** Short label shown in selects (Slack limits option text to 75 characters). */
  readonly label: string;
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
}

export interface MultiChoiceQuestion extends QuestionCommon {
  readonly kind: 'multi';
  readonly options: readonly ChoiceOption[];
  /** Most choices allowed; absent means any number. */
  readonly maxItems?: number;
}

export interface BooleanQuestion extends QuestionCommon {
  readonly kind: 'boolean';
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
    section: 'essentials',
    required: true,
    label: 'What are you building?',
    help: 'The kind of system decides which ecosystem and runtime properties matter most.',
    options: [
      { value: 'data-science', label: 'Data analysis, ML, research notebooks' },
      { value: 'data-pipeline', label: 'Data pipeline: ETL, batch processing' },
      { value: 'web-backend', label: 'Web backend or API service' },
      {
        value: 'high-throughput',
        label: 'High-throughput or real-time service (streaming, trading, analytics)',
      },
      { value: 'cli-tooling', label: 'CLI, developer tooling, automation' },
      { value: 'embedded', label: 'Embedded, firmware, edge device' },
      { value: 'systems', label: 'Database, engine, networking, OS component' },
      { value: 'python-extension', label: 'Speeding up an existing Python library or app' },
    ],
  },
  {
    id: 'stage',
    kind: 'single',
    section: 'essentials',
    required: true,
    label: 'Which stage is the project at?',
    help: 'A proof of concept rewards iteration speed; a system that lives for years rewards safety and predictability.',
    options: [
      { value: 'prototype', label: 'Prototype: proof of concept in weeks' },
      { value: 'mvp', label: 'MVP: product in months' },
      { value: 'production', label: 'Production: long-lived system, years' },
    ],
  },
  {
    id: 'latency',
    kind: 'single',
    section: 'essentials',
    required: true,
    label: 'What latency does it need?',
    help: 'Strict or deterministic latency rules out garbage-collector pauses and interpreter overhead on the hot path.',
    options: [
      { value: 'none', label: 'No latency target' },
      { value: 'interactive', label: 'Interactive: p99 around 100 ms' },
      { value: 'strict', label: 'Strict: p99 under 10 ms' },
      { value: 'realtime', label: 'Real-time: deterministic, no pauses' },
    ],
  },
  {
    id: 'pythonSkill',
    kind: 'single',
    section: 'essentials',
    required: true,
    label: "How strong is the team's Python?",
    help: 'The language the team already knows well is the fastest one to deliver in.',
    options: [
      { value: 'none', label: 'None' },
      { value: 'some', label: 'Some' },
      { value: 'strong', label: 'Strong' },
    ],
  },
  {
    id: 'rustSkill',
    kind: 'single',
    section: 'essentials',
    required: true,
    label: "How strong is the team's Rust?",
    help: "Rust's learning curve (ownership, lifetimes) costs months for a team new to it.",
    options: [
      { value: 'none', label: 'None' },
      { value: 'some', label: 'Some' },
      { value: 'strong', label: 'Strong' },
    ],
  },
  {
    id: 'compute',
    kind: 'single',
    section: 'details',
    required: false,
    label: 'Where does the time go?',
    help: 'CPU-bound work in plain Python is often 20-100x slower than Rust; I/O-bound work waits on the network either way.',
    options: [
      { value: 'io-bound', label: 'I/O-bound: waiting on network, disk, databases' },
      { value: 'mixed', label: 'Mixed' },
      { value: 'cpu-bound', label: 'CPU-bound: computation is the bottleneck' },
    ],
  },
  {
    id: 'memory',
    kind: 'single',
    section: 'details',
    required: false,
    label: 'How tight is memory?',
    help: 'Rust has no garbage collector and a predictable footprint; Python needs tens of MB before your code runs.',
    options: [
      { value: 'relaxed', label: 'Relaxed: not a constraint' },
      { value: 'containers', label: 'Containers: footprint matters for cost' },
      { value: 'constrained', label: 'Constrained: device with MBs of RAM' },
    ],
  },
  {
    id: 'concurrency',
    kind: 'single',
    section: 'details',
    required: false,
    label: 'What concurrency does it need?',
    help: "Python's asyncio handles many connections well; CPU parallelism across cores is where the GIL still bites.",
    options: [
      { value: 'simple', label: 'Little or none' },
      { value: 'io-many', label: 'Many concurrent connections (I/O)' },
      { value: 'cpu-parallel', label: 'CPU parallelism across cores' },
    ],
  },
  {
    id: 'safety',
    kind: 'single',
    section: 'details',
    required: false,
    label: 'How sensitive is it?',
    help: "Rust's memory safety without a GC matters most for untrusted input and critical systems.",
    options: [
      { value: 'normal', label: 'Ordinary business software' },
      { value: 'security', label: 'Security-sensitive: untrusted input, secrets' },
      { value: 'critical', label: 'Safety- or mission-critical' },
    ],
  },
  {
    id: 'codebase',
    kind: 'single',
    section: 'details',
    required: false,
    label: 'What code exists today?',
    help: 'An existing codebase, its team and its tooling pull towards its language.',
    options: [
      { value: 'greenfield', label: 'Nothing yet (greenfield)' },
      { value: 'python', label: 'A Python codebase' },
      { value: 'rust', label: 'A Rust codebase' },
      { value: 'other-native', label: 'A C or C++ codebase' },
      { value: 'mixed', label: 'A mix of languages' },
    ],
  },
  {
    id: 'deployment',
    kind: 'single',
    section: 'details',
    required: false,
    label: 'Where will it run?',
    help: 'Rust ships self-contained binaries; Python has mature hosting and packaging everywhere.',
    options: [
      { value: 'cloud-service', label: 'Cloud service or containers' },
      { value: 'serverless', label: 'Serverless functions' },
      { value: 'desktop-cli', label: "Shipped to users' machines (desktop, CLI)" },
      { value: 'edge-device', label: 'Edge or embedded device' },
      { value: 'wasm', label: 'WebAssembly (browser or edge runtime)' },
      { value: 'python-package', label: 'As a Python package (PyPI wheel)' },
    ],
  },
  {
    id: 'cadence',
    kind: 'single',
    section: 'details',
    required: false,
    label: 'How often will it change?',
    help: 'Frequent pivots favour the faster-to-change language; stable long-lived releases favour the stricter one.',
    options: [
      { value: 'rapid', label: 'Rapid: weekly pivots' },
      { value: 'steady', label: 'Steady: regular releases' },
      { value: 'stable', label: 'Stable: rarely changes' },
    ],
  },
  {
    id: 'ecosystems',
    kind: 'multi',
    section: 'details',
    required: false,
    label: 'Which library ecosystems does it lean on?',
    help: "Python's ML, data and scientific libraries are far richer; Rust's are strongest for systems and embedded.",
    options: [
      { value: 'ml', label: 'Machine learning' },
      { value: 'data', label: 'Data processing' },
      { value: 'web', label: 'Web frameworks' },
      { value: 'scientific', label: 'Scientific computing' },
      { value: 'systems', label: 'Systems and networking' },
      { value: 'embedded', label: 'Embedded (no_std, HALs)' },
      { value: 'devops', label: 'DevOps and scripting' },
    ],
  },
  {
    id: 'priorities',
    kind: 'multi',
    section: 'details',
    required: false,
    maxItems: 2,
    label: 'What matters most? (pick up to two)',
    help: 'Your top priorities tilt the weight of each criterion.',
    options: [
      { value: 'time-to-market', label: 'Time to market' },
      { value: 'performance', label: 'Performance' },
      { value: 'safety', label: 'Safety and correctness' },
      { value: 'hiring', label: 'Hiring and onboarding' },
      { value: 'cost', label: 'Running cost' },
    ],
  },
  {
    id: 'rustMentors',
    kind: 'boolean',
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
