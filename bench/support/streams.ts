import { Agent, get, type IncomingMessage } from 'node:http';

/**
 * Many Server-Sent Events streams held open by one process, as thousands of browser tabs would,
 * counting the `refresh` events they receive. Plain node:http, no EventSource polyfill: the
 * benchmark measures the server, so the client stays as cheap as possible.
 */
export class StreamSwarm {
  private readonly responses: IncomingMessage[] = [];
  private readonly agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  private refreshed = 0;
  private waiter: (() => void) | undefined;
  private target = 0;

  /** Opens `count` streams, `concurrency` at a time; resolves when each has said hello. */
  async open(urlFor: (i: number) => string, count: number, concurrency = 200): Promise<void> {
    let next = 0;
    const openOne = (i: number) =>
      new Promise<void>((resolve, reject) => {
        const request = get(urlFor(i), { agent: this.agent }, (response) => {
          if (response.statusCode !== 200) {
            reject(new Error(`stream ${i} answered ${response.statusCode}`));
            response.resume();
            return;
          }
          this.responses.push(response);
          let buffer = '';
          let greeted = false;
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            buffer += chunk;
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const event = /^event: (.+)$/m.exec(buffer.slice(0, end))?.[1];
              buffer = buffer.slice(end + 2);
              if (event === 'hello' && !greeted) {
                greeted = true;
                resolve();
              } else if (event === 'refresh') {
                this.refreshed += 1;
                if (this.refreshed >= this.target) this.waiter?.();
              }
            }
          });
        });
        request.on('error', reject);
      });
    const workers = Array.from({ length: concurrency }, async () => {
      while (next < count) await openOne(next++);
    });
    await Promise.all(workers);
  }

  get size(): number {
    return this.responses.length;
  }

  /** Resolves once `total` refresh events have arrived across all streams. */
  refreshes(total: number): Promise<void> {
    this.target = total;
    if (this.refreshed >= total) return Promise.resolve();
    return new Promise((resolve) => (this.waiter = resolve));
  }

  close(): void {
    for (const response of this.responses) response.destroy();
    this.agent.destroy();
  }
}
