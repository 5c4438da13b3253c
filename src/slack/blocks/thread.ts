import type { types } from '@slack/bolt';
import { LEARNING_NAMES, readableFlips } from '../../engine/index.ts';
import { optionLabel, questionById } from '../../engine/questions.ts';
import type { Citation, CriterionResult, PlanPhase, Recommendation, Side } from '../../engine/types.ts';
import { packLines, type SlackMessage, sectionBlock } from './compose.ts';
import { SLACK_LIMITS } from './limits.ts';
import { bold, escapeMrkdwn, italic, truncateMrkdwn } from './mrkdwn.ts';
import { clampScore, sideName, verdictLean, verdictName } from './verdict.ts';

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

/** Characters of displayed text a reply may hold (under Slack's message budget, with room for the title). */
const REPLY_BUDGET = SLACK_LIMITS.messageBlocksChars - 1000;
/** Blocks a reply may hold (Slack allows 50). */
const REPLY_BLOCKS = 40;
const CUT_NOTE = italic(
  'There is more than fits in one message: press Decision record on the verdict for the whole record.',
);

/**
 * One thread reply on one topic: its title, then sections of already escaped mrkdwn. Sections that would
 * break Slack's limits for one message are left out, with a note saying where the rest is, so a topic never
 * spills into a second reply. `summary` is plain text for the notification line.
 */
function topicReply(title: string, sections: readonly string[], summary: string): SlackMessage {
  const blocks: types.KnownBlock[] = [sectionBlock(bold(escapeMrkdwn(title)))];
  let chars = title.length + 2;
  const room = REPLY_BUDGET - CUT_NOTE.length;
  for (const section of sections) {
    if (section === '') continue;
    const block = sectionBlock(section);
    const size = block.text?.text.length ?? 0;
    if (blocks.length + 1 >= REPLY_BLOCKS || chars + size > room) {
      blocks.push(sectionBlock(CUT_NOTE));
      break;
    }
    blocks.push(block);
    chars += size;
  }
  return { text: truncateMrkdwn(escapeMrkdwn(`${title}: ${summary}`), 300), blocks };
}

/** Bulleted lines under a bold heading, packed into sections. */
function bulletSections(heading: string, items: readonly string[]): string[] {
  return packLines([bold(heading), ...items.map((item) => `• ${escapeMrkdwn(item)}`)]);
}

/**
 * Why the verdict: what decided it and any rule pulling the other way, the confidence explained with the
 * scores, every pro and con, then the criteria an answer moved, each with the side it favours.
 */
function whyReply(rec: Recommendation): SlackMessage {
  const decided = `${bold('What decided it')}: ${withAnswers(escapeMrkdwn(rec.decidedBy.text), rec.decidedBy.cites)}`;
  const conflicts = rec.conflicts.map(
    (c) => `${bold('Another rule pulls the other way')}: ${withAnswers(escapeMrkdwn(c.text), c.cites)}`,
  );
  const confidence = [
    `${bold(`Confidence: ${clampScore(rec.confidence)}%`)}. ${escapeMrkdwn(rec.confidenceNote)}`.trim(),
    `Scores: Rust ${clampScore(rec.scores.rust)} · Python ${clampScore(rec.scores.python)} ${italic('(each side’s share of the reasons, out of 100)')}`,
  ];
  const moved = rec.criteria.filter((c) => c.reasons.length > 0);
  const criteria =
    moved.length > 0
      ? moved.flatMap((c) => packLines(criterionLines(c)))
      : [italic('None of your answers moved any criterion either way.')];
  const title = rec.closeCall
    ? `Why it leans towards ${verdictLean(rec.verdict)}`
    : `Why ${verdictName(rec.verdict)}`;
  return topicReply(
    title,
    [
      ...packLines([decided, ...conflicts, ...confidence]),
      ...bulletSections(
        'Pros',
        rec.pros.map((p) => p.text),
      ),
      ...bulletSections(
        'Cons',
        rec.cons.map((p) => p.text),
      ),
      ...criteria,
    ],
    'what decided it, the confidence, every pro and con, and the criteria your answers moved',
  );
}

function phaseLines(phase: PlanPhase, index: number): string[] {
  return [
    `${bold(`${index + 1}. ${escapeMrkdwn(phase.phase)}`)}: ${escapeMrkdwn(phase.goal)}`,
    ...phase.steps.map((step) => `• ${escapeMrkdwn(step)}`),
    `${bold('Exit')}: ${escapeMrkdwn(phase.exit)}`,
  ];
}

/** The plan: its phases with steps and exit criteria, the learning path when it has one, the thresholds. */
function planReply(rec: Recommendation): SlackMessage {
  const { plan } = rec;
  const sections = [
    escapeMrkdwn(plan.summary),
    ...plan.steps.flatMap((phase, i) => packLines(phaseLines(phase, i))),
  ];
  if (plan.learningPath && plan.learningPath.length > 0) {
    const language = plan.learning === undefined ? undefined : LEARNING_NAMES[plan.learning];
    sections.push(
      ...packLines([
        bold(language === undefined ? 'Learning path' : `Learning path for ${language}`),
        ...plan.learningPath.map((step, i) => `${i + 1}. ${escapeMrkdwn(step)}`),
      ]),
    );
  }
  if (plan.thresholds && plan.thresholds.length > 0) {
    sections.push(
      ...bulletSections('Measure these; crossing one is the signal to pilot Rust', plan.thresholds),
    );
  }
  return topicReply('The plan, phase by phase', sections, plan.summary);
}

/** Risks with their mitigations, then what would change the verdict (the engine's ranked sentences). */
function risksReply(rec: Recommendation): SlackMessage {
  const risks =
    rec.risks.length > 0
      ? packLines([
          bold('Risks and mitigations'),
          ...rec.risks.map(
            (r) =>
              `• ${bold(escapeMrkdwn(r.risk))}\n   ${italic('Mitigation')}: ${escapeMrkdwn(r.mitigation)}`,
          ),
        ])
      : [`${bold('Risks and mitigations')}\n${italic('No particular risks stand out for this plan.')}`];
  const sentences = readableFlips(rec.flips, rec.answers);
  const flips =
    sentences.length > 0
      ? bulletSections('What would change the verdict', sentences)
      : [
          `${bold('What would change the verdict')}\nNothing single would change it: no one answer, changed on its own, flips the verdict. It would take several changes together.`,
        ];
  return topicReply(
    'Risks, and what would change the verdict',
    [...risks, ...flips],
    `${rec.risks.length} risk(s) with how to handle each, and the answers that would flip the verdict`,
  );
}

/**
 * The detailed recommendation as three thread replies under the verdict, each a whole topic: why, the plan,
 * and the risks with what would change the verdict. Each fits one Slack message.
 */
export function buildThreadReplies(rec: Recommendation): SlackMessage[] {
  return [whyReply(rec), planReply(rec), risksReply(rec)];
}
