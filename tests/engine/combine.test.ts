import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Answers,
  canonicalAnswers,
  combineViews,
  type FlipQuestionId,
  parseAnswers,
  QUESTION_NAMES,
  QUESTIONS,
  recommend,
  SCALES,
  SINGLE_CHOICE_QUESTIONS,
  type TeamResult,
  type TeamView,
} from '../../src/engine/index.ts';
import { tally } from '../../src/engine/scoring.ts';
import { arbitraryAnswers } from '../helpers/arbitraries.ts';

const PEOPLE = ['alice', 'bob', 'carol', 'dave', 'erin', 'U0FRANK'] as const;
const CHOICE_IDS = QUESTIONS.filter((q) => q.kind !== 'text').map((q) => q.id as FlipQuestionId);
const OPTIONAL_IDS = QUESTIONS.filter((q) => q.kind !== 'text' && !q.required).map(
  (q) => q.id as keyof Answers,
);

/** Answers with `from`'s answers to `keys` (left out where `from` leaves them out). */
function withAnswersOf(base: Answers, from: Answers, keys: readonly string[]): Answers {
  const a: Record<string, unknown> = { ...base };
  for (const key of keys) {
    const value: unknown = from[key as keyof Answers];
    if (value === undefined) delete a[key];
    else a[key] = value;
  }
  return a as Answers;
}

/**
 * Up to `max` views, each by its own person (named in any order): a team that mostly agrees (each teammate
 * changes up to three answers of a shared view, as the pre-filled modal invites) or strangers' answers.
 */
function arbitraryViews(max = 5): fc.Arbitrary<TeamView[]> {
  const agreeing = fc
    .tuple(
      arbitraryAnswers(),
      fc.array(fc.tuple(arbitraryAnswers(), fc.subarray(CHOICE_IDS, { maxLength: 3 })), {
        minLength: 1,
        maxLength: max,
      }),
    )
    .map(([base, edits]) => edits.map(([other, keys]) => withAnswersOf(base, other, keys)));
  const strangers = fc.array(arbitraryAnswers(), { minLength: 1, maxLength: max });
  return fc
    .tuple(
      fc.oneof(agreeing, strangers),
      fc.shuffledSubarray([...PEOPLE], { minLength: PEOPLE.length, maxLength: PEOPLE.length }),
    )
    .map(([answers, people]) => answers.map((a, i) => ({ person: people[i] ?? `p${i}`, answers: a })));
}

function key(value: unknown): string {
  return value === undefined ? '(left out)' : JSON.stringify(value);
}

function withoutDescription(a: Answers): Answers {
  const { description: _, ...rest } = a;
  return rest as Answers;
}

/** What moving the organiser may not change when nothing is tied: everything but who is named first. */
function organiserFree(r: TeamResult) {
  return {
    answers: withoutDescription(r.answers),
    disagreements: r.disagreements.map(({ answers, ...d }) => ({
      ...d,
      answers: answers.map((g) => ({ ...g, people: [...g.people].sort() })),
    })),
    perPerson: [...r.perPerson].sort((x, y) => (x.person < y.person ? -1 : 1)),
    notes: r.notes,
    views: r.views,
  };
}

const questionOf = (id: string) => QUESTIONS.find((q) => q.id === id);
const optionsOf = (id: string): string[] => {
  const q = questionOf(id);
  return q && (q.kind === 'single' || q.kind === 'multi') ? q.options.map((o) => o.value) : [];
};

/**
 * Rust's weighed points minus Python's. Not the margin: the scores are shares, so a step that adds points to
 * both sides (CPU-bound data work: a case for Rust, and for the native libraries) can lower the margin.
 */
const net = (answers: Answers) => {
  const t = tally(answers);
  return t.rust - t.python;
};

describe('which single-choice questions are ordered', () => {
  it('classifies every single-choice question, and names every question a view can disagree on', () => {
    expect(Object.keys(SCALES).sort()).toEqual(SINGLE_CHOICE_QUESTIONS.map((q) => q.id).sort());
    expect(Object.keys(QUESTION_NAMES).sort()).toEqual([...CHOICE_IDS].sort());
  });

  it("agrees with the engine: a step up an ordered scale never moves the weighed points against the scale's direction", () => {
    const ordered = Object.entries(SCALES).filter(([, scale]) => scale !== 'unordered');
    expect(ordered.map(([id]) => id).sort()).toEqual(
      ['cadence', 'compute', 'latency', 'memory', 'pythonSkill', 'rustSkill', 'safety', 'stage'].sort(),
    );
    for (const [id, scale] of ordered) {
      const options = optionsOf(id);
      fc.assert(
        fc.property(arbitraryAnswers(), fc.nat({ max: options.length - 2 }), (answers, i) => {
          // CPU-bound work whose hot path is already in native libraries argues for keeping those libraries:
          // the one place where "more computation" does not mean more case for Rust.
          fc.pre(id !== 'compute' || answers.hotPath !== 'native');
          const lower = net({ ...answers, [id]: options[i] } as Answers);
          const higher = net({ ...answers, [id]: options[i + 1] } as Answers);
          if (scale === 'towards-rust') expect(higher, id).toBeGreaterThanOrEqual(lower);
          else expect(higher, id).toBeLessThanOrEqual(lower);
        }),
        { numRuns: 60 },
      );
    }
  });
});

describe('combineViews: properties', () => {
  it('a round of one view is that view: the same recommendation, no disagreements, no notes', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), fc.constantFrom(...PEOPLE), (answers, person) => {
        const result = combineViews([{ person, answers }]);
        expect(result.recommendation).toEqual(recommend(answers));
        expect(result.answers).toEqual(canonicalAnswers(answers));
        expect(result.disagreements).toEqual([]);
        expect(result.notes).toEqual([]);
        expect(result.views).toBe(1);
        const own = recommend(answers);
        expect(result.perPerson).toEqual([
          { person, verdict: own.verdict, closeCall: own.closeCall, confidence: own.confidence },
        ]);
      }),
      { numRuns: 150 },
    );
  });

  it('identical views give that view', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), fc.integer({ min: 2, max: PEOPLE.length }), (answers, n) => {
        const result = combineViews(PEOPLE.slice(0, n).map((person) => ({ person, answers })));
        expect(result.answers).toEqual(canonicalAnswers(answers));
        expect(result.recommendation).toEqual(recommend(answers));
        expect(result.disagreements).toEqual([]);
        expect(result.notes).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('never depends on the order of the views after the organiser', () => {
    fc.assert(
      fc.property(
        arbitraryViews().chain((views) =>
          fc.tuple(
            fc.constant(views),
            fc.shuffledSubarray(views.slice(1), { minLength: views.length - 1, maxLength: views.length - 1 }),
          ),
        ),
        ([views, rest]) => {
          const [organiser] = views;
          if (!organiser) return;
          expect(combineViews([organiser, ...rest])).toEqual(combineViews(views));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('with nothing tied, who organised it changes nothing but the description and who is named first', () => {
    fc.assert(
      fc.property(
        arbitraryViews().chain((views) => fc.tuple(fc.constant(views), fc.nat({ max: views.length - 1 }))),
        ([views, k]) => {
          const result = combineViews(views);
          fc.pre(result.disagreements.every((d) => d.combinedBy !== 'tie'));
          const moved = combineViews([views[k] as TeamView, ...views.filter((_, i) => i !== k)]);
          expect(organiserFree(moved)).toEqual(organiserFree(result));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('lists exactly the questions the views answer differently, with every view counted once', () => {
    fc.assert(
      fc.property(arbitraryViews(), (views) => {
        const result = combineViews(views);
        const listed = new Map(result.disagreements.map((d) => [d.question, d]));
        for (const id of CHOICE_IDS) {
          const distinct = new Set(views.map((v) => key(canonicalAnswers(v.answers)[id])));
          const d = listed.get(id);
          expect(d !== undefined, id).toBe(distinct.size >= 2);
          if (!d) continue;
          expect(d.answers.map((g) => key(g.answer)).sort()).toEqual([...distinct].sort());
          expect(d.answers.reduce((sum, g) => sum + g.count, 0)).toBe(views.length);
          expect(d.answers.flatMap((g) => g.people).sort()).toEqual(views.map((v) => v.person).sort());
          for (const g of d.answers) {
            expect(g.people.length).toBe(g.count);
            for (const person of g.people) {
              const view = views.find((v) => v.person === person);
              expect(key(canonicalAnswers(view?.answers ?? ({} as Answers))[id])).toBe(key(g.answer));
            }
          }
          expect(d.spread.startsWith(`${QUESTION_NAMES[id]}: `)).toBe(true);
          for (const g of d.answers) expect(d.spread).toContain(`${g.count} × ${g.words}`);
        }
        expect(listed.size).toBe(result.disagreements.length);
      }),
      { numRuns: 150 },
    );
  });

  it('says a disagreement decides the verdict exactly when re-running the engine with an answer given changes it', () => {
    fc.assert(
      fc.property(arbitraryViews(4), (views) => {
        const result = combineViews(views);
        for (const d of result.disagreements) {
          let changes = false;
          for (const g of d.answers) {
            const rerun = recommend({ ...result.answers, [d.question]: g.answer } as Answers);
            expect(g.verdict, `${d.question}=${key(g.answer)}`).toBe(rerun.verdict);
            expect(g.closeCall).toBe(rerun.closeCall);
            if (rerun.verdict !== result.recommendation.verdict) changes = true;
          }
          expect(d.decides, d.question).toBe(changes);
          if (d.decides) {
            expect(d.text).toContain('This disagreement decides the verdict: settle it first (');
            expect(d.text).toContain(d.settle);
          } else {
            expect(d.text).toBe('The verdict is the same whichever of these is true.');
          }
        }
        // Deciding disagreements come first.
        const decides = result.disagreements.map((d) => d.decides);
        expect(decides).toEqual([...decides].sort((x, y) => Number(y) - Number(x)));
      }),
      { numRuns: 100 },
    );
  });

  it('combines each kind of question by its rule', () => {
    fc.assert(
      fc.property(arbitraryViews(), (views) => {
        const result = combineViews(views);
        const team = result.answers;
        const n = views.length;
        const given = (id: string) =>
          views
            .map((v): unknown => canonicalAnswers(v.answers)[id as keyof Answers])
            .filter((x) => x !== undefined);
        expect(parseAnswers(JSON.parse(JSON.stringify(team))).ok).toBe(true);
        expect(result.recommendation).toEqual(recommend(team));
        expect(team.description).toBe(views[0]?.answers.description);

        for (const id of OPTIONAL_IDS) {
          const answered = given(id).length;
          if (id === 'rustMentors') continue;
          expect(team[id] === undefined, id).toBe(2 * answered < n);
        }
        const mentors = given('rustMentors');
        expect(team.rustMentors).toBe(
          mentors.includes(true) ? true : 2 * mentors.length >= n ? false : undefined,
        );

        for (const q of SINGLE_CHOICE_QUESTIONS) {
          const values = given(q.id) as string[];
          const chosen = team[q.id as keyof Answers] as string | undefined;
          if (chosen === undefined) continue;
          const scale = SCALES[q.id as keyof typeof SCALES];
          if (scale === 'unordered') {
            const count = (v: string) => values.filter((x) => x === v).length;
            for (const v of values) expect(count(chosen), q.id).toBeGreaterThanOrEqual(count(v));
            continue;
          }
          // The median; its side towards Rust holds more than half the views, the other side at least half.
          const pos = (v: string) => q.options.findIndex((o) => o.value === v);
          const atOrAbove = values.filter((v) => pos(v) >= pos(chosen)).length;
          const atOrBelow = values.filter((v) => pos(v) <= pos(chosen)).length;
          const [rustSide, otherSide] =
            scale === 'towards-rust' ? [atOrAbove, atOrBelow] : [atOrBelow, atOrAbove];
          expect(2 * rustSide, q.id).toBeGreaterThan(values.length);
          expect(2 * otherSide, q.id).toBeGreaterThanOrEqual(values.length);
        }

        for (const id of ['ecosystems', 'priorities'] as const) {
          const lists = given(id) as string[][];
          const chosen = team[id];
          if (chosen === undefined) continue;
          const count = (v: string) => lists.filter((l) => l.includes(v)).length;
          const halfOrMore = optionsOf(id).filter((v) => 2 * count(v) >= lists.length);
          if (id === 'ecosystems') {
            expect(chosen).toEqual(halfOrMore);
            continue;
          }
          expect(chosen.length).toBe(Math.min(2, halfOrMore.length));
          const dropped = halfOrMore.filter((v) => !(chosen as string[]).includes(v));
          for (const kept of chosen)
            for (const d of dropped) expect(count(kept)).toBeGreaterThanOrEqual(count(d));
        }
      }),
      { numRuns: 150 },
    );
  });

  it("breaks a tie with the organiser's view when it is among the tied, else by the questionnaire's order", () => {
    fc.assert(
      fc.property(arbitraryViews(4), (views) => {
        const result = combineViews(views);
        const organiser = canonicalAnswers(views[0]?.answers ?? ({} as Answers));
        for (const d of result.disagreements.filter((x) => x.combinedBy === 'tie')) {
          const answered = d.answers.filter((g) => g.answer !== undefined);
          const most = Math.max(...answered.map((g) => g.count));
          const tied = answered.filter((g) => g.count === most).map((g) => g.answer as string);
          expect(tied.length).toBeGreaterThan(1);
          const mine = organiser[d.question] as string | undefined;
          const options = optionsOf(d.question);
          const expected =
            mine !== undefined && tied.includes(mine) ? mine : options.find((o) => tied.includes(o));
          expect(d.teamAnswer).toBe(expected);
          expect(result.notes.some((note) => note.startsWith(`${d.name}: a tie between`))).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives each person their own verdict, organiser first', () => {
    fc.assert(
      fc.property(arbitraryViews(), (views) => {
        const result = combineViews(views);
        expect(result.perPerson[0]?.person).toBe(views[0]?.person);
        expect(result.perPerson.map((p) => p.person).sort()).toEqual(views.map((v) => v.person).sort());
        for (const p of result.perPerson) {
          const own = recommend(views.find((v) => v.person === p.person)?.answers ?? ({} as Answers));
          expect(p).toEqual({
            person: p.person,
            verdict: own.verdict,
            closeCall: own.closeCall,
            confidence: own.confidence,
          });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('with two views apart on an ordered question, takes the one making the weaker case for Rust, and says so', () => {
    const ordered = SINGLE_CHOICE_QUESTIONS.filter(
      (q) => SCALES[q.id as keyof typeof SCALES] !== 'unordered',
    );
    fc.assert(
      fc.property(
        arbitraryAnswers(),
        fc.constantFrom(...ordered),
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        (answers, q, a, b, swap) => {
          const options = q.options.map((o) => o.value);
          const [i, j] = [a % options.length, b % options.length].sort((x, y) => x - y) as [number, number];
          fc.pre(i < j);
          const low = { ...answers, [q.id]: options[i] } as Answers;
          const high = { ...answers, [q.id]: options[j] } as Answers;
          const result = combineViews([
            { person: 'alice', answers: swap ? high : low },
            { person: 'bob', answers: swap ? low : high },
          ]);
          const towardsRust = SCALES[q.id as keyof typeof SCALES] === 'towards-rust';
          expect(result.answers[q.id as keyof Answers]).toBe(towardsRust ? options[i] : options[j]);
          const d = result.disagreements.find((x) => x.question === q.id);
          expect(d?.combinedBy).toBe('even-split');
          expect(
            result.notes.some((note) =>
              note.startsWith(`${QUESTION_NAMES[q.id as FlipQuestionId]}: the two middle answers of 2 views`),
            ),
          ).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});

/** Three people: the organiser, then bob and carol, each with the base answers changed where given. */
function round(base: Answers, ...changes: Partial<Answers>[]): TeamView[] {
  const people = ['alice', 'bob', 'carol', 'dave'];
  return [{}, ...changes].map((change, i) => ({
    person: people[i] ?? `p${i}`,
    answers: { ...base, ...change } as Answers,
  }));
}

describe('combineViews: named rounds', () => {
  const ioWebService: Answers = {
    workload: 'web-backend',
    stage: 'production',
    latency: 'strict',
    pythonSkill: 'strong',
    rustSkill: 'none',
    compute: 'io-bound',
    codebase: 'python',
    deployment: 'cloud-service',
  };

  it('an I/O-bound Python web service: strict or interactive latency, the verdict is Python either way', () => {
    const result = combineViews(round(ioWebService, {}, { latency: 'interactive' }));
    expect(result.answers.latency).toBe('strict');
    expect(result.recommendation.verdict).toBe('python');
    expect(result.disagreements).toHaveLength(1);
    const [latency] = result.disagreements;
    expect(latency?.spread).toBe('Latency: 2 × Strict: p99 under 10 ms, 1 × Interactive: p99 around 100 ms');
    expect(latency?.combinedBy).toBe('median');
    expect(latency?.decides).toBe(false);
    expect(latency?.text).toBe('The verdict is the same whichever of these is true.');
    expect(result.perPerson.map((p) => [p.person, p.verdict])).toEqual([
      ['alice', 'python'],
      ['bob', 'python'],
      ['carol', 'python'],
    ]);
    expect(result.notes).toEqual([]);
  });

  it('a CPU-bound web MVP by a Python team: the latency disagreement decides the verdict', () => {
    const mvp: Answers = {
      workload: 'web-backend',
      stage: 'mvp',
      latency: 'strict',
      pythonSkill: 'strong',
      rustSkill: 'none',
      compute: 'cpu-bound',
      codebase: 'greenfield',
    };
    const result = combineViews(round(mvp, { latency: 'interactive' }, { latency: 'interactive' }));
    expect(result.answers.latency).toBe('interactive');
    expect(result.recommendation.verdict).toBe('python');
    const [latency] = result.disagreements;
    expect(latency?.question).toBe('latency');
    expect(latency?.decides).toBe(true);
    expect(latency?.text).toBe(
      'This disagreement decides the verdict: settle it first (agree the p99 the users need with whoever owns the product, then measure the p99 a Python version reaches on realistic input). ' +
        "With Interactive: p99 around 100 ms, the team's verdict would be Python; with Strict: p99 under 10 ms, Hybrid (a Rust core, Python around it).",
    );
    expect(latency?.answers.map((g) => [g.words, g.people, g.verdict])).toEqual([
      ['Interactive: p99 around 100 ms', ['bob', 'carol'], 'python'],
      ['Strict: p99 under 10 ms', ['alice'], 'hybrid'],
    ]);
    expect(result.perPerson.map((p) => [p.person, p.verdict])).toEqual([
      ['alice', 'hybrid'],
      ['bob', 'python'],
      ['carol', 'python'],
    ]);
  });

  it('a hot path only one person profiled: left out for the team, and named as the disagreement to settle first', () => {
    const service: Answers = {
      workload: 'web-backend',
      stage: 'production',
      latency: 'interactive',
      pythonSkill: 'strong',
      rustSkill: 'none',
      compute: 'cpu-bound',
      codebase: 'python',
    };
    const result = combineViews(round(service, {}, { hotPath: 'native' }));
    expect(result.answers.hotPath).toBeUndefined();
    expect(result.recommendation.verdict).toBe('hybrid');
    expect(result.notes).toEqual([
      "Hot path: only 1 of 3 views answered it, fewer than half, so the team's answers leave it out (a question left out weighs nothing either way).",
    ]);
    const [hotPath] = result.disagreements;
    expect(hotPath?.combinedBy).toBe('left-out');
    expect(hotPath?.spread).toBe(
      'Hot path: 2 × Not answered; 1 × In native code already (NumPy, PyTorch, Polars, GPU)',
    );
    expect(hotPath?.decides).toBe(true);
    expect(hotPath?.text).toContain('settle it first (profile the hot path on realistic input');
    expect(hotPath?.text).toContain(
      "With no answer, the team's verdict would be Hybrid (a Rust core, Python around it); with In native code already (NumPy, PyTorch, Polars, GPU), Python.",
    );
  });

  it('two views apart on skills: the lower Rust skill and the higher Python skill, each said in words', () => {
    const result = combineViews([
      { person: 'alice', answers: { ...ioWebService, rustSkill: 'strong', pythonSkill: 'some' } },
      { person: 'bob', answers: { ...ioWebService, rustSkill: 'none', pythonSkill: 'strong' } },
    ]);
    expect(result.answers.rustSkill).toBe('none');
    expect(result.answers.pythonSkill).toBe('strong');
    expect(result.notes).toEqual([
      "Python skill: the two middle answers of 2 views are Some: has shipped a little in it and Strong: ships production code in it; the team's answer is the higher, Strong: ships production code in it, the one making the weaker case for Rust, so it never leans further towards Rust than half the team sees.",
      "Rust skill: the two middle answers of 2 views are None: nobody on the team has used it and Strong: ships production code in it; the team's answer is the lower, None: nobody on the team has used it, so it never makes a stronger case for Rust than half the team sees.",
    ]);
  });

  it('an ordered question one view left out: the median of the views that answered', () => {
    const result = combineViews(round(ioWebService, { memory: 'constrained' }, { memory: 'containers' }));
    expect(result.answers.memory).toBe('containers');
    expect(result.notes).toEqual([
      "Memory: the two middle answers of the 2 views that answered are Containers: footprint matters for cost and Constrained: kilobytes to a few MB of RAM; the team's answer is the lower, Containers: footprint matters for cost, so it never makes a stronger case for Rust than half the team sees.",
    ]);
    expect(result.disagreements.find((d) => d.question === 'memory')?.spread).toBe(
      'Memory: 1 × Containers: footprint matters for cost, 1 × Constrained: kilobytes to a few MB of RAM, 1 × Not answered',
    );
  });

  it("a tie on the existing code: the organiser's view breaks it, and the note says so", () => {
    const result = combineViews(round(ioWebService, { codebase: 'greenfield' }));
    expect(result.answers.codebase).toBe('python');
    expect(result.disagreements.find((d) => d.question === 'codebase')?.combinedBy).toBe('tie');
    expect(result.notes).toEqual([
      "Existing code: a tie between Nothing yet (greenfield) and A Python codebase (1 view each); the organiser's view, A Python codebase, breaks it.",
    ]);
  });

  it("a tie the organiser did not answer: the first of the tied answers in the questionnaire's order", () => {
    const { codebase: _, ...noCode } = ioWebService;
    const result = combineViews([
      { person: 'alice', answers: noCode },
      { person: 'bob', answers: { ...noCode, codebase: 'rust' } },
      { person: 'carol', answers: { ...noCode, codebase: 'python' } },
    ]);
    expect(result.answers.codebase).toBe('python');
    expect(result.notes).toEqual([
      "Existing code: a tie between A Python codebase and A Rust codebase (1 view each); the organiser did not answer it, so the first in the questionnaire's order, A Python codebase, is taken.",
    ]);
  });

  it('priorities: those chosen by at least half, capped at the two chosen most', () => {
    const result = combineViews(
      round(
        ioWebService,
        { priorities: ['performance', 'safety'] },
        { priorities: ['performance', 'cost'] },
        { priorities: ['safety', 'cost'] },
      ).map((v, i) => (i === 0 ? { ...v, answers: { ...v.answers, priorities: ['performance'] } } : v)),
    );
    expect(result.answers.priorities).toEqual(['performance', 'safety']);
    expect(result.notes).toContain(
      "Priorities: Performance, Safety and correctness and Running cost were each chosen by at least half the views; the 2 chosen most are kept (equal counts in the questionnaire's order): Performance and Safety and correctness.",
    );
  });

  it('a Rust mentor one person knows of counts for the team; the description is the organiser’s', () => {
    const result = combineViews(
      round(
        { ...ioWebService, description: 'Order service' },
        { rustMentors: true, description: 'Orders' },
        { rustMentors: false },
      ),
    );
    expect(result.answers.rustMentors).toBe(true);
    expect(result.answers.description).toBe('Order service');
    expect(result.notes).toEqual([
      "Rust mentor: 1 of 3 views say someone on hand knows Rust well, so the team's answer is yes (one mentor is enough).",
    ]);
  });

  it('refuses a round with no views or two views by one person', () => {
    expect(() => combineViews([])).toThrow(RangeError);
    expect(() =>
      combineViews([
        { person: 'alice', answers: ioWebService },
        { person: 'alice', answers: ioWebService },
      ]),
    ).toThrow(RangeError);
  });
});
