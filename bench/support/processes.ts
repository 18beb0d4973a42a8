import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Everything the benchmark starts or creates, so that it is all undone however the run ends:
 * normally, by an exception, or by Ctrl-C. Only processes started here are signalled, by pid.
 */
export class Cleanup {
  private readonly children = new Set<ChildProcess>();
  private readonly dirs = new Set<string>();
  private readonly tasks: Array<() => Promise<void>> = [];

  constructor() {
    const onSignal = (signal: NodeJS.Signals) => {
      process.stderr.write(`\n${signal}: stopping the servers and removing temp files…\n`);
      void this.run().finally(() => process.exit(130));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    // Last resort if the process dies some other way: synchronous kills and deletes only.
    process.once('exit', () => {
      for (const child of this.children) if (isRunning(child)) child.kill('SIGKILL');
      for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
    });
  }

  /** A fresh temporary directory, removed at cleanup. */
  tempDir(prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    this.dirs.add(dir);
    return dir;
  }

  track(child: ChildProcess): void {
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
  }

  /** An asynchronous undo step (dropping a PostgreSQL database), run at cleanup. */
  onCleanup(task: () => Promise<void>): void {
    this.tasks.push(task);
  }

  async run(): Promise<void> {
    await Promise.all([...this.children].map((child) => stopProcess(child, 5_000)));
    for (const task of this.tasks.splice(0).reverse()) {
      try {
        await task();
      } catch (error) {
        process.stderr.write(`cleanup step failed: ${(error as Error).message}\n`);
      }
    }
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
    this.dirs.clear();
  }
}

/** A server child process and the last lines it wrote, to show if it fails. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/**
 * Starts `node <args>` with `env` on a free port and waits until `GET /healthz` answers 200.
 * The child's output is kept (not printed) unless it fails, so that the table stays readable.
 */
export async function startServer(
  name: string,
  nodeArgs: string[],
  env: Record<string, string>,
  cleanup: Cleanup,
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, nodeArgs, {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanup.track(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (!isRunning(child)) break;
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return { child, url, output: () => output };
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  await stopProcess(child, 1_000);
  throw new Error(`${name} did not start (exit code ${child.exitCode}). Its output:\n${output}`);
}

/**
 * Sends SIGTERM and waits for the exit (Herald finishes in-flight requests and commits what is
 * queued first); SIGKILL after `graceMs`. Resolves with the exit code, or null if killed.
 */
export async function stopProcess(child: ChildProcess, graceMs: number): Promise<number | null> {
  if (!isRunning(child)) return child.exitCode;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** A port nobody listens on right now (the OS picks it; the child binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
