/** The SDK's version, sent as `context.library.version` (a test keeps it equal to package.json). */
export const VERSION = '0.1.0';

/**
 * The page as it was when a call was made. The snippet's stub records the same shape (tagged
 * `__t: 'hpc'`) for calls made before the script loads, so replayed calls keep their own page.
 */
export interface PageSnapshot {
  /** location.href */
  u: string;
  /** document.referrer */
  r: string;
  /** document.title */
  t: string;
  /** Date.now() */
  d: number;
}

export interface PageProperties {
  path: string;
  referrer: string;
  search: string;
  title: string;
  url: string;
}

/** Captures the current page. */
export const snapshot = (): PageSnapshot => ({
  u: location.href,
  r: document.referrer,
  t: document.title,
  d: Date.now(),
});

/**
 * Whether `value` is a snapshot a stub appended to a buffered call: Herald's (`hpc`), or the
 * page context of Segment's snippet (`bpc`: `u`, `r`, `t` alike, no time), which
 * `fromSnapshot` turns into Herald's.
 */
export const isSnapshot = (value: unknown): boolean =>
  !!value && /^[hb]pc$/.test(String((value as { __t?: unknown }).__t));

/** The snapshot of a buffered call; Segment's has no time, so the call counts as made now. */
export const fromSnapshot = (value: PageSnapshot): PageSnapshot => ({
  u: value.u,
  r: value.r,
  t: value.t,
  d: value.d || Date.now(),
});

/** The page properties Segment-style tools expect; the URL loses its #fragment, as in Segment. */
export function pageProperties(page: PageSnapshot): PageProperties {
  const url = new URL(page.u);
  return {
    path: url.pathname,
    referrer: page.r,
    search: url.search,
    title: page.t,
    url: page.u.split('#')[0]!,
  };
}

/**
 * The `context` of every event: library, user agent, timezone, page, and the campaign from
 * `utm_*` parameters (the locale is the client's: core/locale.ts).
 *
 * @example
 * eventContext(snapshot()).page.path; // '/pricing'
 */
export function eventContext(page: PageSnapshot) {
  const properties = pageProperties(page);
  const campaign: Record<string, string> = {};
  new URLSearchParams(properties.search).forEach((value, key) => {
    if (key.startsWith('utm_')) campaign[key === 'utm_campaign' ? 'name' : key.slice(4)] = value;
  });
  let timezone: string | undefined;
  try {
    timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    // Old engines without Intl: the event goes without a timezone.
  }
  return {
    library: { name: 'herald.js', version: VERSION },
    userAgent: navigator.userAgent,
    timezone,
    page: properties,
    ...(Object.keys(campaign).length ? { campaign } : {}),
  };
}
