import type { Trigger, TriggerCondition } from '@herald/protocol';

/** One condition in words: "after 5 seconds on the page". */
export function conditionInWords(condition: TriggerCondition): string {
  switch (condition.type) {
    case 'pageLoad':
      return 'as soon as the page loads';
    case 'delay':
      return `after ${condition.seconds} second${condition.seconds === 1 ? '' : 's'} on the page`;
    case 'scroll':
      return `once the page is scrolled ${condition.percent}% down`;
    case 'exitIntent':
      return 'when the visitor is about to leave';
    case 'click':
      return `on a click on ${condition.selector || '…'}`;
    case 'event': {
      const filters = Object.entries(condition.properties ?? {}).map(
        ([key, value]) => `${key} = ${JSON.stringify(value)}`,
      );
      const event = `when “${condition.event || '…'}” is tracked on the page`;
      return filters.length ? `${event} with ${filters.join(', ')}` : event;
    }
  }
}

/**
 * When a message appears, in words, for the rule tester and the message's summary: "after 5
 * seconds on the page and once the page is scrolled 50% down".
 */
export function triggerInWords(trigger: Trigger | undefined): string {
  const conditions = trigger?.conditions ?? [];
  if (conditions.length === 0) return 'as soon as the page loads';
  const words = conditions.map(conditionInWords);
  const last = words.pop()!;
  if (words.length === 0) return last;
  return `${words.join(', ')} ${trigger!.match === 'any' ? 'or' : 'and'} ${last}`;
}

/** "plan=pro, qty=2" → { plan: 'pro', qty: 2 }: numbers and true/false as such. */
export function parseFilters(text: string): Record<string, string | number | boolean> {
  const filters: Record<string, string | number | boolean> = {};
  for (const pair of text.split(',')) {
    const at = pair.indexOf('=');
    if (at < 0) continue;
    const key = pair.slice(0, at).trim();
    if (!key) continue;
    const raw = pair.slice(at + 1).trim();
    filters[key] =
      raw === 'true' ? true : raw === 'false' ? false : raw !== '' && !isNaN(+raw) ? +raw : raw;
  }
  return filters;
}

/** The filters as the field shows them. */
export const filtersText = (filters: Record<string, unknown> | undefined) =>
  Object.entries(filters ?? {})
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(', ');
