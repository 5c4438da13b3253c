import { answerLines } from './adr.ts';
import { LEARNING_NAMES, VERDICT_NAMES } from './explain.ts';
import { readableFlips } from './flips.ts';
import type { RankedReason, Recommendation } from './types.ts';

/** Terminal width the summary is laid out for. */
const WIDTH = 100;
/** Flips shown in the summary; --verbose shows them all. */
const SUMMARY_FLIPS = 4;
const SUMMARY_REASONS = 3;
/** The description is the user's own text: the summary shows its start only. */
const SUMMARY_DESCRIPTION = 200;

export interface TextOptions {
  /** Everything: pros, cons, all reasons, every phase's steps and exits, learning path, risks, all flips. */
  readonly verbose?: boolean;
}

/**
 * `text` after `first` on the first line, wrapped at WIDTH with the continuation lines indented as deep as
 * `first` so the paragraph reads as one item.
 */
function wrap(first: string, text: string): string[] {
  const indent = ' '.repeat(first.length);
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = indent + word;
    } else {
      line = empty ? line + word : `${line} ${word}`;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}

function shortened(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : max)}…`;
}

/** The strongest reasons whichever way they argue, strongest first (ties keep their order). */
function strongest(reasons: readonly RankedReason[], count: number): RankedReason[] {
  return reasons
    .map((reason, index) => ({ reason, index }))
    .sort((x, y) => y.reason.points - x.reason.points || x.index - y.index)
    .slice(0, count)
    .map((x) => x.reason);
}

function verdictLine(rec: Recommendation): string {
  return rec.closeCall
    ? `Close call — leaning ${VERDICT_NAMES[rec.verdict]}`
    : `Verdict: ${VERDICT_NAMES[rec.verdict]}`;
}

function section(title: string, body: readonly string[]): string[] {
  return body.length === 0 ? [] : ['', title, ...body];
}

function summary(rec: Recommendation): string[] {
  const lines = [
    verdictLine(rec),
    ...wrap('', rec.headline),
    ...wrap('', `Confidence: ${rec.confidence}%. ${rec.confidenceNote}`),
  ];
  const description = rec.answers.description?.trim();
  if (description) lines.push(...wrap('Project: ', shortened(description, SUMMARY_DESCRIPTION)));
  const [conflict, ...otherConflicts] = rec.conflicts;
  if (conflict) lines.push(...wrap('Note: ', conflict.text));
  if (otherConflicts.length > 0) {
    lines.push(
      `      (${otherConflicts.length} more ${otherConflicts.length === 1 ? 'rule pulls' : 'rules pull'} another way: see --verbose)`,
    );
  }
  lines.push(
    ...section(
      'Strongest reasons:',
      strongest(rec.topReasons, SUMMARY_REASONS).flatMap((r) =>
        wrap(r.stance === 'for' ? '  for      ' : '  against  ', r.text),
      ),
    ),
    '',
    ...wrap('Plan: ', rec.plan.summary),
    ...rec.plan.steps.flatMap((phase, i) => wrap(`  ${i + 1}. `, `${phase.phase}: ${phase.goal}`)),
  );
  lines.push(...whatWouldChange(rec, SUMMARY_FLIPS));
  return lines;
}

function verbose(rec: Recommendation): string[] {
  const byCriterion = rec.criteria.flatMap((c) =>
    c.reasons.length === 0
      ? []
      : [
          `  ${c.label}`,
          ...c.reasons.flatMap((r) => wrap(r.side === 'rust' ? '    Rust    ' : '    Python  ', r.text)),
        ],
  );
  const lines = [
    verdictLine(rec),
    ...wrap('', rec.headline),
    ...wrap('', `Confidence: ${rec.confidence}%. ${rec.confidenceNote}`),
    `Scores: Rust ${rec.scores.rust}, Python ${rec.scores.python}`,
    // The headline usually carries the deciding factor already: repeat it only when it does not.
    ...(rec.headline.includes(rec.decidedBy.text.replace(/\.$/, ''))
      ? []
      : wrap('Deciding factor: ', rec.decidedBy.text)),
    ...rec.conflicts.flatMap((c) => wrap('Note: ', c.text)),
  ];
  const description = rec.answers.description?.trim();
  if (description) lines.push(...wrap('Project: ', description));
  lines.push(
    ...section(
      'Answers:',
      answerLines(rec.answers).map((l) => `  ${l}`),
    ),
    ...section(
      'Strongest reasons:',
      rec.topReasons.flatMap((r) => wrap(r.stance === 'for' ? '  for      ' : '  against  ', r.text)),
    ),
    ...section('Every reason weighed, by criterion (and the side it favours):', byCriterion),
    ...section(
      'Pros:',
      rec.pros.flatMap((p) => wrap('  + ', p.text)),
    ),
    ...section(
      'Cons:',
      rec.cons.flatMap((p) => wrap('  - ', p.text)),
    ),
    '',
    ...wrap('Plan: ', rec.plan.summary),
  );
  rec.plan.steps.forEach((phase, i) => {
    lines.push(...wrap(`  ${i + 1}. `, `${phase.phase}: ${phase.goal}`));
    for (const step of phase.steps) lines.push(...wrap('     - ', step));
    lines.push(...wrap('     Exit: ', phase.exit));
  });
  if (rec.plan.learningPath?.length) {
    const language = LEARNING_NAMES[rec.plan.learning ?? 'rust'];
    lines.push(
      ...section(
        `Learning path (${language}):`,
        rec.plan.learningPath.flatMap((s) => wrap('  - ', s)),
      ),
    );
  }
  lines.push(
    ...section(
      'Thresholds that would trigger a Rust pilot:',
      (rec.plan.thresholds ?? []).flatMap((t) => wrap('  - ', t)),
    ),
    ...section(
      'Risks:',
      rec.risks.flatMap((r) => [...wrap('  ! ', r.risk), ...wrap('    Mitigation: ', r.mitigation)]),
    ),
  );
  lines.push(...whatWouldChange(rec, Number.POSITIVE_INFINITY));
  return lines;
}

/** "What would change it": the first `most` grouped flips, and how many more --verbose shows. */
function whatWouldChange(rec: Recommendation, most: number): string[] {
  const flips = readableFlips(rec.flips, rec.answers);
  const lines = [
    '',
    'What would change it:',
    ...(flips.length === 0
      ? ['  No single change to the answers changes the verdict.']
      : flips.slice(0, most).flatMap((f) => wrap('  - ', f))),
  ];
  if (flips.length > most) lines.push(`  (${flips.length - most} more with --verbose)`);
  return lines;
}

/**
 * The recommendation for a terminal. By default a summary that fits one screen: the verdict (a lean when it
 * is a close call), the headline, the confidence explained, the strongest reasons for and against, the plan's
 * phases and what would change it. `verbose` adds everything else.
 */
export function renderText(rec: Recommendation, options: TextOptions = {}): string {
  return `${(options.verbose ? verbose(rec) : summary(rec)).join('\n')}\n`;
}
