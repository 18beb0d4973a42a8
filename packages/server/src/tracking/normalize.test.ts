import { describe, expect, it } from 'vitest';
import { HeraldError } from '../errors.js';
import { batchDefaults, normalizeCall } from './normalize.js';

const NOW = Date.parse('2026-01-01T12:00:00.000Z');

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof HeraldError) return error.field;
    throw error;
  }
  return undefined;
}

describe('normalizeCall', () => {
  it('turns a track call into an event row', () => {
    const event = normalizeCall(
      { userId: 'u1', event: 'Signed Up', properties: { plan: 'pro' }, messageId: 'm1' },
      'track',
      NOW,
      {},
      'body',
    );
    expect(event).toMatchObject({
      type: 'track',
      name: 'Signed Up',
      user_id: 'u1',
      anonymous_id: null,
      message_id: 'm1',
      properties: '{"plan":"pro"}',
      timestamp: NOW,
      received_at: NOW,
    });
  });

  it('corrects the client clock: timestamp = receivedAt - (sentAt - timestamp)', () => {
    // The client clock runs an hour fast; the event happened 5 s before it was sent.
    const event = normalizeCall(
      {
        anonymousId: 'a',
        event: 'x',
        timestamp: '2026-01-01T13:00:00.000Z',
        sentAt: '2026-01-01T13:00:05.000Z',
      },
      'track',
      NOW,
      {},
      'body',
    );
    expect(event.timestamp).toBe(NOW - 5000);
    expect(event.original_timestamp).toBe(Date.parse('2026-01-01T13:00:00.000Z'));
  });

  it('takes sentAt, context and integrations from the batch, the call winning key by key', () => {
    const defaults = batchDefaults({
      sentAt: '2026-01-01T12:00:10.000Z',
      context: { library: { name: 'x' }, locale: 'fr' },
      integrations: { All: true },
    });
    const event = normalizeCall(
      {
        type: 'page',
        anonymousId: 'a',
        name: 'Home',
        timestamp: '2026-01-01T12:00:00.000Z',
        context: { locale: 'en' },
      },
      undefined,
      NOW,
      defaults,
      'batch.0',
    );
    expect(event.type).toBe('page');
    expect(event.name).toBe('Home');
    expect(event.timestamp).toBe(NOW - 10_000);
    expect(JSON.parse(event.context!)).toEqual({ library: { name: 'x' }, locale: 'en' });
    expect(JSON.parse(event.integrations!)).toEqual({ All: true });
  });

  it('accepts numeric ids as strings and generates a messageId when none is sent', () => {
    const event = normalizeCall({ userId: 42, traits: {} }, 'identify', NOW, {}, 'body');
    expect(event.user_id).toBe('42');
    expect(event.message_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('names the field of every invalid call', () => {
    const call = (input: unknown, type?: 'track' | 'group' | 'alias') =>
      fieldOf(() => normalizeCall(input, type, NOW, {}, type ? 'body' : 'batch.3'));
    expect(call({ event: 'x' }, 'track')).toBe('userId');
    expect(call({ userId: 'u' }, 'track')).toBe('event');
    expect(call({ userId: 'u', event: 'x', properties: [1] }, 'track')).toBe('properties');
    expect(call({ userId: 'u' }, 'group')).toBe('groupId');
    expect(call({ userId: 'u' }, 'alias')).toBe('previousId');
    expect(call({ anonymousId: 'a', previousId: 'p' }, 'alias')).toBe('userId');
    expect(call({ userId: 'u', type: 'explode' })).toBe('batch.3.type');
    expect(call({ type: 'track', userId: { a: 1 }, event: 'x' })).toBe('batch.3.userId');
    expect(call({ type: 'track', userId: 'u', event: 'x', timestamp: 'yesterday' })).toBe(
      'batch.3.timestamp',
    );
    expect(call({ type: 'track', userId: 'a\u0000b', event: 'x' })).toBe('batch.3.userId');
    expect(call('a string')).toBe('batch.3');
  });

  it('refuses a call over 32 KB', () => {
    const big = { anonymousId: 'a', event: 'x', properties: { blob: 'é'.repeat(17 * 1024) } };
    expect(() => normalizeCall(big, 'track', NOW, {}, 'batch.0')).toThrow(/larger than 32 KB/);
  });
});
