import { allReasons, formatCites, VERDICT_NAMES } from './explain.ts';
import { optionLabel, questionById } from './questions.ts';
import type { Point, Reason, Recommendation, Verdict } from './types.ts';

const TITLES: Readonly<Record<Verdict, string>> = {
  rust: 'Build it in Rust',
  python: 'Build it in Python',
  hybrid: 'A Rust core with Python around it',
};

const OPTION_NAMES: Readonly<Record<Verdict, string>> = {
  rust: 'Rust',
  python: 'Python',
  hybrid: 'Hybrid: a Rust core for the hot path, Python for orchestration, data and tooling',
};

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function withCites(text: string, cites: string): string {
  return cites ? `${text} (${cites})` : text;
}

function reasonLine(prefix: string, r: Reason): string {
  return `* ${prefix}${withCites(lowerFirst(r.text), formatCites(r.cites))}`;
}

function pointLine(prefix: string, p: Point): string {
  return `* ${prefix}${withCites(lowerFirst(p.text), p.cites.join(', '))}`;
}

/** "Strict: p99 under 10 ms" for a single answer; a list for multi-choice answers. */
function answerText(id: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => optionLabel(id, String(v))).join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return optionLabel(id, String(value));
}

function context(rec: Recommendation): string[] {
  const lines: string[] = [];
  const description = rec.answers.description?.trim();
  if (description) lines.push(...description.split('\n').map((l) => `> ${l}`), '');
  lines.push('The team answered:', '');
  for (const [id, value] of Object.entries(rec.answers)) {
    if (id === 'description') continue;
    lines.push(`* ${questionById(id)?.label ?? id} ${answerText(id, value)}`);
  }
  lines.push(
    '',
    'Which should it be built in: Rust, Python, or a hybrid of a Rust core with Python around it?',
  );
  return lines;
}

/**
 * The recommendation as an architecture decision record in the MADR layout: context, decision drivers,
 * considered options, outcome with consequences and confirmation, then the pros and cons of each option.
 */
export function renderDecisionRecord(rec: Recommendation): string {
  const reasons = allReasons(rec.criteria);
  const rustReasons = reasons.filter((r) => r.side === 'rust');
  const pythonReasons = reasons.filter((r) => r.side === 'python');
  const because = rec.decidedBy?.text ?? rec.headline;
  const lines: string[] = [
    '---',
    `status: ${rec.closeCall ? 'proposed, pending the spike' : 'proposed'}`,
    '---',
    '',
    `# ${TITLES[rec.verdict]}: ${lowerFirst(answerText('workload', rec.answers.workload))}`,
    '',
    '## Context and Problem Statement',
    '',
    ...context(rec),
    '',
    '## Decision Drivers',
    '',
    ...rec.topReasons.map((r) => reasonLine(`${r.side === 'rust' ? 'Rust' : 'Python'}: `, r)),
    ...(rec.answers.priorities?.length
      ? [`* Priorities: ${answerText('priorities', rec.answers.priorities)}`]
      : []),
    '',
    '## Considered Options',
    '',
    ...(['rust', 'python', 'hybrid'] as const).map((v) => `* ${OPTION_NAMES[v]}`),
    '',
    '## Decision Outcome',
    '',
    `Chosen option: "${VERDICT_NAMES[rec.verdict]}", because ${lowerFirst(because)}`,
    '',
    `Confidence ${rec.confidence}/100${rec.closeCall ? ' (a close call)' : ''}; scores: Rust ${rec.scores.rust}, Python ${rec.scores.python}.`,
    '',
    '### Consequences',
    '',
    ...rec.pros.map((p) => pointLine('Good, because ', p)),
    ...rec.cons.map((p) => pointLine('Bad, because ', p)),
    '',
    '### Confirmation',
    '',
    ...rec.plan.steps.map((phase) => `* ${phase.phase}: ${phase.exit}`),
    ...(rec.plan.thresholds?.length
      ? ['', 'Thresholds that would trigger a Rust pilot:', '', ...rec.plan.thresholds.map((t) => `* ${t}`)]
      : []),
    '',
    '## Pros and Cons of the Options',
    '',
    `### ${OPTION_NAMES.rust}`,
    '',
    ...rustReasons.map((r) => reasonLine('Good, because ', r)),
    ...pythonReasons.map((r) => reasonLine('Bad, because ', r)),
    '',
    `### ${OPTION_NAMES.python}`,
    '',
    ...pythonReasons.map((r) => reasonLine('Good, because ', r)),
    ...rustReasons.map((r) => reasonLine('Bad, because ', r)),
    '',
    `### ${OPTION_NAMES.hybrid}`,
    '',
    '* Good, because the hot path gets Rust while orchestration, data and tooling stay in Python',
    '* Bad, because two toolchains and a boundary (PyO3 bindings or a service contract) must be built, tested and shipped',
    '',
    '## More Information',
    '',
    `### Plan: ${rec.plan.summary}`,
    '',
  ];
  rec.plan.steps.forEach((phase, i) => {
    lines.push(`${i + 1}. **${phase.phase}**: ${phase.goal}`);
    for (const step of phase.steps) lines.push(`   * ${step}`);
    lines.push(`   * Exit: ${phase.exit}`);
  });
  if (rec.plan.learningPath?.length) {
    lines.push('', '### Learning path', '', ...rec.plan.learningPath.map((s) => `* ${s}`));
  }
  lines.push(
    '',
    '### Risks and mitigations',
    '',
    ...rec.risks.map((r) => `* ${r.risk} Mitigation: ${r.mitigation}`),
  );
  lines.push('', '### What would change the decision', '');
  if (rec.flips.length === 0) lines.push('* No single answer changes the verdict.');
  for (const flip of rec.flips) {
    lines.push(
      `* ${questionById(flip.question)?.label ?? flip.question} ${optionLabel(flip.question, flip.to)} → ${VERDICT_NAMES[flip.verdict]}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
