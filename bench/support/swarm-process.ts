import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { StreamSwarm } from './streams.js';

/**
 * A {@link StreamSwarm} in a child process of its own: one process may hold fewer sockets than
 * its file limit allows (often 20,000), and a cluster bench holds 10,000 streams per node. The
 * parent tells it what to open and waits for its answers over IPC.
 *
 * @example
 * const swarm = await SwarmProcess.start();
 * await swarm.open(`${node.url}/v1/in-app/stream?writeKey=…&anonymousId=s`, 10_000, 1000);
 * await swarm.refreshes(10_000); // one launch later
 * await swarm.close();
 */
export class SwarmProcess {
  private constructor(private readonly child: ChildProcess) {}

  static async start(): Promise<SwarmProcess> {
    const child = fork(fileURLToPath(import.meta.url), ['--worker'], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('error', reject);
    });
    return new SwarmProcess(child);
  }

  /** Opens `count` streams at `prefix` + (i % visitors); resolves once each has said hello. */
  open(prefix: string, count: number, visitors: number): Promise<void> {
    return this.ask({ open: { prefix, count, visitors } });
  }

  /** Resolves once `total` refresh events have arrived across this process's streams. */
  refreshes(total: number): Promise<void> {
    return this.ask({ refreshes: total });
  }

  async close(): Promise<void> {
    await this.ask({ close: true });
  }

  private ask(request: WorkerRequest): Promise<void> {
    return new Promise((resolve, reject) => {
      this.child.once('message', (reply: { error?: string }) =>
        reply.error ? reject(new Error(reply.error)) : resolve(),
      );
      this.child.send(request);
    });
  }
}

type WorkerRequest =
  | { open: { prefix: string; count: number; visitors: number } }
  | { refreshes: number }
  | { close: true };

/** The child's side: one swarm, one request at a time. */
function serve(): void {
  const swarm = new StreamSwarm();
  const reply = (error?: unknown) =>
    process.send!(error === undefined ? {} : { error: String((error as Error).message ?? error) });
  process.on('message', (request: WorkerRequest) => {
    if ('open' in request) {
      const { prefix, count, visitors } = request.open;
      swarm.open((i) => `${prefix}${i % visitors}`, count).then(() => reply(), reply);
    } else if ('refreshes' in request) {
      swarm.refreshes(request.refreshes).then(() => reply(), reply);
    } else {
      swarm.close();
      reply();
      process.disconnect();
    }
  });
  reply();
}

if (process.argv.includes('--worker')) serve();
