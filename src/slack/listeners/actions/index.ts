import type { App } from '@slack/bolt';
import {
  ACCEPT_DECISION_ACTION_ID,
  ADD_MY_VIEW_ACTION_ID,
  ADJUST_ANSWERS_ACTION_ID,
  CLOSE_ROUND_ACTION_ID,
  DECISION_RECORD_ACTION_ID,
  START_DECISION_ACTION_ID,
} from '../../blocks/index.ts';
import type { ListenerDeps } from '../deps.ts';
import { acceptDecision } from './accept-decision.ts';
import { adjustAnswers } from './adjust-answers.ts';
import { decisionRecord } from './decision-record.ts';
import { RepeatPresses } from './repeat-presses.ts';
import { addMyView, closeRoundButton } from './round-buttons.ts';
import { startDecision } from './start-decision.ts';

export function register(app: App, deps: ListenerDeps): void {
  // Recent presses, in the store: a double press on any of these buttons has one effect.
  const presses = new RepeatPresses(deps.store);
  app.action(ADJUST_ANSWERS_ACTION_ID, adjustAnswers(presses));
  app.action(DECISION_RECORD_ACTION_ID, decisionRecord(presses, deps));
  // No repeat guard: the store accepts a decision once, however many presses arrive.
  app.action(ACCEPT_DECISION_ACTION_ID, acceptDecision(deps));
  app.action(ADD_MY_VIEW_ACTION_ID, addMyView(presses, deps));
  // No repeat guard: the store closes a round once, however many presses arrive.
  app.action(CLOSE_ROUND_ACTION_ID, closeRoundButton(deps));
  app.action(START_DECISION_ACTION_ID, startDecision(presses));
}
