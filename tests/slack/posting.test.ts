import { describe, expect, it } from 'vitest';
import { createDelivery } from '../../src/slack/posting.ts';

describe('the per-conversation pace', () => {
  it('a post already waiting for its slot also waits out a 429 that arrives meanwhile', async () => {
    const delivery = createDelivery({ channelPace: { intervalMs: 100, burst: 1 } });
    await delivery.pace('C1');
    const started = Date.now();
    const second = delivery.pace('C1');
    // Another post in the channel is answered 429 while this one waits for its slot.
    delivery.hold('C1', 400);
    await second;
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });
});

describe('where a post to a person lands', () => {
  it('the newest people are always known, the oldest forgotten first', () => {
    const delivery = createDelivery();
    for (let i = 0; i <= 1_000; i += 1) delivery.landedIn(`U${i}`, `D${i}`);
    expect(delivery.conversationOf('U1000')).toBe('D1000');
    expect(delivery.conversationOf('U999')).toBe('D999');
    expect(delivery.conversationOf('U0')).toBe('U0');
  });
});
