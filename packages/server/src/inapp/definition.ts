import {
  compileRule,
  INBOX_LIMITS,
  type InboxSettings,
  type MessageDefinition,
  PLATFORMS,
  MESSAGE_DEFAULTS,
  type PageRule,
  PageRuleError,
} from '@herald/protocol';
import { invalid } from '../errors.js';
import { array, integer, object, oneOf, text } from '../http/fields.js';
import { parseExperiment, parseSteps } from './definition-content.js';
import { parseDisplay } from './definition-display.js';
import { parseInteraction } from './interactions.js';
import { parseTrigger } from './definition-trigger.js';

/**
 * Validates a message as the admin API receives it and fills in the defaults. Every problem
 * names its field as a dotted path (`pageRules.include.0.value`, `steps.1.html`) so that the
 * dashboard can show it in place.
 *
 * @example
 * const definition = parseDefinition({ name: 'Hello', steps: [{ name: 'main', html: '<p>Hi</p>' }] });
 */
export function parseDefinition(input: unknown, base?: MessageDefinition): MessageDefinition {
  const body = object(input, 'body');
  for (const key of Object.keys(body)) {
    if (!DEFINITION_KEYS.has(key)) throw invalid(key, 'is not a field of a message');
  }
  const from = base ?? { ...MESSAGE_DEFAULTS, name: '', steps: [] };
  const pick = <K extends keyof MessageDefinition>(key: K) =>
    body[key] === undefined ? from[key] : body[key];

  const audience = parseAudience(pick('audience'));
  const display = parseDisplay(pick('display'), 'display');
  const definition: MessageDefinition = {
    name: text(pick('name'), 'name', 200),
    description: text(pick('description') ?? '', 'description', 2000, 0),
    audience,
    priority: integer(pick('priority'), 'priority', 1, 10),
    pageRules: parsePageRules(pick('pageRules')),
    frequency: parseFrequency(pick('frequency')),
    schedule: parseSchedule(pick('schedule')),
    goal: parseGoal(pick('goal')),
    display,
    steps: [],
  };
  const anonymous = audience.type === 'anonymous';
  const experiment = pick('experiment');
  if (experiment === undefined || experiment === null) {
    definition.steps = parseSteps(pick('steps'), display, anonymous);
  } else {
    definition.experiment = parseExperiment(experiment, display, anonymous);
    // Readers that know nothing of variants (lists, previews, older SDKs) see the first one.
    definition.steps = definition.experiment.variants[0]!.steps;
  }
  const trigger = pick('trigger');
  if (trigger !== undefined && trigger !== null) definition.trigger = parseTrigger(trigger);
  const inbox = pick('inbox');
  if (inbox !== undefined && inbox !== null) definition.inbox = parseInbox(inbox);
  const platforms = pick('platforms');
  if (platforms !== undefined && platforms !== null) {
    const list = array(platforms, 'platforms', 1, PLATFORMS.length).map((p, i) =>
      oneOf(p, `platforms.${i}`, PLATFORMS),
    );
    // Web alone is the default: stored as absent, so that existing messages read the same.
    const unique = PLATFORMS.filter((p) => list.includes(p));
    if (unique.join() !== 'web') definition.platforms = unique;
  }
  if (display.type === 'inbox') {
    // An inbox-only message never shows on the page: no step may show it there instead.
    const steps = definition.experiment?.variants.flatMap((v) => v.steps) ?? definition.steps;
    const other = steps.findIndex((step) => step.display && step.display.type !== 'inbox');
    if (other !== -1) {
      throw invalid(`steps.${other}.display.type`, 'must be inbox, as the message display is');
    }
  }
  return definition;
}

const DEFINITION_KEYS = new Set<string>([
  'name',
  'description',
  'audience',
  'priority',
  'pageRules',
  'frequency',
  'schedule',
  'goal',
  'display',
  'steps',
  'experiment',
  'trigger',
  'inbox',
  'platforms',
]);

/** `inbox`: the topic, title and expiry of the message's inbox item (each optional). */
function parseInbox(input: unknown): InboxSettings {
  const inbox = object(input, 'inbox');
  for (const key of Object.keys(inbox)) {
    if (!['topic', 'title', 'expiresAt'].includes(key)) {
      throw invalid(`inbox.${key}`, 'is not a field of inbox (topic, title, expiresAt)');
    }
  }
  const optional = (key: 'topic' | 'title', max: number) =>
    inbox[key] === undefined || inbox[key] === null ? null : text(inbox[key], `inbox.${key}`, max);
  return {
    topic: optional('topic', INBOX_LIMITS.maxTopicLength),
    title: optional('title', INBOX_LIMITS.maxTitleLength),
    expiresAt: instant(inbox.expiresAt, 'inbox.expiresAt'),
  };
}

function parseAudience(input: unknown): MessageDefinition['audience'] {
  const audience = object(input, 'audience');
  const type = oneOf(audience.type, 'audience.type', ['anonymous', 'identified'] as const);
  const segment = audience.segment ?? null;
  if (segment !== null) {
    text(segment, 'audience.segment', 200);
    if (type === 'anonymous') {
      throw invalid('audience.segment', 'only applies to identified audiences');
    }
  }
  const parsed: MessageDefinition['audience'] =
    segment === null ? { type } : { type, segment: segment as string };
  const interactions = audience.interactions ?? null;
  if (interactions !== null) {
    const items = array(interactions, 'audience.interactions', 0, 10);
    parsed.interactions = items.map((item, i) => {
      const path = `audience.interactions.${i}`;
      const raw = object(item, path);
      oneOf(raw.type ?? 'message', `${path}.type`, ['message'] as const);
      return parseInteraction(raw, path);
    });
    if (parsed.interactions.length === 0) delete parsed.interactions;
  }
  return parsed;
}

function parsePageRules(input: unknown): MessageDefinition['pageRules'] {
  const rules = object(input, 'pageRules');
  const list = (key: 'include' | 'exclude'): PageRule[] => {
    const items = array(rules[key] ?? [], `pageRules.${key}`, 0, 50);
    return items.map((item, i) => {
      const field = `pageRules.${key}.${i}`;
      const rule = object(item, field);
      const parsed: PageRule = {
        op: oneOf(rule.op, `${field}.op`, ['matches', 'contains', 'equals', 'regex'] as const),
        value: text(rule.value, `${field}.value`, 2000),
      };
      try {
        compileRule(parsed);
      } catch (error) {
        if (error instanceof PageRuleError) throw invalid(`${field}.value`, error.message);
        throw error;
      }
      return parsed;
    });
  };
  return { include: list('include'), exclude: list('exclude') };
}

function parseFrequency(input: unknown): MessageDefinition['frequency'] {
  const frequency = object(input, 'frequency');
  const maxViews = frequency.maxViews ?? null;
  const reEligible = frequency.reEligibleAfterSeconds ?? null;
  return {
    maxViews: maxViews === null ? null : integer(maxViews, 'frequency.maxViews', 1, 1000),
    cooldownSeconds: integer(
      frequency.cooldownSeconds ?? 0,
      'frequency.cooldownSeconds',
      0,
      31_536_000,
    ),
    // Absent rather than null when unset: stored definitions stay as they were.
    ...(reEligible === null
      ? {}
      : {
          reEligibleAfterSeconds: integer(
            reEligible,
            'frequency.reEligibleAfterSeconds',
            1,
            31_536_000,
          ),
        }),
  };
}

function parseSchedule(input: unknown): MessageDefinition['schedule'] {
  const schedule = object(input, 'schedule');
  const startAt = instant(schedule.startAt, 'schedule.startAt');
  const endAt = instant(schedule.endAt, 'schedule.endAt');
  if (startAt !== null && endAt !== null && Date.parse(endAt) <= Date.parse(startAt)) {
    throw invalid('schedule.endAt', 'must be after schedule.startAt');
  }
  const timezone = schedule.timezone ?? null;
  if (timezone !== null) {
    text(timezone, 'schedule.timezone', 100);
    try {
      new Intl.DateTimeFormat('en', { timeZone: timezone as string });
    } catch {
      throw invalid('schedule.timezone', 'must be an IANA time zone such as Europe/Paris');
    }
  }
  return timezone === null ? { startAt, endAt } : { startAt, endAt, timezone: timezone as string };
}

function parseGoal(input: unknown): MessageDefinition['goal'] {
  const goal = object(input, 'goal');
  const event = goal.event ?? null;
  const segment = goal.segment ?? null;
  return {
    criteria: oneOf(goal.criteria ?? 'click', 'goal.criteria', ['click', 'view'] as const),
    windowDays: integer(goal.windowDays ?? 7, 'goal.windowDays', 1, 365),
    ...(event === null ? {} : { event: text(event, 'goal.event', 200) }),
    ...(segment === null ? {} : { segment: parseGoalSegment(segment) }),
  };
}

/** `goal.segment`: `{id, on: "enter" | "leave"}`; the id is checked against the workspace by the route. */
function parseGoalSegment(input: unknown): { id: string; on: 'enter' | 'leave' } {
  const segment = object(input, 'goal.segment');
  return {
    id: text(segment.id, 'goal.segment.id', 64),
    on: oneOf(segment.on ?? 'enter', 'goal.segment.on', ['enter', 'leave'] as const),
  };
}

function instant(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !Number.isFinite(Date.parse(value))) {
    throw invalid(field, 'must be an ISO 8601 date such as 2026-05-01T09:00:00Z, or null');
  }
  return new Date(Date.parse(value)).toISOString();
}
