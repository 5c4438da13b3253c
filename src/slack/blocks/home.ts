import type { types } from '@slack/bolt';
import { contextBlock, dividerBlock, headerBlock, plainText, sectionBlock } from './compose.ts';
import { SLACK_LIMITS } from './limits.ts';

export const START_DECISION_ACTION_ID = 'start_decision';

/** The App Home tab: what the bot does, a Start a decision button, and a short guide. */
export function buildHomeView(): types.HomeView {
  return {
    type: 'home',
    blocks: [
      headerBlock('Rust or Python?'),
      sectionBlock(
        'Help your team choose between *Rust*, *Python* or a *hybrid* of both for a concrete project. ' +
          'Answer a short questionnaire and get a verdict with its reasons, pros and cons, and a plan, ' +
          'posted where your team can discuss it.',
      ),
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
          '3. The verdict is posted in the channel you chose, with the detailed reasons, the plan, risks and what would change the verdict in its thread.',
          '4. *Adjust answers* on the verdict reopens the questionnaire filled in; *Decision record* opens the architecture decision record, whole, in a window only you see.',
        ].join('\n'),
      ),
      contextBlock('Type `/rust-or-python help` in any channel to see what the bot asks and why.'),
    ],
  };
}
