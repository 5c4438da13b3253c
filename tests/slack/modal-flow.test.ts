import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answers, recommend } from '../../src/engine/index.ts';
import { type ApiCall, FAKE_SLACK_IDS } from '../../src/playground/fake-slack/index.ts';
import { buildVerdictMessage } from '../../src/slack/blocks/index.ts';
import { expectProposedVerdictText } from '../helpers/app-calls.ts';
import { LOW_LATENCY_ESSENTIALS, WEB_MVP_ESSENTIALS } from '../helpers/sample-answers.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const { alice: ALICE, bob: BOB } = FAKE_SLACK_IDS.users;
const { general: GENERAL } = FAKE_SLACK_IDS.channels;

type Json = Record<string, unknown>;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

function waitForCall(mark: number, pred: (c: ApiCall) => boolean, timeoutMs = 5_000): Promise<ApiCall> {
  return t.fakeSlack.waitFor((c) => t.fakeSlack.calls.indexOf(c) >= mark && pred(c), timeoutMs);
}

const isVerdictPost = (c: ApiCall) =>
  c.method === 'chat.postMessage' &&
  c.ok &&
  c.args.thread_ts === undefined &&
  JSON.stringify(c.args.blocks ?? []).includes('adjust_answers');

/** What the person sees: the modal's views, bottom first, by title. */
function stackTitles(userId: string): string[] {
  return t.fakeSlack
    .snapshot(userId)
    .modalStack.map((v) => String((v.view.title as { text?: string } | null)?.text ?? ''));
}

/** The input block `blockId` of the view on top of the person's modal. */
function topInput(userId: string, blockId: string): Json {
  const blocks = t.fakeSlack.snapshot(userId).modalStack.at(-1)?.view.blocks as Json[] | undefined;
  const block = blocks?.find((b) => b.block_id === blockId);
  if (!block) throw new Error(`no input ${blockId} on top`);
  return block;
}

async function openModal(userId: string): Promise<void> {
  const mark = t.fakeSlack.calls.length;
  await t.fakeSlack.slashCommand({ userId, channelId: GENERAL });
  await waitForCall(mark, (c) => c.method === 'views.open' && c.ok);
}

describe('a modal with a way back', () => {
  it('Next pushes page 2 over page 1; Back returns to page 1, and a changed answer reaches the verdict', async () => {
    await openModal(ALICE);
    const page1Id = t.fakeSlack.snapshot(ALICE).modalStack[0]?.id;
    const next = await t.fakeSlack.submitView({ userId: ALICE, inputs: WEB_MVP_ESSENTIALS });
    expect(next.body).toMatchObject({ response_action: 'push' });
    expect(stackTitles(ALICE)).toEqual(['Rust or Python? (1/2)', 'Rust or Python? (2/2)']);
    expect(t.fakeSlack.snapshot(ALICE).modalStack.at(-1)?.view.close).toMatchObject({ text: 'Back' });

    // Back: Slack's close button on a pushed view closes only that view.
    await t.fakeSlack.closeView({ userId: ALICE });
    expect(stackTitles(ALICE)).toEqual(['Rust or Python? (1/2)']);
    expect(t.fakeSlack.snapshot(ALICE).modalStack[0]?.id).toBe(page1Id);

    const changed = { ...WEB_MVP_ESSENTIALS, latency: 'strict', workload: 'high-throughput' } as const;
    const again = await t.fakeSlack.submitView({ userId: ALICE, inputs: changed });
    expect(again.body).toMatchObject({ response_action: 'push' });
    const mark = t.fakeSlack.calls.length;
    const decide = await t.fakeSlack.submitView({ userId: ALICE, inputs: { compute: 'cpu-bound' } });
    // The last page clears the whole stack: an empty answer would only close page 2 and leave page 1 open.
    expect(decide.body).toMatchObject({ response_action: 'clear' });
    expect(stackTitles(ALICE)).toEqual([]);
    const verdict = await waitForCall(mark, isVerdictPost);
    const answers: Answers = { ...changed, compute: 'cpu-bound' };
    expectProposedVerdictText(
      verdict.args.text,
      buildVerdictMessage(recommend(answers), { requesterId: ALICE }).text,
    );
  });

  it('an optional answer can be taken back with “No answer”, and the verdict then leaves it out', async () => {
    await openModal(BOB);
    await t.fakeSlack.submitView({ userId: BOB, inputs: LOW_LATENCY_ESSENTIALS });
    const compute = topInput(BOB, 'compute').element as {
      options: { text: { text: string }; value: string }[];
    };
    const noAnswer = compute.options.find((o) => o.text.text === 'No answer');
    expect(noAnswer).toBeDefined();
    const mark = t.fakeSlack.calls.length;
    await t.fakeSlack.submitView({
      userId: BOB,
      inputs: { compute: noAnswer?.value ?? '', priorities: ['performance'] },
    });
    const verdict = await waitForCall(mark, isVerdictPost);
    const answers: Answers = { ...LOW_LATENCY_ESSENTIALS, priorities: ['performance'] };
    expectProposedVerdictText(
      verdict.args.text,
      buildVerdictMessage(recommend(answers), { requesterId: BOB }).text,
    );
  });
});
