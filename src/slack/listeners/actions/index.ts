import type { App } from '@slack/bolt';
import {
  ADJUST_ANSWERS_ACTION_ID,
  DECISION_RECORD_ACTION_ID,
  START_DECISION_ACTION_ID,
} from '../../blocks/index.ts';
import { adjustAnswers } from './adjust-answers.ts';
import { decisionRecord } from './decision-record.ts';
import { startDecision } from './start-decision.ts';

export function register(app: App): void {
  app.action(ADJUST_ANSWERS_ACTION_ID, adjustAnswers);
  app.action(DECISION_RECORD_ACTION_ID, decisionRecord);
  app.action(START_DECISION_ACTION_ID, startDecision);
}
