import { fdatasync, mkdtempSync, rmSync, statSync, writev } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IngestEntry } from '../ingest-log.js';
import { type DiskWrites, type JournalRecord, SegmentAppender } from './segment-appender.js';
import { readText } from './segments.js';

const realWrite = promisify(writev);
const realSync = promisify(fdatasync);

const request = (n: number): { entry: IngestEntry } => ({
  entry: { workspaceId: 'ws', route: 'track', receivedAt: n, body: `{"n":${n}}`, items: 1 },
});

/** Appends in flight at once, and what a failure among them does to the file. */
describe('SegmentAppender', () => {
  let dir: string;
  const appenders: SegmentAppender[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'herald-journal-'));
  });
  afterEach(() => {
    for (const appender of appenders.splice(0)) appender.closeFiles();
    rmSync(dir, { recursive: true, force: true });
  });

  const appender = (io?: DiskWrites) => {
    const durable: number[] = [];
    const created = new SegmentAppender(dir, {
      segmentBytes: 1 << 20,
      retireAfterMs: 10_000,
      onDurable: (records) => durable.push(...records.map((r) => r.id)),
      ...(io ? { io } : {}),
    });
    appenders.push(created);
    return { appender: created, durable };
  };
  const bodies = (records: JournalRecord[]) =>
    records.map((r) => readText(r.segment.fd, r.bodyOffset, r.bodyLength));

  /** Real writes, but the first group written at `position` waits for `gate` (and may fail). */
  const slowAt = (position: number, gate: Promise<void>, fail = false): DiskWrites => {
    let done = false;
    return {
      write: async (fd, buffers, at) => {
        if (at !== position || done) return realWrite(fd, buffers, at);
        done = true;
        await gate;
        if (fail) throw new Error('EIO: the disk said no');
        return realWrite(fd, buffers, at);
      },
      sync: realSync,
    };
  };
  const gate = () => {
    let open!: () => void;
    const promise = new Promise<void>((resolve) => (open = resolve));
    return { promise, open };
  };

  it('acknowledges groups in order, even when a later one reaches the disk first', async () => {
    const first = gate();
    const { appender: journal, durable } = appender(slowAt(0, first.promise));
    journal.recover(0);
    const one = journal.append([request(1), request(2)]);
    const two = journal.append([request(3)]);
    const settled: string[] = [];
    void one.then(() => settled.push('one'));
    void two.then(() => settled.push('two'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(settled).toEqual([]);
    first.open();
    expect(bodies(await two)).toEqual(['{"n":3}']);
    expect(settled).toEqual(['one', 'two']);
    expect(durable).toEqual([1, 2, 3]);
  });

  it('fails the groups after a failed one, cuts the file back, and goes on after it', async () => {
    const failing = gate();
    const firstBytes = 8 + Buffer.byteLength(`[1,"ws","track",1,1]\n{"n":1}`);
    const { appender: journal, durable } = appender(slowAt(firstBytes, failing.promise, true));
    journal.recover(0);
    await journal.append([request(1)]);
    const file = journal.segments[0]!.path;
    expect(statSync(file).size).toBe(firstBytes);
    const broken = journal.append([request(2)]);
    // On the disk before the failing group, but after it in the file: not acknowledged either.
    const behind = journal.append([request(3)]);
    const outcome = Promise.allSettled([broken, behind]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(statSync(file).size).toBeGreaterThan(firstBytes);
    failing.open();
    const [a, b] = await outcome;
    expect((a as PromiseRejectedResult).reason.message).toMatch(/EIO/);
    expect((b as PromiseRejectedResult).reason.message).toMatch(/earlier write failed/);
    expect(statSync(file).size).toBe(firstBytes);

    // Appends go on from the cut, with the ids the failed groups did not keep.
    const retried = await journal.append([request(4)]);
    expect(retried.map((r) => r.id)).toEqual([2]);
    expect(durable).toEqual([1, 2]);

    // A restart reads exactly what was acknowledged.
    journal.closeFiles();
    const again = appender().appender;
    expect(bodies(again.recover(0))).toEqual(['{"n":1}', '{"n":4}']);
  });
});
