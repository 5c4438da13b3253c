export { type AnswerError, answersSchema, type ParseResult, parseAnswers } from './answers.ts';
export * from './questions.ts';
export type * from './types.ts';
