import { crc32 } from 'node:zlib';
import type { IngestRoute } from '../schema.js';
import type { IngestEntry } from '../ingest-log.js';

/**
 * One record of the ingest journal: an accepted tracking request.
 *
 *     u32 LE  payload length
 *     u32 LE  CRC-32 of the payload
 *     payload: a JSON line [id, workspaceId, route, receivedAt, items, importedFrom?] + "\n" + body
 *
 * The CRC finds a record a crash cut short (its group was never acknowledged) and any damage.
 */
export const HEADER_BYTES = 8;
const NEWLINE = 0x0a;

/** Where a record's body lies in its segment file, with what the processor needs besides. */
export interface RecordLocation {
  id: number;
  workspaceId: string;
  route: IngestRoute;
  receivedAt: number;
  items: number;
  /** The `ingest_log` row this record was moved from (an upgrade from the table log). */
  importedFrom?: number;
  bodyOffset: number;
  bodyLength: number;
}

/**
 * The bytes of a record, as chunks to write in order (the body's own bytes when the entry has
 * them: they are not copied), and where its body starts.
 */
export function encodeRecord(
  id: number,
  entry: IngestEntry,
  importedFrom?: number,
): { chunks: Buffer[]; bytes: number; bodyStart: number } {
  const meta = [id, entry.workspaceId, entry.route, entry.receivedAt, entry.items];
  if (importedFrom !== undefined) meta.push(importedFrom);
  const line = `${JSON.stringify(meta)}\n`;
  const lineBytes = Buffer.byteLength(line);
  const head = Buffer.allocUnsafe(HEADER_BYTES + lineBytes);
  head.write(line, HEADER_BYTES, 'utf8');
  const body = entry.bytes ?? Buffer.from(entry.body, 'utf8');
  head.writeUInt32LE(lineBytes + body.length, 0);
  head.writeUInt32LE(crc32(body, crc32(head.subarray(HEADER_BYTES))), 4);
  return { chunks: [head, body], bytes: head.length + body.length, bodyStart: head.length };
}

/** What a scan of a segment's bytes found. */
export interface SegmentScan {
  records: RecordLocation[];
  /** Bytes of whole, intact records from the start; anything after is cut short or damaged. */
  validBytes: number;
}

/** Reads every intact record from the start of `bytes` (a whole segment file). */
export function scanRecords(bytes: Buffer): SegmentScan {
  const records: RecordLocation[] = [];
  let at = 0;
  while (at + HEADER_BYTES <= bytes.length) {
    const length = bytes.readUInt32LE(at);
    const start = at + HEADER_BYTES;
    const end = start + length;
    if (end > bytes.length) break;
    const payload = bytes.subarray(start, end);
    if (crc32(payload) !== bytes.readUInt32LE(at + 4)) break;
    const newline = payload.indexOf(NEWLINE);
    const meta = parseMeta(newline < 0 ? undefined : payload.toString('utf8', 0, newline));
    if (!meta) break;
    records.push({ ...meta, bodyOffset: start + newline + 1, bodyLength: length - newline - 1 });
    at = end;
  }
  return { records, validBytes: at };
}

type Meta = Omit<RecordLocation, 'bodyOffset' | 'bodyLength'>;

function parseMeta(line: string | undefined): Meta | undefined {
  if (line === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    if (!Array.isArray(value) || value.length < 5) return undefined;
    const [id, workspaceId, route, receivedAt, items, importedFrom] = value as unknown[];
    if (
      typeof id !== 'number' ||
      typeof workspaceId !== 'string' ||
      typeof route !== 'string' ||
      typeof receivedAt !== 'number' ||
      typeof items !== 'number'
    ) {
      return undefined;
    }
    return {
      id,
      workspaceId,
      route: route as IngestRoute,
      receivedAt,
      items,
      ...(typeof importedFrom === 'number' ? { importedFrom } : {}),
    };
  } catch {
    return undefined;
  }
}
