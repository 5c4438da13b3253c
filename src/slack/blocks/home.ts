import type { types } from '@slack/bolt';
import type { DecisionRecord } from '../../store/types.ts';
import { contextBlock, dividerBlock, headerBlock, packLines, plainText, sectionBlock } from './compose.ts';
import { DECISION_LIST_LIMIT, decisionLine } from './history.ts';
import { SLACK_LIMITS } from './limits.ts';

export const START_DECISION_ACTION_ID = 'start_decision';

/** "Your decisions": one line each (number, verdict, confidence, status, channel, date, link), or none yet. */
function yourDecisions(decisions: readonly DecisionRecord[]): types.KnownBlock[] {
  const shown = decisions.slice(0, DECISION_LIST_LIMIT);
  if (shown.length === 0) {
    return [sectionBlock('*Your decisions*\nNone yet: the decisions you ask for will be listed here.')];
  }
  return packLines([
    '*Your decisions*',
    ...shown.map((record) => decisionLine(record, { channel: true })),
  ]).map(sectionBlock);
}

/**
 * The App Home tab: what the bot does, the viewer's latest decisions (at most ten, as the caller gives them:
 * only ones the viewer may see), a Start a decision button below them, and a short guide. Without `decisions`
 * (nothing to list them from) the "Your decisions" part is left out.
 */
export function buildHomeView(decisions?: readonly DecisionRecord[]): types.HomeView {
  return {
    type: 'home',
    blocks: [
      headerBlock('Rust or Python?'),
      sectionBlock(
        'Help your team choose between *Rust*, *Python* or a *hybrid* of both for a concrete project. ' +
          'Answer a short questionnaire and get a verdict with its reasons, pros and cons, and a plan, ' +
          'posted where your team can discuss it.',
      ),
      ...(decisions === undefined ? [] : yourDecisions(decisions)),
      {
        type: 'actions',
        block_id: 'home_actions',
        elements: [
          {
            type: 'button',
            action_id: START_DECISION_ACTION_ID,
            style: 'primary',
            text: plainText('Start a decision', SLACK_LIMITS.buttonText),
          },
        ],
      },
      dividerBlock(),
      sectionBlock(
        [
          '*How it works*',
          '1. Start a decision here, with `/rust-or-python` in a channel, or with the *Rust or Python?* shortcut.',
          '2. Answer the essentials (what you are building, its stage, latency, and the team’s Python and Rust), then any optional details.',
          '3. The verdict is posted in the channel you chose as a numbered decision, with the detailed reasons, the plan, risks and what would change the verdict in its thread.',
          '4. *Accept* on the verdict marks the decision accepted; *Adjust answers* reopens the questionnaire filled in, and the new verdict supersedes the old one; *Decision record* opens the architecture decision record, whole, in a window only you see.',
        ].join('\n'),
      ),
      contextBlock(
        'Type `/rust-or-python history` in a channel for its latest decisions, or `/rust-or-python help` to see what the bot asks and why.',
      ),
    ],
  };
}
