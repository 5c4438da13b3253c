import { formatCites, VERDICT_NAMES } from './explain.ts';
import { optionLabel, questionById } from './questions.ts';
import type { Recommendation } from './types.ts';

/** A readable summary for a terminal: verdict, why, pros and cons, plan, risks, what would change it. */
export function renderText(rec: Recommendation): string {
  const lines: string[] = [
    `Verdict: ${VERDICT_NAMES[rec.verdict]}${rec.closeCall ? ' (close call)' : ''}`,
    rec.headline,
    `Confidence ${rec.confidence}/100 · scores Rust ${rec.scores.rust}, Python ${rec.scores.python}`,
    '',
    'Why:',
    ...rec.topReasons.map(
      (r) => `  ${r.side === 'rust' ? 'Rust  ' : 'Python'} +${r.points}  ${r.text} [${formatCites(r.cites)}]`,
    ),
    '',
    'Pros:',
    ...rec.pros.map((p) => `  + ${p.text}`),
    'Cons:',
    ...rec.cons.map((p) => `  - ${p.text}`),
    '',
    `Plan (${rec.plan.kind}): ${rec.plan.summary}`,
  ];
  rec.plan.steps.forEach((phase, i) => {
    lines.push(`  ${i + 1}. ${phase.phase}: ${phase.goal}`);
    for (const step of phase.steps) lines.push(`     - ${step}`);
    lines.push(`     exit: ${phase.exit}`);
  });
  if (rec.plan.learningPath?.length) {
    lines.push('', 'Learning path:', ...rec.plan.learningPath.map((s) => `  - ${s}`));
  }
  if (rec.plan.thresholds?.length) {
    lines.push(
      '',
      'Thresholds that would trigger a Rust pilot:',
      ...rec.plan.thresholds.map((t) => `  - ${t}`),
    );
  }
  lines.push('', 'Risks:', ...rec.risks.map((r) => `  ! ${r.risk}\n    mitigation: ${r.mitigation}`));
  lines.push('', 'What would change it:');
  if (rec.flips.length === 0) lines.push('  no single answer changes the verdict');
  for (const flip of rec.flips) {
    lines.push(
      `  ${flip.question} → ${flip.to} (${optionLabel(flip.question, flip.to)}): ${VERDICT_NAMES[flip.verdict]}`,
    );
  }
  const label = questionById('description')?.label ?? 'Description';
  if (rec.answers.description) lines.splice(3, 0, `${label}: ${rec.answers.description}`);
  return `${lines.join('\n')}\n`;
}
