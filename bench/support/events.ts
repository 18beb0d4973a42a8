import { randomBytes, randomUUID } from 'node:crypto';

/** Calls in every `/v1/batch` request the benchmark sends. */
export const EVENTS_PER_BATCH = 100;

/**
 * Generates `/v1/batch` bodies shaped like what analytics.js (analytics-next) sends from a
 * browser: mostly anonymous `track` and `page` calls with properties and a browser context, plus
 * a few `identify` calls that carry userId, anonymousId and traits.
 *
 * Building and stringifying 100 events for every request would cost the load generator about as
 * much CPU as parsing them costs the server (both share this machine's 2 cores), so a pool of
 * batches is rendered once, each split at its messageIds. A request then only concatenates the
 * pieces around fresh messageIds: every messageId of the run is unique (otherwise Herald's dedupe
 * would make most of the run a no-op), and each one names the request that carried it, which is
 * how the durability check attributes stored rows to requests.
 */
export class BatchFactory {
  /** Each template is a rendered batch cut at its 100 messageIds: 101 pieces. */
  private readonly templates: string[][];
  /** Bytes of a rendered body, on average. */
  readonly averageBytes: number;

  /**
   * @param writeKey sent in the body, as analytics.js does (Basic auth is what server SDKs use)
   * @param runTag in every messageId: tells this run's events from any other run's
   */
  constructor(
    writeKey: string,
    readonly runTag: string,
    poolSize = 64,
  ) {
    const random = seededRandom(0x5eed);
    this.templates = Array.from({ length: poolSize }, () => renderTemplate(writeKey, random));
    let bytes = 0;
    for (let t = 0; t < poolSize; t++) bytes += Buffer.byteLength(this.body(t));
    this.averageBytes = Math.round(bytes / poolSize);
  }

  /** The prefix of every messageId of request `requestNo`. */
  messageIdPrefix(requestNo: number): string {
    return `ajs-next-${this.runTag}-${requestNo}-`;
  }

  /** The body of request `requestNo`; its messageIds are `<prefix><0..99>`. */
  body(requestNo: number): string {
    const pieces = this.templates[requestNo % this.templates.length]!;
    const prefix = this.messageIdPrefix(requestNo);
    let body = pieces[0]!;
    for (let i = 1; i < pieces.length; i++) body += prefix + (i - 1) + pieces[i]!;
    return body;
  }
}

/** A tag for {@link BatchFactory}: hex, so that messageIds stay parseable. */
export function newRunTag(): string {
  return randomBytes(6).toString('hex');
}

/**
 * Parses the request number out of a messageId made by {@link BatchFactory.body}, or returns
 * undefined for any other messageId.
 */
export function requestNoOf(runTag: string, messageId: string): number | undefined {
  const match = /^ajs-next-([0-9a-f]+)-(\d+)-\d+$/.exec(messageId);
  if (!match || match[1] !== runTag) return undefined;
  return Number(match[2]);
}

// ---------------------------------------------------------------------------------------------
// Rendering one template

const MARKER = '\u0001MID\u0001';

const PAGES = [
  { path: '/', title: 'Acme — Project management for small teams' },
  { path: '/pricing', title: 'Pricing — Acme' },
  { path: '/features/boards', title: 'Boards — Acme' },
  { path: '/blog/how-we-ship-weekly', title: 'How we ship every week — Acme blog' },
  { path: '/docs/getting-started', title: 'Getting started — Acme docs' },
  { path: '/app/projects', title: 'Projects — Acme' },
  { path: '/app/projects/42/board', title: 'Website relaunch — Acme' },
  { path: '/app/settings/billing', title: 'Billing — Acme' },
];

const TRACKS: Array<{ event: string; properties: (r: () => number) => Record<string, unknown> }> = [
  {
    event: 'Product Viewed',
    properties: (r) => ({
      product_id: `sku-${Math.floor(r() * 5000)}`,
      name: 'Team plan',
      category: 'plans',
      price: 29,
      currency: 'USD',
    }),
  },
  {
    event: 'Button Clicked',
    properties: (r) => ({
      label: r() < 0.5 ? 'Start free trial' : 'Book a demo',
      location: 'hero',
    }),
  },
  {
    event: 'Card Moved',
    properties: (r) => ({
      board_id: `b_${Math.floor(r() * 900)}`,
      from: 'In progress',
      to: 'Done',
      card_count: Math.floor(r() * 40),
    }),
  },
  {
    event: 'Search Performed',
    properties: (r) => ({ query: r() < 0.5 ? 'gantt chart' : 'invoice export', results: 12 }),
  },
  {
    event: 'Video Played',
    properties: () => ({ video_id: 'onboarding-2', position: 0, total_length: 214 }),
  },
];

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
];
const LOCALES = ['en-US', 'fr-FR', 'de-DE', 'en-GB', 'pt-BR'];
const TIMEZONES = ['America/New_York', 'Europe/Paris', 'Europe/Berlin', 'Europe/London'];

/** Visitors per batch: a batch mixes a few browsers' queues, each sending several calls. */
const VISITORS_PER_BATCH = 10;
/** Known users that identify calls name; repeats across batches, like returning customers. */
const KNOWN_USERS = 2000;

function renderTemplate(writeKey: string, random: () => number): string[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const sentAt = Date.now();
  const visitors = Array.from({ length: VISITORS_PER_BATCH }, () => ({
    anonymousId: randomUUID(),
    userAgent: pick(USER_AGENTS),
    locale: pick(LOCALES),
    timezone: pick(TIMEZONES),
  }));

  const batch: Array<Record<string, unknown>> = [];
  for (let i = 0; i < EVENTS_PER_BATCH; i++) {
    const visitor = visitors[i % VISITORS_PER_BATCH]!;
    const page = pick(PAGES);
    const context = {
      page: {
        path: page.path,
        referrer: random() < 0.3 ? 'https://www.google.com/' : '',
        search: random() < 0.2 ? '?utm_source=newsletter&utm_medium=email' : '',
        title: page.title,
        url: `https://acme.example${page.path}`,
      },
      userAgent: visitor.userAgent,
      locale: visitor.locale,
      library: { name: 'analytics.js', version: 'next-1.77.0' },
      timezone: visitor.timezone,
    };
    const common = {
      messageId: MARKER,
      timestamp: new Date(sentAt - (EVENTS_PER_BATCH - i) * 150).toISOString(),
      anonymousId: visitor.anonymousId,
      context,
      integrations: {},
      writeKey,
    };
    // 5% identify, 35% page, 60% track: most web traffic is anonymous browsing.
    const kind = i % 20 === 7 ? 'identify' : random() < 0.37 ? 'page' : 'track';
    if (kind === 'identify') {
      const n = Math.floor(random() * KNOWN_USERS);
      batch.push({
        ...common,
        type: 'identify',
        userId: `user_${n}`,
        traits: {
          email: `user${n}@example.com`,
          name: `User ${n}`,
          plan: random() < 0.3 ? 'team' : 'free',
          createdAt: '2024-03-01T10:00:00.000Z',
        },
      });
    } else if (kind === 'page') {
      batch.push({
        ...common,
        type: 'page',
        // analytics.page() sends the page's fields as properties as well as in the context.
        properties: { ...context.page },
      });
    } else {
      const track = pick(TRACKS);
      batch.push({
        ...common,
        type: 'track',
        event: track.event,
        properties: track.properties(random),
      });
    }
  }
  const json = JSON.stringify({ batch, sentAt: new Date(sentAt).toISOString(), writeKey });
  const pieces = json.split(JSON.stringify(MARKER).slice(1, -1));
  if (pieces.length !== EVENTS_PER_BATCH + 1) throw new Error('template has a stray marker');
  return pieces;
}

/** A small deterministic PRNG (mulberry32): every run sends the same mix of calls. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
