import { optionLabel, questionById } from '../../engine/questions.ts';
import type { Citation, CriterionResult, Flip, PlanPhase, Recommendation } from '../../engine/types.ts';
import { packLines, type SlackMessage, titledReplies } from './compose.ts';
import { bold, escapeMrkdwn, italic } from './mrkdwn.ts';
import { formatNumber, formatPoints, reasonLine, verdictName } from './verdict.ts';

/** How an answer reads in a sentence: the option's label, "Yes"/"No" for yes-no questions. */
export function answerLabel(questionId: string, value: string): string {
  if (questionById(questionId)?.kind === 'boolean') {
    if (value === 'true') return 'Yes';
    if (value === 'false') return 'No';
  }
  return optionLabel(questionId, value);
}

function citedAnswers(cites: readonly Citation[]): string {
  if (cites.length === 0) return '';
  const answers = cites.map((c) => {
    const question = questionById(c.question)?.label ?? c.question;
    return `${escapeMrkdwn(question)} → ${italic(escapeMrkdwn(answerLabel(c.question, c.value)))}`;
  });
  return ` (you answered ${answers.join('; ')})`;
}

function criterionLines(criterion: CriterionResult): string[] {
  const heading = `${bold(escapeMrkdwn(criterion.label))} · weight ${formatNumber(criterion.weight)} · Rust ${formatPoints(criterion.rust)} · Python ${formatPoints(criterion.python)}`;
  const reasons =
    criterion.reasons.length > 0
      ? criterion.reasons.map((r) => `• ${reasonLine(r)}${citedAnswers(r.cites)}`)
      : [italic('None of your answers moved this criterion.')];
  return [heading, ...reasons];
}

function whyReply(rec: Recommendation): SlackMessage[] {
  const intro = `Scores: Rust ${formatNumber(rec.scores.rust)} · Python ${formatNumber(rec.scores.python)}. Each criterion with its weight (after your priorities) and what it added to each side:`;
  const decided = rec.decidedBy
    ? `${bold('Decided by')}: ${escapeMrkdwn(rec.decidedBy.text)}${citedAnswers(rec.decidedBy.cites)}`
    : '';
  const sections = [intro, decided, ...rec.criteria.flatMap((c) => packLines(criterionLines(c)))];
  return titledReplies(
    `Why ${verdictName(rec.verdict)}`,
    sections,
    'the criteria and the reasons behind the verdict',
  );
}

function phaseLines(phase: PlanPhase, index: number): string[] {
  return [
    `${bold(`${index + 1}. ${escapeMrkdwn(phase.phase)}`)}: ${escapeMrkdwn(phase.goal)}`,
    ...phase.steps.map((step) => `• ${escapeMrkdwn(step)}`),
    `${bold('Exit')}: ${escapeMrkdwn(phase.exit)}`,
  ];
}

function planReply(rec: Recommendation): SlackMessage[] {
  const { plan } = rec;
  const sections = [
    escapeMrkdwn(plan.summary),
    ...plan.steps.flatMap((phase, i) => packLines(phaseLines(phase, i))),
  ];
  if (plan.thresholds && plan.thresholds.length > 0) {
    sections.push(
      ...packLines([
        bold('Measure these; crossing one is the signal to pilot Rust'),
        ...plan.thresholds.map((t) => `• ${escapeMrkdwn(t)}`),
      ]),
    );
  }
  return titledReplies('The plan, phase by phase', sections, plan.summary);
}

function risksReply(rec: Recommendation): SlackMessage[] {
  const sections =
    rec.risks.length > 0
      ? packLines(
          rec.risks.map(
            (r) =>
              `• ${bold(escapeMrkdwn(r.risk))}\n   ${italic('Mitigation')}: ${escapeMrkdwn(r.mitigation)}`,
          ),
        )
      : [italic('No particular risks stand out for this plan.')];
  return titledReplies(
    'Risks and mitigations',
    sections,
    `${rec.risks.length} risk(s) with how to handle each`,
  );
}

function learningReply(path: readonly string[]): SlackMessage[] {
  const sections = packLines(path.map((step, i) => `${i + 1}. ${escapeMrkdwn(step)}`));
  return titledReplies('Learning path for Rust', sections, 'how the team gets productive in Rust');
}

export function flipLine(flip: Flip): string {
  const question = questionById(flip.question)?.label ?? flip.question;
  return `• If ${italic(escapeMrkdwn(question))} were ${italic(escapeMrkdwn(answerLabel(flip.question, flip.to)))}, the verdict would be ${bold(verdictName(flip.verdict))}.`;
}

function flipsReply(rec: Recommendation): SlackMessage[] {
  const sections =
    rec.flips.length > 0
      ? packLines(rec.flips.map(flipLine))
      : [
          'Nothing single would change it: no one answer, changed on its own, flips the verdict. It would take several changes together.',
        ];
  const summary =
    rec.flips.length > 0
      ? `${rec.flips.length} single answer change(s) would flip it`
      : 'nothing single would change it';
  return titledReplies('What would change the verdict', sections, summary);
}

/**
 * The detailed recommendation as thread replies under the verdict, in reading order: why, the plan, risks,
 * the learning path (when the team needs Rust it does not have yet), and what would change the verdict.
 * A part too long for one Slack message continues in the next reply.
 */
export function buildThreadReplies(rec: Recommendation): SlackMessage[] {
  return [
    ...whyReply(rec),
    ...planReply(rec),
    ...risksReply(rec),
    ...(rec.plan.learningPath && rec.plan.learningPath.length > 0
      ? learningReply(rec.plan.learningPath)
      : []),
    ...flipsReply(rec),
  ];
}
