import { z } from 'zod';
import { type Answers, QUESTIONS, type Question } from './questions.ts';

/** One thing wrong with a set of answers, named by the question it concerns (`(answers)` for the whole). */
export interface AnswerError {
  readonly question: string;
  readonly message: string;
}

export type ParseResult = { ok: true; answers: Answers } | { ok: false; errors: AnswerError[] };

function allowedList(q: Question): string {
  return q.kind === 'single' || q.kind === 'multi' ? q.options.map((o) => o.value).join(', ') : '';
}

function fieldSchema(q: Question): z.ZodType {
  switch (q.kind) {
    case 'single': {
      const values = q.options.map((o) => o.value) as [string, ...string[]];
      return z.enum(values, {
        error: (issue) =>
          issue.input === undefined
            ? `${q.id} is required; allowed values: ${allowedList(q)}`
            : `${q.id}: ${JSON.stringify(issue.input)} is not allowed; allowed values: ${allowedList(q)}`,
      });
    }
    case 'multi': {
      const values = q.options.map((o) => o.value) as [string, ...string[]];
      const item = z.enum(values, {
        error: (issue) =>
          `${q.id}: ${JSON.stringify(issue.input)} is not allowed; allowed values: ${allowedList(q)}`,
      });
      let list = z.array(item, {
        error: `${q.id} must be a list of values from: ${allowedList(q)}`,
      });
      if (q.maxItems !== undefined) {
        list = list.max(q.maxItems, {
          error: `${q.id}: choose at most ${q.maxItems}; allowed values: ${allowedList(q)}`,
        });
      }
      return list.refine((xs) => new Set(xs).size === xs.length, {
        error: `${q.id}: each value may appear only once`,
      });
    }
    case 'boolean':
      return z.boolean({ error: `${q.id} must be true or false` });
    case 'text':
      return z
        .string({ error: `${q.id} must be text` })
        .max(q.maxLength, { error: `${q.id} is too long: at most ${q.maxLength} characters` });
  }
}

const shape: Record<string, z.ZodType> = {};
for (const q of QUESTIONS) {
  const field = fieldSchema(q);
  shape[q.id] = q.required ? field : field.optional();
}

const knownIds = QUESTIONS.map((q) => q.id).join(', ');

/**
 * The answers schema, derived from the questionnaire. Unknown keys are rejected (a typo in a script must
 * not silently become "neutral"). The cast is the one place the derived schema meets the derived type.
 */
export const answersSchema = z.strictObject(shape, {
  error: (issue) =>
    issue.code === 'unrecognized_keys'
      ? `unknown question ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}; known questions: ${knownIds}`
      : 'answers must be a JSON object',
}) as unknown as z.ZodType<Answers>;

/** Validates raw input (parsed JSON, a modal's state) into answers, or every problem found, by question. */
export function parseAnswers(input: unknown): ParseResult {
  const result = answersSchema.safeParse(input);
  if (result.success) return { ok: true, answers: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({
      question:
        issue.code === 'unrecognized_keys' ? String(issue.keys[0]) : String(issue.path[0] ?? '(answers)'),
      message: issue.message,
    })),
  };
}
