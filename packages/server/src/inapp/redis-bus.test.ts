import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { clusterUnavailable, TEST_REDIS_URL } from '../test-support/cluster.js';
import type { Change } from './bus.js';
import { RedisBus } from './redis-bus.js';

const redisDown = clusterUnavailable?.startsWith('no Redis') ? clusterUnavailable : undefined;

describe.skipIf(redisDown)(`RedisBus${redisDown ? ` (skipped: ${redisDown})` : ''}`, () => {
  const opened: Array<{ close(): Promise<unknown> | void }> = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((o) => o.close()));
  });
  const connect = async (channel: string, onResync?: () => void) => {
    const bus = await RedisBus.connect(TEST_REDIS_URL, {
      channel,
      ...(onResync ? { onResync } : {}),
    });
    opened.push(bus);
    return bus;
  };
  const collect = (bus: RedisBus) => {
    const seen: Change[] = [];
    bus.subscribe((change) => seen.push(change));
    return seen;
  };
  /** Resolves once `list` holds `n` items. */
  const until = async (list: unknown[], n: number) => {
    while (list.length < n) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it('delivers each change once on every node, its own included', async () => {
    const channel = `herald:test:${randomUUID()}`;
    const [one, two] = [await connect(channel), await connect(channel)];
    const [seenOne, seenTwo] = [collect(one), collect(two)];
    const change: Change = { kind: 'visitor', workspaceId: 'ws_1', visitor: 'a:x' };
    one.publish(change);
    // Local delivery is synchronous, like the in-process bus.
    expect(seenOne).toEqual([change]);
    await until(seenTwo, 1);
    two.publish({ kind: 'messages', workspaceId: 'ws_1' });
    await until(seenOne, 2);
    // A marker through the channel: once it arrived, any echo would have too.
    one.publish({ kind: 'workspace', workspaceId: 'marker' });
    await until(seenTwo, 3);
    expect(seenOne).toEqual([
      change,
      { kind: 'messages', workspaceId: 'ws_1' },
      { kind: 'workspace', workspaceId: 'marker' },
    ]);
    expect(seenTwo).toEqual(seenOne);
    expect(one.counts).toEqual({ published: 2, received: 1 });
  });

  it('ignores what is not a change, from other programs on the channel', async () => {
    const channel = `herald:test:${randomUUID()}`;
    const bus = await connect(channel);
    const seen = collect(bus);
    const other = new Redis(TEST_REDIS_URL);
    opened.push({ close: () => other.quit() });
    for (const junk of [
      'not json',
      '{}',
      '{"from":"x","change":{"kind":"drop","workspaceId":"w"}}',
    ]) {
      await other.publish(channel, junk);
    }
    await other.publish(
      channel,
      JSON.stringify({ from: 'x', change: { kind: 'messages', workspaceId: 'w' } }),
    );
    await until(seen, 1);
    expect(seen).toEqual([{ kind: 'messages', workspaceId: 'w' }]);
  });

  it('resyncs after its subscription was cut: changes meanwhile were lost', async () => {
    const channel = `herald:test:${randomUUID()}`;
    const resyncs: number[] = [];
    const bus = await connect(channel, () => resyncs.push(Date.now()));
    const admin = new Redis(TEST_REDIS_URL);
    opened.push({ close: () => admin.quit() });
    const list = (await admin.client('LIST')) as string;
    const line = list.split('\n').find((l) => l.includes(`name=herald-sub-${bus.nodeId}`))!;
    const id = /\bid=(\d+)/.exec(line)![1]!;
    await admin.client('KILL', 'ID', id);
    await until(resyncs, 1);
    // Subscribed again: changes from others arrive.
    const seen = collect(bus);
    await admin.publish(
      channel,
      JSON.stringify({ from: 'x', change: { kind: 'messages', workspaceId: 'w' } }),
    );
    await until(seen, 1);
  });
});
