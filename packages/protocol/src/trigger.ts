/**
 * When an eligible message appears in the browser. The server decides who may see a message
 * and how often; a trigger decides the moment, from what the visitor does on the page:
 *
 * - `pageLoad`: at once (the default, with no trigger);
 * - `delay`: after `seconds` on the page;
 * - `scroll`: once the page has been scrolled to `percent` of its height;
 * - `exitIntent`: the pointer leaves the window through its top edge (desktop), or a fast
 *   scroll back up after reading down the page (touch screens);
 * - `click`: a click on an element matching `selector` (or inside one);
 * - `event`: a `track(event)` call on the page whose properties include `properties`.
 *
 * Every condition counts from the current page (`page()` starts a new one); `match: "all"`
 * waits for each of them, `"any"` for the first.
 */
export type TriggerCondition =
  | { type: 'pageLoad' }
  | { type: 'delay'; seconds: number }
  | { type: 'scroll'; percent: number }
  | { type: 'exitIntent' }
  | { type: 'click'; selector: string }
  | { type: 'event'; event: string; properties?: Record<string, string | number | boolean> };

export type TriggerType = TriggerCondition['type'];

export const TRIGGER_TYPES: readonly TriggerType[] = [
  'pageLoad',
  'delay',
  'scroll',
  'exitIntent',
  'click',
  'event',
];

export interface Trigger {
  match: 'all' | 'any';
  conditions: TriggerCondition[];
}
