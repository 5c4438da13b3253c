import fc from 'fast-check';
import { type Answers, QUESTIONS, type Question } from '../../src/engine/questions.ts';

function arbitraryFor(q: Question): fc.Arbitrary<unknown> {
  switch (q.kind) {
    case 'single':
      return fc.constantFrom(...q.options.map((o) => o.value));
    case 'multi':
      return fc.uniqueArray(fc.constantFrom(...q.options.map((o) => o.value)), {
        maxLength: q.maxItems ?? q.options.length,
      });
    case 'boolean':
      return fc.boolean();
    case 'text':
      return fc.string({ maxLength: q.maxLength, unit: 'grapheme' }).map((s) => s.slice(0, q.maxLength));
  }
}

/** Any valid answers, derived from the questionnaire: required questions always, optional ones sometimes. */
export function arbitraryAnswers(): fc.Arbitrary<Answers> {
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredKeys: string[] = [];
  for (const q of QUESTIONS) {
    record[q.id] = arbitraryFor(q);
    if (q.required) requiredKeys.push(q.id);
  }
  return fc.record(record, { requiredKeys }) as fc.Arbitrary<Answers>;
}
