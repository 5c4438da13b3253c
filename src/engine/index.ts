export {
  type DecisionRecordLink,
  type DecisionRecordMeta,
  decisionFileName,
  renderDecisionRecord,
} from './adr.ts';
export { type AnswerError, answersSchema, type ParseResult, parseAnswers } from './answers.ts';
export {
  type AnswerGroup,
  type CombinedBy,
  combineViews,
  type Disagreement,
  type PersonVerdict,
  QUESTION_NAMES,
  SCALES,
  type Scale,
  type TeamResult,
  type TeamView,
  type ViewAnswer,
} from './combine.ts';
export { CRITERIA } from './criteria.ts';
export { LEARNING_NAMES } from './explain.ts';
export { readableFlips } from './flips.ts';
export * from './questions.ts';
export { canonicalAnswers, recommend } from './recommend.ts';
export { renderText } from './text.ts';
export type * from './types.ts';
export { CRITERION_IDS } from './types.ts';
export { ENGINE_VERSION } from './version.ts';
