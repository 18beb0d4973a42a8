import { mkdirSync, readdirSync, readFileSync, readSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RecordLocation, scanRecords } from './record.js';

/**
 * The journal's files: `<dataDir>/ingest/<first id, 16 digits>.journal`, appended in id order;
 * a new segment starts once the last one is big enough, and a segment whose every record is
 * applied is deleted. `LOCK` holds the pid of the process using the directory.
 */
export function journalDirectory(dataDir: string): string {
  return join(dataDir, 'ingest');
}

export function segmentFileName(firstId: number): string {
  return `${String(firstId).padStart(16, '0')}.journal`;
}

/** The segment files of `dir`, oldest first, with the id each starts at. */
export function listSegments(dir: string): Array<{ firstId: number; path: string }> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => /^\d{16}\.journal$/.test(name))
    .sort()
    .map((name) => ({ firstId: Number(name.slice(0, 16)), path: join(dir, name) }));
}

/** Every intact record of a segment file, and how many bytes of it they fill. */
export function scanSegmentFile(path: string): {
  records: RecordLocation[];
  validBytes: number;
  size: number;
} {
  const bytes = readFileSync(path);
  return { ...scanRecords(bytes), size: bytes.length };
}

/** Reads `length` bytes at `offset` of an open file, as UTF-8. */
export function readText(fd: number, offset: number, length: number): string {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const read = readSync(fd, buffer, done, length - done, offset + done);
    if (read === 0) throw new Error(`ingest journal: a record ends past the end of its file`);
    done += read;
  }
  return buffer.toString('utf8');
}

/** Directories this process has open, for two stores in one process. */
const openHere = new Set<string>();

/**
 * Takes `dir` for this process: the journal has one writer. A LOCK left by a process that is
 * gone (a crash, or this very pid in an earlier life, as in a container restarted as pid 1) is
 * taken over. Answers the release.
 */
export function lockDirectory(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  if (openHere.has(dir)) throw new JournalLockedError(dir, process.pid);
  const file = join(dir, 'LOCK');
  let holder: number | undefined;
  try {
    holder = Number(readFileSync(file, 'utf8').trim()) || undefined;
  } catch {
    // No lock yet.
  }
  if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
    throw new JournalLockedError(dir, holder);
  }
  writeFileSync(file, `${process.pid}\n`);
  openHere.add(dir);
  return () => {
    openHere.delete(dir);
    try {
      unlinkSync(file);
    } catch {
      // Already gone: nothing to release.
    }
  };
}

/** Whether `pid` may be a Herald still running: alive, and (where /proc tells) a Node process. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    // A pid taken over by some other program since the holder died is no holder.
    return /node|herald/i.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return true;
  }
}

export class JournalLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `${dir} is in use by another Herald process (pid ${pid}): on SQLite one process serves a ` +
        'data directory; run several nodes on PostgreSQL (docs/scaling.md). If no Herald ' +
        `runs there, delete ${join(dir, 'LOCK')}`,
    );
  }
}

/**
 * Every intact record of the journal in `dir` that is not applied yet, with its body, oldest
 * first. For tools and tests that look from the side (no lock is taken): `appliedThrough` is
 * `ingest_journal.applied_through`, read from the database before the files.
 */
export function readWaitingRecords(
  dir: string,
  appliedThrough: number,
): Array<RecordLocation & { body: string }> {
  const waiting: Array<RecordLocation & { body: string }> = [];
  for (const file of listSegments(dir)) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file.path);
    } catch (error) {
      // Applied and deleted since the listing.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    for (const record of scanRecords(bytes).records) {
      if (record.id <= appliedThrough) continue;
      const end = record.bodyOffset + record.bodyLength;
      waiting.push({ ...record, body: bytes.toString('utf8', record.bodyOffset, end) });
    }
  }
  return waiting;
}
