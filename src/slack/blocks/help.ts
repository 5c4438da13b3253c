import { QUESTIONS } from '../../engine/questions.ts';
import { contextBlock, headerBlock, packLines, type SlackMessage, sectionBlock } from './compose.ts';
import { bold, escapeMrkdwn, italic } from './mrkdwn.ts';

function questionLines(required: boolean): string[] {
  return QUESTIONS.filter((q) => q.required === required).map(
    (q) => `• ${bold(escapeMrkdwn(q.label))} ${escapeMrkdwn(q.help)}`,
  );
}

/** The ephemeral `/rust-or-python help` answer: what the bot asks and why, from the questionnaire itself. */
export function buildHelpMessage(): SlackMessage {
  return {
    text: 'Rust or Python? helps your team choose Rust, Python or a hybrid. Type /rust-or-python to start, optionally followed by a project description.',
    blocks: [
      headerBlock('How Rust or Python? decides'),
      sectionBlock(
        'Type `/rust-or-python` (optionally followed by a sentence about the project) to open the questionnaire. ' +
          'The verdict is posted in the channel as a numbered decision, with reasons, pros and cons, and a plan in its thread. ' +
          '*Accept* marks it accepted; *Adjust answers* posts a new decision that supersedes it. ' +
          'Type `/rust-or-python history` to see this channel’s latest decisions, or `/rust-or-python team` to open a team round: each teammate answers privately, and when it closes the team’s verdict shows where the team disagrees.',
      ),
      ...packLines([bold('What it asks first, and why'), ...questionLines(true)]).map(sectionBlock),
      ...packLines([
        `${bold('Optional details')} ${italic('(skip any you are unsure about; each one sharpens the verdict)')}`,
        ...questionLines(false),
      ]).map(sectionBlock),
      contextBlock(
        'Each decision is kept with its answers, verdict and status in this app’s database, so the team can find it later; nothing else you type is stored.',
      ),
    ],
  };
}
