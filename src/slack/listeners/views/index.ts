import type { App } from '@slack/bolt';
import { DECISION_MODAL_CALLBACK_ID } from '../../blocks/index.ts';
import type { ListenerDeps } from '../deps.ts';
import { decisionModalSubmission } from './decision-modal-submission.ts';

export function register(app: App, deps: ListenerDeps): void {
  app.view(DECISION_MODAL_CALLBACK_ID, decisionModalSubmission(deps));
}
