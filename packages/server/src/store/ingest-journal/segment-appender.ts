import {
  close,
  closeSync,
  fdatasync,
  fsync,
  ftruncateSync,
  open,
  openSync,
  unlink,
  unlinkSync,
  writev,
} from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { IngestEntry } from '../ingest-log.js';
import { encodeRecord, type RecordLocation } from './record.js';
import { listSegments, scanSegmentFile, segmentFileName } from './segments.js';

const openFile = promisify(open);
const closeFile = promisify(close);
const writeBuffers = promisify(writev);
const syncData = promisify(fdatasync);
const syncFile = promisify(fsync);
const removeFile = promisify(unlink);

/** One file of the journal, open for appends (the last) or for reading back bodies. */
export interface Segment {
  firstId: number;
  path: string;
  fd: number;
  size: number;
  /** The last record's id; `firstId - 1` while it holds none. */
  lastId: number;
  /** When this process started (or found) it. */
  openedAt: number;
}

/** A record on disk: where to read its body back. */
export interface JournalRecord extends RecordLocation {
  segment: Segment;
}

export interface AppendRequest {
  entry: IngestEntry;
  /** The `ingest_log` row the request is moved from (an upgrade). */
  importedFrom?: number;
}

export interface SegmentAppenderOptions {
  segmentBytes: number;
  retireAfterMs: number;
  /** Called with each group's records once durable, in id order, before its append resolves. */
  onDurable: (records: JournalRecord[]) => void;
  /** The disk writes, replaceable by tests that make them fail. Default: `node:fs`. */
  io?: DiskWrites;
}

export interface DiskWrites {
  write(fd: number, buffers: Buffer[], position: number): Promise<{ bytesWritten: number }>;
  sync(fd: number): Promise<void>;
}

const FS_WRITES: DiskWrites = { write: writeBuffers, sync: syncData };

/** Where the file is cut back to after a failed group: the start of the earliest one. */
interface Cut {
  segment: Segment;
  size: number;
  nextId: number;
}

/**
 * The journal's files, written: groups of records appended at the end of the last segment, each
 * with one `writev` and one `fdatasync` on the thread pool. Several groups may be on their way to
 * the disk at once (their places in the file are reserved in order); each is acknowledged only
 * after every group before it, so what is acknowledged is always a prefix of the file. A failed
 * group fails those after it too, and once none is in flight the file is cut back to its start;
 * appends wait for that, then go on (the failed requests are retried by the group committer).
 */
export class SegmentAppender {
  readonly segments: Segment[] = [];
  private nextId = 1;
  private inFlight = 0;
  /** Settles with `true` if it failed, once the last group started has been decided. */
  private lastGroup: Promise<boolean> = Promise.resolve(false);
  private cut: Cut | undefined;
  private recovering: Promise<void> | undefined;
  private endRecovery: (() => void) | undefined;
  private rotating: Promise<void> | undefined;
  /** Set when the journal's end on disk is no longer known: appends are refused from then on. */
  private broken: Error | undefined;

  constructor(
    private readonly dir: string,
    private readonly options: SegmentAppenderOptions,
  ) {}

  /**
   * Reads the segment files at start: answers the records after `appliedThrough`, cuts off a
   * group a crash left half written (it was never acknowledged), deletes what is all applied.
   */
  recover(appliedThrough: number): JournalRecord[] {
    const waiting: JournalRecord[] = [];
    this.nextId = appliedThrough + 1;
    const files = listSegments(this.dir);
    for (const [index, file] of files.entries()) {
      const scan = scanSegmentFile(file.path);
      const last = index === files.length - 1;
      if (scan.validBytes < scan.size && !last) {
        throw new Error(
          `ingest journal: ${file.path} is damaged at byte ${scan.validBytes}; move it aside ` +
            'to start (the requests after that point are lost)',
        );
      }
      const lastId = scan.records.at(-1)?.id ?? file.firstId - 1;
      if (!last && lastId <= appliedThrough) {
        unlinkSync(file.path);
        continue;
      }
      const fd = openSync(file.path, 'r+');
      if (scan.validBytes < scan.size) ftruncateSync(fd, scan.validBytes);
      const segment: Segment = { ...file, fd, size: scan.validBytes, lastId, openedAt: Date.now() };
      this.segments.push(segment);
      for (const record of scan.records) {
        if (record.id > appliedThrough) waiting.push({ ...record, segment });
      }
      this.nextId = Math.max(this.nextId, lastId + 1);
    }
    return waiting;
  }

  /** Appends `group` durably; answers its records (ids in order) once it and all before are. */
  async append(group: AppendRequest[]): Promise<JournalRecord[]> {
    const segment = await this.lastSegment();
    // From here to the reservation nothing awaits: places in the file are handed out in order.
    const start = segment.size;
    const firstId = this.nextId;
    const buffers: Buffer[] = [];
    const records: JournalRecord[] = [];
    let offset = start;
    for (const [i, { entry, importedFrom }] of group.entries()) {
      const { chunks, bytes, bodyStart } = encodeRecord(firstId + i, entry, importedFrom);
      for (const chunk of chunks) buffers.push(chunk);
      const { workspaceId, route, receivedAt, items } = entry;
      const bodyOffset = offset + bodyStart;
      records.push({
        id: firstId + i,
        workspaceId,
        route,
        receivedAt,
        items,
        segment,
        bodyOffset,
        bodyLength: bytes - bodyStart,
      });
      offset += bytes;
    }
    segment.size = offset;
    segment.lastId = firstId + group.length - 1;
    this.nextId = firstId + group.length;
    const before = this.lastGroup;
    let decided!: (failed: boolean) => void;
    this.lastGroup = new Promise((resolve) => (decided = resolve));
    this.inFlight++;

    let failure: unknown;
    try {
      const io = this.options.io ?? FS_WRITES;
      const { bytesWritten } = await io.write(segment.fd, buffers, start);
      if (bytesWritten !== offset - start) throw new Error('ingest journal: short write');
      await io.sync(segment.fd);
    } catch (error) {
      failure = error;
    }
    const earlierFailed = await before;
    this.inFlight--;
    if (failure === undefined && !earlierFailed) {
      this.options.onDurable(records);
      decided(false);
      return records;
    }
    // Groups are decided in order: the first to fail here is the earliest, where the file is cut.
    if (!this.cut) {
      this.cut = { segment, size: start, nextId: firstId };
      this.recovering = new Promise((resolve) => (this.endRecovery = resolve));
    }
    decided(true);
    if (this.inFlight === 0) this.cutBack(failure);
    throw failure ?? new Error('ingest journal: an earlier write failed');
  }

  /**
   * Deletes segments whose every record is applied (`through`). The last one goes only once it
   * is old enough and nothing is being written to it: the next append starts a new one.
   */
  retire(through: number): void {
    const now = Date.now();
    while (this.segments.length > 0 && this.retirable(through, now)) {
      const segment = this.segments.shift()!;
      // A leftover (a crash before the unlink) would only be scanned and dropped at the next start.
      void closeFile(segment.fd)
        .then(() => removeFile(segment.path))
        .catch(() => {});
    }
  }

  /** Whether {@link retire} would delete a segment. */
  retirable(through: number, now = Date.now()): boolean {
    const segment = this.segments[0];
    if (!segment || segment.lastId > through) return false;
    if (this.segments.length > 1) return true;
    const young = now - segment.openedAt < this.options.retireAfterMs;
    return this.inFlight === 0 && !this.rotating && !young && segment.size > 0;
  }

  closeFiles(): void {
    for (const segment of this.segments.splice(0)) {
      try {
        closeSync(segment.fd);
      } catch {
        // Closed already.
      }
    }
  }

  /** The segment to append to: after a failure's cut, and a new one once the last is full. */
  private async lastSegment(): Promise<Segment> {
    for (;;) {
      if (this.broken) throw this.broken;
      if (this.recovering) {
        await this.recovering;
        continue;
      }
      if (this.rotating) {
        await this.rotating;
        continue;
      }
      const last = this.segments.at(-1);
      if (last && last.size < this.options.segmentBytes) return last;
      // Groups on their way to the old segment are decided before the new one starts.
      if (this.inFlight > 0) {
        await this.lastGroup;
        continue;
      }
      this.rotating = this.startSegment().finally(() => {
        this.rotating = undefined;
      });
    }
  }

  private async startSegment(): Promise<void> {
    const path = join(this.dir, segmentFileName(this.nextId));
    const fd = await openFile(path, 'wx+');
    // The new file's name must survive a crash as surely as the records written into it.
    const dir = await openFile(this.dir, 'r');
    try {
      await syncFile(dir);
    } finally {
      await closeFile(dir);
    }
    const firstId = this.nextId;
    this.segments.push({ firstId, path, fd, size: 0, lastId: firstId - 1, openedAt: Date.now() });
  }

  /** Once no group is in flight after a failure: cuts the file back, or stops appending. */
  private cutBack(cause: unknown): void {
    const cut = this.cut!;
    try {
      ftruncateSync(cut.segment.fd, cut.size);
      cut.segment.size = cut.size;
      cut.segment.lastId = cut.nextId - 1;
      this.nextId = cut.nextId;
    } catch {
      this.broken = new Error('ingest journal: a failed write could not be undone', { cause });
    }
    this.cut = undefined;
    this.lastGroup = Promise.resolve(false);
    this.recovering = undefined;
    this.endRecovery?.();
  }
}
