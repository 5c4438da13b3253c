import { LEARNING_NAMES, readableFlips } from '../../engine/index.ts';
import { optionLabel, questionById } from '../../engine/questions.ts';
import type { Citation, CriterionResult, PlanPhase, Recommendation, Side } from '../../engine/types.ts';
import { packLines, type SlackMessage, titledReplies } from './compose.ts';
import { bold, escapeMrkdwn, italic } from './mrkdwn.ts';
import { sideName, verdictLean, verdictName } from './verdict.ts';

/** How an answer reads in a sentence: the option's label, "Yes"/"No" for yes-no questions. */
function answerLabel(questionId: string, value: string): string {
  if (questionById(questionId)?.kind === 'boolean') {
    if (value === 'true') return 'Yes';
    if (value === 'false') return 'No';
  }
  return optionLabel(questionId, value);
}

/**
 * The answers behind some reasons, each question once with its values ("What latency does it need? →
 * _Strict: p99 under 10 ms_"), in the order first cited; empty when nothing is cited.
 */
function citedAnswers(cites: readonly Citation[]): string {
  const values = new Map<string, string[]>();
  for (const c of cites) {
    const seen = values.get(c.question) ?? [];
    if (!seen.includes(c.value)) seen.push(c.value);
    values.set(c.question, seen);
  }
  return [...values]
    .map(([question, answers]) => {
      const label = questionById(question)?.label ?? question;
      const chosen = answers.map((v) => italic(escapeMrkdwn(answerLabel(question, v)))).join(', ');
      return `${escapeMrkdwn(label)} → ${chosen}`;
    })
    .join('; ');
}

function withAnswers(text: string, cites: readonly Citation[]): string {
  const answers = citedAnswers(cites);
  return answers === '' ? text : `${text} (you answered ${answers})`;
}

/** Which side a criterion favours, from what it added to each side. */
function favours(criterion: CriterionResult): string {
  const lead = Math.round((criterion.rust - criterion.python) * 10);
  if (Number.isNaN(lead) || lead === 0) return 'pulls both ways equally';
  return `favours ${sideName(lead > 0 ? 'rust' : 'python')}`;
}

/**
 * A criterion some answer moved: the side it favours, its reasons under "For Rust" / "For Python", and the
 * answers they rest on, cited once for the criterion rather than after every reason.
 */
function criterionLines(criterion: CriterionResult): string[] {
  const side = (s: Side) => {
    const reasons = criterion.reasons.filter((r) => r.side === s);
    if (reasons.length === 0) return [];
    return [italic(`For ${sideName(s)}:`), ...reasons.map((r) => `• ${escapeMrkdwn(r.text)}`)];
  };
  const answers = citedAnswers(criterion.reasons.flatMap((r) => r.cites));
  return [
    `${bold(escapeMrkdwn(criterion.label))} ${favours(criterion)}`,
    ...side('rust'),
    ...side('python'),
    ...(answers === '' ? [] : [`${italic('From your answers')}: ${answers}`]),
  ];
}

/**
 * Why the verdict: what decided it and any rule pulling the other way first, then only the criteria an
 * answer moved, each with the side it favours. No weights or points: the scores in the verdict say how it
 * adds up.
 */
function whyReply(rec: Recommendation): SlackMessage[] {
  const decided = `${bold('What decided it')}: ${withAnswers(escapeMrkdwn(rec.decidedBy.text), rec.decidedBy.cites)}`;
  const conflicts = rec.conflicts.map(
    (c) => `${bold('Another rule pulls the other way')}: ${withAnswers(escapeMrkdwn(c.text), c.cites)}`,
  );
  const moved = rec.criteria.filter((c) => c.reasons.length > 0);
  const criteria =
    moved.length > 0
      ? moved.flatMap((c) => packLines(criterionLines(c)))
      : [italic('None of your answers moved any criterion either way.')];
  const title = rec.closeCall
    ? `Why it leans towards ${verdictLean(rec.verdict)}`
    : `Why ${verdictName(rec.verdict)}`;
  return titledReplies(
    title,
    [...packLines([decided, ...conflicts]), ...criteria],
    'what decided the verdict and the criteria your answers moved',
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

function learningReply(path: readonly string[], learning: Side | 'both' | undefined): SlackMessage[] {
  const language = learning === undefined ? undefined : LEARNING_NAMES[learning];
  const sections = packLines(path.map((step, i) => `${i + 1}. ${escapeMrkdwn(step)}`));
  return titledReplies(
    language === undefined ? 'Learning path' : `Learning path for ${language}`,
    sections,
    language === undefined
      ? 'how the team gets productive in what the plan needs'
      : `how the team gets productive in ${language}`,
  );
}

/** What would change the verdict: the engine's grouped, ranked sentences, most changeable first. */
function flipsReply(rec: Recommendation): SlackMessage[] {
  const sentences = readableFlips(rec.flips, rec.answers);
  const sections =
    sentences.length > 0
      ? packLines(sentences.map((sentence) => `• ${escapeMrkdwn(sentence)}`))
      : [
          'Nothing single would change it: no one answer, changed on its own, flips the verdict. It would take several changes together.',
        ];
  const summary =
    sentences.length > 0
      ? 'the answers that, changed one at a time, would flip it'
      : 'nothing single would change it';
  return titledReplies('What would change the verdict', sections, summary);
}

/**
 * The detailed recommendation as thread replies under the verdict, in reading order: why, the plan, risks,
 * the learning path (when the plan needs a language the team does not have yet), and what would change the
 * verdict.
 * A part too long for one Slack message continues in the next reply.
 */
export function buildThreadReplies(rec: Recommendation): SlackMessage[] {
  return [
    ...whyReply(rec),
    ...planReply(rec),
    ...risksReply(rec),
    ...(rec.plan.learningPath && rec.plan.learningPath.length > 0
      ? learningReply(rec.plan.learningPath, rec.plan.learning)
      : []),
    ...flipsReply(rec),
  ];
}
