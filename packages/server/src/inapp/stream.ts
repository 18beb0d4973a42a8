import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { ChangeBus } from './bus.js';
import { STREAM_POLL_INTERVAL } from './delivery.js';

/**
 * Live pushes to open pages over Server-Sent Events. A connection costs one socket and a few
 * hundred bytes here: it carries only short `refresh` hints, after which the SDK fetches its
 * messages (an ETag round trip). A launch or an edit hints every page of the workspace; a change
 * to one visitor (a test send, a dismissal in another tab) hints only that visitor's pages.
 *
 * @example
 * hub.open(reply.raw, workspaceId, visitor.key); // after reply.hijack()
 */
export class StreamHub {
  /** workspace → visitor → open responses. */
  private readonly streams = new Map<string, Map<string, Set<ServerResponse>>>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private count = 0;
  private closed = false;
  /**
   * Event ids: this hub's boot nonce and a counter. A client that reconnects sends the last one
   * as `Last-Event-ID`; hints carry no content, so whatever it missed meanwhile (on this node or
   * on one that died) is made up by one `refresh`, whichever node it reaches.
   */
  private readonly idPrefix = randomBytes(4).toString('base64url');
  private nextId = 0;

  constructor(
    bus: ChangeBus,
    private readonly heartbeatMs = 25_000,
  ) {
    this.unsubscribe = bus.subscribe((change) => {
      const visitors = this.streams.get(change.workspaceId);
      if (!visitors) return;
      const id = this.newId();
      if (change.kind === 'visitor') {
        const responses = visitors.get(change.visitor);
        if (responses) for (const res of responses) this.send(res, 'refresh', '{}', id);
      } else {
        for (const responses of visitors.values()) {
          for (const res of responses) this.send(res, 'refresh', '{}', id);
        }
      }
    });
    // Comments keep proxies and load balancers from closing an idle stream.
    this.heartbeat = setInterval(() => this.broadcast(': heartbeat\n\n'), this.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Open streams on this node. */
  get size(): number {
    return this.count;
  }

  /** Takes over a raw response as an event stream until the client goes away. */
  open(res: ServerResponse, workspaceId: string, visitor: string): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'access-control-allow-origin': '*',
    });
    res.write(`retry: 3000\n`);
    this.send(res, 'hello', JSON.stringify({ pollInterval: STREAM_POLL_INTERVAL }));
    // A resumed stream (its node went away, or the connection dropped) may have missed hints.
    if (res.req.headers['last-event-id'] !== undefined) this.send(res, 'refresh', '{}');
    // A stream whose request began before the node started closing: it would hold the close
    // open for as long as the page stays. The page goes elsewhere, like those already open.
    if (this.closed) {
      this.send(res, 'reconnect', '{}', this.newId());
      res.end();
      return;
    }

    let visitors = this.streams.get(workspaceId);
    if (!visitors) this.streams.set(workspaceId, (visitors = new Map()));
    let responses = visitors.get(visitor);
    if (!responses) visitors.set(visitor, (responses = new Set()));
    responses.add(res);
    this.count += 1;

    res.on('close', () => {
      responses.delete(res);
      this.count -= 1;
      if (responses.size === 0) visitors.delete(visitor);
      if (visitors.size === 0) this.streams.delete(workspaceId);
    });
  }

  /** Tells every open page to reconnect (to another node) and ends the streams. */
  close(): void {
    this.closed = true;
    this.unsubscribe();
    clearInterval(this.heartbeat);
    const id = this.newId();
    for (const visitors of this.streams.values()) {
      for (const responses of visitors.values()) {
        for (const res of responses) {
          this.send(res, 'reconnect', '{}', id);
          res.end();
        }
      }
    }
    this.streams.clear();
  }

  private broadcast(chunk: string): void {
    for (const visitors of this.streams.values()) {
      for (const responses of visitors.values()) for (const res of responses) res.write(chunk);
    }
  }

  private newId(): string {
    return `${this.idPrefix}.${(this.nextId++).toString(36)}`;
  }

  /** One event; a hint sent to many streams shares one id, formatted once. */
  private send(res: ServerResponse, event: string, data: string, id = this.newId()): void {
    res.write(`id: ${id}\nevent: ${event}\ndata: ${data}\n\n`);
  }
}
