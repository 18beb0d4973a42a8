import { describe, expect, it } from 'vitest';
import { encodeRecord, HEADER_BYTES, scanRecords } from './record.js';

const encode = (...args: Parameters<typeof encodeRecord>) =>
  Buffer.concat(encodeRecord(...args).chunks);

const entry = (body: string) => ({
  workspaceId: 'ws_1',
  route: 'batch' as const,
  receivedAt: 1_700_000_000_000,
  body,
  items: 2,
});

describe('journal records', () => {
  it('reads back what was written, bodies byte for byte', () => {
    const bodies = ['{"batch":[]}', '{"name":"Zoë ✓ 日本 🎉","note":"a\\nb"}', ''];
    const bytes = Buffer.concat(
      bodies.map((body, i) =>
        encode(
          i + 1,
          i === 2 ? { ...entry(body), bytes: Buffer.from(body) } : entry(body),
          i === 1 ? 42 : undefined,
        ),
      ),
    );
    const scan = scanRecords(bytes);
    expect(scan.validBytes).toBe(bytes.length);
    expect(
      scan.records.map((r) => bytes.toString('utf8', r.bodyOffset, r.bodyOffset + r.bodyLength)),
    ).toEqual(bodies);
    expect(scan.records[1]).toMatchObject({
      id: 2,
      workspaceId: 'ws_1',
      route: 'batch',
      items: 2,
      importedFrom: 42,
    });
    expect(scan.records[0]!.importedFrom).toBeUndefined();
  });

  it('stops at a record a crash cut short', () => {
    const first = encode(1, entry('{"a":1}'));
    const second = encode(2, entry('{"b":2}'));
    for (const cut of [1, HEADER_BYTES - 1, HEADER_BYTES + 3, second.length - 1]) {
      const scan = scanRecords(Buffer.concat([first, second.subarray(0, cut)]));
      expect(scan.records.map((r) => r.id)).toEqual([1]);
      expect(scan.validBytes).toBe(first.length);
    }
  });

  it('stops at a damaged record', () => {
    const first = encode(1, entry('{"a":1}'));
    const second = Buffer.from(encode(2, entry('{"b":2}')));
    second.writeUInt8(second.at(-2)! ^ 0x20, second.length - 2);
    const scan = scanRecords(Buffer.concat([first, second]));
    expect(scan.records.map((r) => r.id)).toEqual([1]);
  });
});
