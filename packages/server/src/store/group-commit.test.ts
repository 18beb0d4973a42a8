import { describe, expect, it } from 'vitest';
import { GroupCommitter } from './group-commit.js';

describe('GroupCommitter', () => {
  it('commits concurrent submissions in one group', async () => {
    const groups: number[][] = [];
    const committer = new GroupCommitter<number>(async (items) => {
      groups.push(items);
    });
    await Promise.all([1, 2, 3].map((n) => committer.submit(n)));
    expect(groups).toEqual([[1, 2, 3]]);
  });

  it('resolves a submission only after its group is committed', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const committer = new GroupCommitter<number>(() => gate);
    let done = false;
    const submitted = committer.submit(1).then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toBe(false);
    release();
    await submitted;
    expect(done).toBe(true);
  });

  it('fails only the submission that cannot be committed', async () => {
    const committed: number[] = [];
    const committer = new GroupCommitter<number>(async (items) => {
      if (items.includes(2)) throw new Error('bad item');
      committed.push(...items);
    });
    const results = await Promise.allSettled([1, 2, 3].map((n) => committer.submit(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(committed.sort()).toEqual([1, 3]);
  });

  it('commits what is queued on close, then refuses new work', async () => {
    const committed: number[] = [];
    const committer = new GroupCommitter<number>(
      async (items) => {
        committed.push(...items);
      },
      { maxDelayMs: 1000 },
    );
    const pending = committer.submit(7);
    await committer.close();
    await pending;
    expect(committed).toEqual([7]);
    await expect(committer.submit(8)).rejects.toThrow(/closed/);
  });

  it('starts a group at once when it reaches maxGroupSize', async () => {
    const groups: number[][] = [];
    const committer = new GroupCommitter<number[]>(
      async (items) => {
        groups.push(items.flat());
      },
      { maxDelayMs: 10_000, maxGroupSize: 4, sizeOf: (batch) => batch.length },
    );
    await committer.submit([1, 2, 3, 4]);
    expect(groups).toEqual([[1, 2, 3, 4]]);
  });
});
