import { randomBytes } from 'node:crypto';
import { compilePageRules, type CompiledPageRules, inInbox, type Message } from '@herald/protocol';
import type { Store } from '../store/index.js';
import type { Workspace } from '../store/workspaces.js';
import type { ChangeBus } from './bus.js';
import { MessageContents } from './content.js';

/** A message ready to deliver: page rules compiled and contents prepared, once per version. */
export interface PreparedMessage {
  message: Message;
  launchedAt: number | null;
  startAt: number | null;
  endAt: number | null;
  pageRules: CompiledPageRules;
  /** Its content per variant and language (content.ts). */
  contents: MessageContents;
  /** In the inbox (inbox.ts): its topic, title and expiry (epoch ms). */
  inbox?: PreparedInbox;
  /**
   * What every visitor gets alike, serialised once, without its closing brace: the content,
   * the visitor's `deliveryId` and `state` are appended per answer.
   */
  head: string;
}

export interface PreparedInbox {
  topic: string | null;
  title: string | null;
  expiresAt: number | null;
  /** Only in the inbox: never shown on the page. */
  only: boolean;
}

/** A workspace's settings and active messages, as the delivery path reads them on every poll. */
export interface WorkspaceCatalogue {
  workspace: Workspace;
  /** Changes whenever the catalogue is reloaded: part of every ETag. */
  version: string;
  messages: PreparedMessage[];
  /** Some audience targets interactions "within N days": answers change with time alone. */
  windowed: boolean;
}

const MAX_AGE_MS = 60_000;

/**
 * Keeps each workspace's catalogue in memory, reloaded after a change to its messages or settings
 * (announced on the bus, by this node or another) and at the latest every minute.
 */
export class MessageCatalogue {
  private readonly cache = new Map<
    string,
    { loaded: number; value: Promise<WorkspaceCatalogue | undefined> }
  >();
  private readonly prepared = new Map<string, PreparedMessage>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: Store,
    bus: ChangeBus,
  ) {
    this.unsubscribe = bus.subscribe((change) => {
      if (change.kind === 'messages' || change.kind === 'workspace') {
        this.cache.delete(change.workspaceId);
      }
    });
  }

  /** The workspace's catalogue, or undefined when the workspace does not exist. */
  get(workspaceId: string): Promise<WorkspaceCatalogue | undefined> {
    const hit = this.cache.get(workspaceId);
    if (hit && Date.now() - hit.loaded < MAX_AGE_MS) return hit.value;
    const value = this.load(workspaceId);
    this.cache.set(workspaceId, { loaded: Date.now(), value });
    // A failed load must not be cached: the next request tries again.
    value.catch(() => this.cache.delete(workspaceId));
    return value;
  }

  /** Prepares any message (a test send may be a draft), cached per id and version. */
  prepare(message: Message): PreparedMessage {
    const key = `${message.id}@${message.version}@${message.updatedAt}`;
    const hit = this.prepared.get(key);
    if (hit) return hit;
    const at = (iso: string | null | undefined) => (iso ? Date.parse(iso) : null);
    const launchedAt = at(message.launchedAt);
    const endAt = at(message.schedule.endAt);
    const pageRules = compilePageRules(message.pageRules);
    const head = JSON.stringify({
      id: message.id,
      version: message.version,
      priority: message.priority,
      launchedAt,
      audience: message.audience.type,
      test: false,
      pageRules,
      frequency: message.frequency,
      endAt,
      ...(message.trigger ? { trigger: message.trigger } : {}),
    }).slice(0, -1);
    const result: PreparedMessage = {
      message,
      launchedAt,
      startAt: at(message.schedule.startAt),
      endAt,
      pageRules,
      contents: new MessageContents(message),
      head,
    };
    if (inInbox(message)) {
      result.inbox = {
        topic: message.inbox?.topic ?? null,
        title: message.inbox?.title ?? null,
        expiresAt: at(message.inbox?.expiresAt),
        only: message.display.type === 'inbox',
      };
    }
    if (this.prepared.size > 10_000) this.prepared.clear();
    this.prepared.set(key, result);
    return result;
  }

  close(): void {
    this.unsubscribe();
    this.cache.clear();
  }

  private async load(workspaceId: string): Promise<WorkspaceCatalogue | undefined> {
    const workspace = await this.store.workspaces.get(workspaceId);
    if (!workspace) return undefined;
    const messages = await this.store.messages.active(workspaceId);
    return {
      workspace,
      version: randomBytes(6).toString('base64url'),
      messages: messages.map((m) => this.prepare(m)),
      windowed: messages.some((m) =>
        m.audience.interactions?.some((c) => c.withinDays !== undefined),
      ),
    };
  }
}
