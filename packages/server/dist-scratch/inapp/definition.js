import { compileRule, MESSAGE_DEFAULTS, MODAL_POSITIONS, OVERLAY_POSITIONS, PageRuleError, TOOLTIP_POSITIONS, } from '@herald/protocol';
import { invalid } from '../errors.js';
import { array, integer, object, oneOf, text } from '../http/fields.js';
import { parseTemplate, usesLiquid } from './liquid.js';
/**
 * Validates a message as the admin API receives it and fills in the defaults. Every problem
 * names its field as a dotted path (`pageRules.include.0.value`, `steps.1.html`) so that the
 * dashboard can show it in place.
 *
 * @example
 * const definition = parseDefinition({ name: 'Hello', steps: [{ name: 'main', html: '<p>Hi</p>' }] });
 */
export function parseDefinition(input, base) {
    const body = object(input, 'body');
    for (const key of Object.keys(body)) {
        if (!DEFINITION_KEYS.has(key))
            throw invalid(key, 'is not a field of a message');
    }
    const from = base ?? { ...MESSAGE_DEFAULTS, name: '', steps: [] };
    const pick = (key) => body[key] === undefined ? from[key] : body[key];
    const audience = parseAudience(pick('audience'));
    const display = parseDisplay(pick('display'), 'display');
    const definition = {
        name: text(pick('name'), 'name', 200),
        description: text(pick('description') ?? '', 'description', 2000, 0),
        audience,
        priority: integer(pick('priority'), 'priority', 1, 10),
        pageRules: parsePageRules(pick('pageRules')),
        frequency: parseFrequency(pick('frequency')),
        schedule: parseSchedule(pick('schedule')),
        goal: parseGoal(pick('goal')),
        display,
        steps: parseSteps(pick('steps'), display, audience.type === 'anonymous'),
    };
    return definition;
}
const DEFINITION_KEYS = new Set([
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
]);
function parseAudience(input) {
    const audience = object(input, 'audience');
    const type = oneOf(audience.type, 'audience.type', ['anonymous', 'identified']);
    const segment = audience.segment ?? null;
    if (segment !== null) {
        text(segment, 'audience.segment', 200);
        if (type === 'anonymous') {
            throw invalid('audience.segment', 'only applies to identified audiences');
        }
    }
    return segment === null ? { type } : { type, segment: segment };
}
function parsePageRules(input) {
    const rules = object(input, 'pageRules');
    const list = (key) => {
        const items = array(rules[key] ?? [], `pageRules.${key}`, 0, 50);
        return items.map((item, i) => {
            const field = `pageRules.${key}.${i}`;
            const rule = object(item, field);
            const parsed = {
                op: oneOf(rule.op, `${field}.op`, ['matches', 'contains', 'equals', 'regex']),
                value: text(rule.value, `${field}.value`, 2000),
            };
            try {
                compileRule(parsed);
            }
            catch (error) {
                if (error instanceof PageRuleError)
                    throw invalid(`${field}.value`, error.message);
                throw error;
            }
            return parsed;
        });
    };
    return { include: list('include'), exclude: list('exclude') };
}
function parseFrequency(input) {
    const frequency = object(input, 'frequency');
    const maxViews = frequency.maxViews ?? null;
    const reEligible = frequency.reEligibleAfterSeconds ?? null;
    return {
        maxViews: maxViews === null ? null : integer(maxViews, 'frequency.maxViews', 1, 1000),
        cooldownSeconds: integer(frequency.cooldownSeconds ?? 0, 'frequency.cooldownSeconds', 0, 31_536_000),
        // Absent rather than null when unset: stored definitions stay as they were.
        ...(reEligible === null
            ? {}
            : {
                reEligibleAfterSeconds: integer(reEligible, 'frequency.reEligibleAfterSeconds', 1, 31_536_000),
            }),
    };
}
function parseSchedule(input) {
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
            new Intl.DateTimeFormat('en', { timeZone: timezone });
        }
        catch {
            throw invalid('schedule.timezone', 'must be an IANA time zone such as Europe/Paris');
        }
    }
    return timezone === null ? { startAt, endAt } : { startAt, endAt, timezone: timezone };
}
function parseGoal(input) {
    const goal = object(input, 'goal');
    const event = goal.event ?? null;
    const segment = goal.segment ?? null;
    return {
        criteria: oneOf(goal.criteria ?? 'click', 'goal.criteria', ['click', 'view']),
        windowDays: integer(goal.windowDays ?? 7, 'goal.windowDays', 1, 365),
        ...(event === null ? {} : { event: text(event, 'goal.event', 200) }),
        ...(segment === null ? {} : { segment: parseGoalSegment(segment) }),
    };
}
/** `goal.segment`: `{id, on: "enter" | "leave"}`; the id is checked against the workspace by the route. */
function parseGoalSegment(input) {
    const segment = object(input, 'goal.segment');
    return {
        id: text(segment.id, 'goal.segment.id', 64),
        on: oneOf(segment.on ?? 'enter', 'goal.segment.on', ['enter', 'leave']),
    };
}
const POSITIONS = {
    modal: MODAL_POSITIONS,
    overlay: OVERLAY_POSITIONS,
    tooltip: TOOLTIP_POSITIONS,
    inline: undefined,
};
const DEFAULT_POSITION = {
    modal: 'center',
    overlay: 'bottom-right',
    tooltip: 'bottom',
    inline: undefined,
};
// What reaches the host page's own CSS is kept to plain lengths and colours: no injection.
const CSS_LENGTH = /^\d{1,5}(\.\d{1,3})?(px|%|rem|em|vw)$/;
const CSS_COLOUR = /^(#[0-9a-f]{3,8}|rgba?\(\s*[\d.]+%?\s*(,\s*[\d.]+%?\s*){2,3}\)|[a-z]{3,20})$/i;
function parseDisplay(input, field, base) {
    const raw = object(input, field);
    const type = oneOf(raw.type ?? base?.type, `${field}.type`, [
        'modal',
        'overlay',
        'inline',
        'tooltip',
    ]);
    const display = { type };
    const sameType = base?.type === type;
    const position = raw.position ?? (sameType ? base?.position : undefined) ?? DEFAULT_POSITION[type];
    const allowed = POSITIONS[type];
    if (allowed)
        display.position = oneOf(position, `${field}.position`, allowed);
    const selector = raw.selector ?? (sameType ? base?.selector : undefined);
    if (type === 'inline' || type === 'tooltip') {
        display.selector = text(selector, `${field}.selector`, 500);
    }
    const width = raw.width ?? base?.width;
    if (width !== undefined) {
        if (typeof width !== 'string' || !CSS_LENGTH.test(width)) {
            throw invalid(`${field}.width`, 'must be a CSS length such as 480px or 60%');
        }
        display.width = width;
    }
    const colour = raw.overlayColor ?? base?.overlayColor;
    if (colour !== undefined) {
        if (typeof colour !== 'string' || !CSS_COLOUR.test(colour)) {
            throw invalid(`${field}.overlayColor`, 'must be a colour such as #000000 or rgba(0,0,0,0.5)');
        }
        display.overlayColor = colour;
    }
    const outside = raw.dismissOnOutsideClick ?? base?.dismissOnOutsideClick;
    if (outside !== undefined) {
        if (typeof outside !== 'boolean') {
            throw invalid(`${field}.dismissOnOutsideClick`, 'must be true or false');
        }
        display.dismissOnOutsideClick = outside;
    }
    return display;
}
function parseSteps(input, display, anonymous) {
    const steps = array(input, 'steps', 1, 20);
    const names = new Set();
    return steps.map((item, i) => {
        const field = `steps.${i}`;
        const raw = object(item, field);
        const name = text(raw.name, `${field}.name`, 100);
        if (!/^[\w-]+$/.test(name)) {
            throw invalid(`${field}.name`, 'may hold only letters, digits, _ and - (it is used in herald://step/<name>)');
        }
        if (names.has(name))
            throw invalid(`${field}.name`, `repeats the step name "${name}"`);
        names.add(name);
        const html = text(raw.html, `${field}.html`, 100_000);
        if (usesLiquid(html)) {
            if (anonymous) {
                throw invalid(`${field}.html`, 'uses Liquid ({{ }} or {% %}), which anonymous messages cannot: nothing is known about an anonymous visitor');
            }
            try {
                parseTemplate(html);
            }
            catch (error) {
                throw invalid(`${field}.html`, `has a Liquid error: ${error.message}`);
            }
        }
        const step = { name, html };
        if (raw.display !== undefined && raw.display !== null) {
            step.display = parseDisplay(raw.display, `${field}.display`, display);
        }
        return step;
    });
}
function instant(value, field) {
    if (value === undefined || value === null)
        return null;
    if (typeof value !== 'string' || !Number.isFinite(Date.parse(value))) {
        throw invalid(field, 'must be an ISO 8601 date such as 2026-05-01T09:00:00Z, or null');
    }
    return new Date(Date.parse(value)).toISOString();
}
//# sourceMappingURL=definition.js.map