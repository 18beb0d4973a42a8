import { describe, expect, it } from 'vitest';
import {
  describeInteraction,
  interactionBody,
  interactionDraftOf,
  newInteraction,
} from './interactions.js';

describe('interaction conditions', () => {
  it('sends only what is set, and reads back what it sent', () => {
    const ever = interactionBody(newInteraction('msg_1'));
    expect(ever).toEqual({ type: 'message', messageId: 'msg_1', interaction: 'seen' });
    const windowed = interactionBody({
      ...newInteraction('msg_1'),
      interaction: 'clicked',
      negate: true,
      windowed: true,
      withinDays: 7,
    });
    expect(windowed).toEqual({
      type: 'message',
      messageId: 'msg_1',
      interaction: 'clicked',
      withinDays: 7,
      negate: true,
    });
    expect(interactionBody(interactionDraftOf(windowed))).toEqual(windowed);
  });

  it('says it in words, with the message’s name when known', () => {
    const names = new Map([['msg_1', 'Spring sale']]);
    expect(
      describeInteraction(
        { type: 'message', messageId: 'msg_1', interaction: 'converted', withinDays: 30 },
        names,
      ),
    ).toBe('has converted on “Spring sale” in the last 30 days');
    expect(
      describeInteraction(
        { type: 'message', messageId: 'msg_2', interaction: 'dismissed', negate: true },
        names,
      ),
    ).toBe('has not dismissed message msg_2');
  });
});
