export { plainText, type SlackMessage } from './compose.ts';
export {
  buildDecisionRecordModal,
  DECISION_RECORD_VIEW_ID,
  markdownToMrkdwn,
} from './decision-record.ts';
export { buildHelpMessage } from './help.ts';
export {
  buildHistoryMessage,
  DECISION_LIST_LIMIT,
  type DecisionLineParts,
  decisionLine,
  mentionChannel,
} from './history.ts';
export { buildHomeView, START_DECISION_ACTION_ID } from './home.ts';
export {
  checkSurface,
  ELLIPSIS,
  type LimitViolation,
  type MessageSurface,
  SLACK_LIMITS,
  type SlackLimit,
  type SlackLimitError,
  type Surface,
  truncate,
  type ViewSurface,
} from './limits.ts';
export {
  buildDecisionModal,
  CHANNEL_BLOCK_ID,
  DECISION_MODAL_CALLBACK_ID,
  DEFAULT_ROUND_DEADLINE,
  decodeModalMetadata,
  encodeModalMetadata,
  type ModalMetadata,
  type ModalPage,
  type ModalValues,
  modalErrors,
  questionsOnPage,
  ROUND_DEADLINE_BLOCK_ID,
  ROUND_DEADLINES,
  ROUND_MAX_PARTICIPANTS,
  ROUND_PARTICIPANTS_BLOCK_ID,
  type RoundDeadline,
  type RoundSettings,
  readDecisionModalPage,
  readRoundSettings,
  roundIdSchema,
  roundViewValues,
} from './modal.ts';
export { bold, escapeMrkdwn, italic, mentionUser, truncateMrkdwn, userText } from './mrkdwn.ts';
export { buildMrkdwnNotice, buildNotice } from './notice.ts';
export {
  ADD_MY_VIEW_ACTION_ID,
  buildRoundMessage,
  buildRoundParticipantsReply,
  buildRoundResultMessage,
  buildRoundResultReplies,
  CLOSE_ROUND_ACTION_ID,
  type RoundMessageState,
  type RoundResultOptions,
  slackDateTime,
} from './round.ts';
export { buildThreadReplies } from './thread.ts';
export {
  ACCEPT_DECISION_ACTION_ID,
  ADJUST_ANSWERS_ACTION_ID,
  answersButtonValue,
  buildVerdictMessage,
  DECISION_RECORD_ACTION_ID,
  decisionLabel,
  decisionStateOf,
  type LinkedDecision,
  permalinkTo,
  safePermalink,
  slackDate,
  type VerdictRecordState,
} from './verdict.ts';
