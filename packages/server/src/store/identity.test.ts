import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../test-support/databases.js';
import type { EventSubmission } from './events.js';
import { openStore, type Store } from './index.js';

type Call = Partial<EventSubmission['events'][number]> &
  Pick<EventSubmission['events'][number], 'type'>;

let counter = 0;
function event(call: Call): EventSubmission['events'][number] {
  counter += 1;
  return {
    message_id: `m${counter}`,
    name: null,
    user_id: null,
    anonymous_id: null,
    group_id: null,
    previous_id: null,
    properties: null,
    traits: null,
    context: null,
    integrations: null,
    timestamp: 1_700_000_000_000 + counter,
    original_timestamp: null,
    sent_at: null,
    received_at: 1_700_000_000_000 + counter,
    ...call,
  };
}

describeEachDialect('identity and the activity log', (dialect) => {
  let database: TestDatabase;
  let store: Store;
  let ws: string;
  const write = (...events: EventSubmission['events']) =>
    store.events.write({ workspaceId: ws, events });
  const person = async (userId: string) => {
    const id = await store.people.profileIdOf(ws, 'user', userId);
    return id ? store.people.get(ws, id) : undefined;
  };
  const activityOf = async (userId: string) => {
    const profileId = (await store.people.profileIdOf(ws, 'user', userId))!;
    return (await store.people.activity(ws, { profileId }, { limit: 100 })).data;
  };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = await openStore(database.options);
    ws = (await store.workspaces.create('People')).id;
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('identify links the anonymous ID and merges its earlier activity into the person', async () => {
    await write(
      event({ type: 'page', anonymous_id: 'anon-1', name: 'Pricing' }),
      event({ type: 'track', anonymous_id: 'anon-1', name: 'Clicked' }),
    );
    await write(
      event({
        type: 'identify',
        user_id: 'ann',
        anonymous_id: 'anon-1',
        traits: '{"email":"Ann@X.io","plan":"free"}',
      }),
    );
    expect(await person('ann')).toMatchObject({
      userId: 'ann',
      email: 'ann@x.io',
      traits: { email: 'Ann@X.io', plan: 'free' },
      anonymousIds: ['anon-1'],
    });
    expect((await activityOf('ann')).map((e) => e.type)).toEqual(['identify', 'track', 'page']);
  });

  it('merges several anonymous IDs into one profile and traits key by key', async () => {
    await write(event({ type: 'track', anonymous_id: 'anon-2', name: 'Phone visit' }));
    await write(
      event({
        type: 'identify',
        user_id: 'ann',
        anonymous_id: 'anon-2',
        traits: '{"plan":"pro","age":30}',
      }),
    );
    const ann = await person('ann');
    expect(ann?.anonymousIds.sort()).toEqual(['anon-1', 'anon-2']);
    expect(ann?.traits).toEqual({ email: 'Ann@X.io', plan: 'pro', age: 30 });
    expect((await activityOf('ann')).map((e) => e.event ?? e.name ?? e.type)).toContain(
      'Phone visit',
    );
  });

  it('keeps an anonymous ID with the first person it was linked to', async () => {
    await write(event({ type: 'identify', user_id: 'bob', anonymous_id: 'anon-1' }));
    expect((await person('bob'))?.anonymousIds).toEqual([]);
    expect((await person('ann'))?.anonymousIds).toContain('anon-1');
  });

  it('alias merges the previous profile into the new userId', async () => {
    await write(
      event({
        type: 'identify',
        user_id: 'old-id',
        anonymous_id: 'anon-3',
        traits: '{"a":1,"b":1}',
      }),
    );
    await write(event({ type: 'track', user_id: 'old-id', name: 'Legacy event' }));
    await write(event({ type: 'identify', user_id: 'new-id', traits: '{"b":2}' }));
    await write(event({ type: 'alias', user_id: 'new-id', previous_id: 'old-id' }));
    const merged = await person('new-id');
    expect(merged).toMatchObject({ userId: 'new-id', aliases: ['old-id'], traits: { a: 1, b: 2 } });
    expect(merged?.anonymousIds).toEqual(['anon-3']);
    // The old userId now resolves to the merged person, history included.
    expect((await person('old-id'))?.userId).toBe('new-id');
    expect((await activityOf('new-id')).map((e) => e.event)).toContain('Legacy event');
  });

  it('alias with an unknown previousId links it as an anonymous ID', async () => {
    await write(event({ type: 'track', anonymous_id: 'anon-4', name: 'Before alias' }));
    await write(event({ type: 'alias', user_id: 'carol', previous_id: 'anon-4' }));
    expect((await person('carol'))?.anonymousIds).toEqual(['anon-4']);
    expect((await activityOf('carol')).map((e) => e.event)).toContain('Before alias');
  });

  it('stores a messageId once, even sent twice in one batch or again later', async () => {
    await write(
      event({ type: 'track', user_id: 'dave', name: 'Once', message_id: 'dup-1' }),
      event({ type: 'track', user_id: 'dave', name: 'Twice', message_id: 'dup-1' }),
    );
    await write(event({ type: 'track', user_id: 'dave', name: 'Thrice', message_id: 'dup-1' }));
    expect((await activityOf('dave')).map((e) => e.event)).toEqual(['Once']);
  });

  it('pages through the activity newest first', async () => {
    for (let i = 0; i < 5; i++)
      await write(event({ type: 'track', user_id: 'erin', name: `e${i}` }));
    const profileId = (await store.people.profileIdOf(ws, 'user', 'erin'))!;
    const first = await store.people.activity(ws, { profileId }, { limit: 2 });
    const second = await store.people.activity(
      ws,
      { profileId },
      { limit: 2, before: first.next! },
    );
    const third = await store.people.activity(
      ws,
      { profileId },
      { limit: 2, before: second.next! },
    );
    expect([...first.data, ...second.data, ...third.data].map((e) => e.event)).toEqual([
      'e4',
      'e3',
      'e2',
      'e1',
      'e0',
    ]);
    expect(third.next).toBeNull();
  });

  it('erases a person: profile, identities and every event under every identifier', async () => {
    await write(event({ type: 'page', anonymous_id: 'anon-f', name: 'Landing' }));
    await write(event({ type: 'identify', user_id: 'frank', anonymous_id: 'anon-f' }));
    const profileId = (await store.people.profileIdOf(ws, 'user', 'frank'))!;
    const erased = await store.people.erase(ws, profileId);
    expect(erased.events).toBe(2);
    expect(await person('frank')).toBeUndefined();
    expect(await store.people.profileIdOf(ws, 'anonymous', 'anon-f')).toBeUndefined();
    const left = await store.people.activity(ws, { anonymousId: 'anon-f' }, { limit: 10 });
    expect(left.data).toEqual([]);
  });

  it('keeps workspaces apart', async () => {
    const other = (await store.workspaces.create('Other')).id;
    await store.events.write({
      workspaceId: other,
      events: [event({ type: 'identify', user_id: 'ann', traits: '{"secret":true}' })],
    });
    expect((await person('ann'))?.traits).not.toHaveProperty('secret');
    expect(await store.people.profileIdOf(other, 'anonymous', 'anon-1')).toBeUndefined();
  });
});
