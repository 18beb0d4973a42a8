import {
  MESSAGE_DEFAULTS,
  type Message,
  type MessageDefinition,
  platformsOf,
} from '@herald/protocol';
import { TEMPLATES } from './templates.js';

/** What the editor edits: a message definition, as the admin API takes it. */
export type Draft = MessageDefinition;

/** Shows a field's error (from the API's `field`), if it is this field's. */
export type ErrorFor = (path: string) => string | undefined;

export interface SectionProps {
  draft: Draft;
  update: (patch: Partial<Draft>) => void;
  err: ErrorFor;
}

export function newDraft(): Draft {
  return {
    ...structuredClone(MESSAGE_DEFAULTS),
    name: '',
    steps: [{ name: 'main', html: TEMPLATES[0]!.html }],
  };
}

/** The editable part of a message; the rest (id, status…) is the server's. */
export function draftOf(message: Message): Draft {
  return {
    name: message.name,
    description: message.description ?? '',
    audience: message.audience ?? MESSAGE_DEFAULTS.audience,
    priority: message.priority ?? MESSAGE_DEFAULTS.priority,
    pageRules: message.pageRules ?? MESSAGE_DEFAULTS.pageRules,
    frequency: message.frequency ?? MESSAGE_DEFAULTS.frequency,
    schedule: message.schedule ?? MESSAGE_DEFAULTS.schedule,
    goal: message.goal ?? MESSAGE_DEFAULTS.goal,
    display: message.display ?? MESSAGE_DEFAULTS.display,
    steps: message.steps,
    ...(message.experiment ? { experiment: message.experiment } : {}),
    ...(message.trigger ? { trigger: message.trigger } : {}),
    ...(message.inbox ? { inbox: message.inbox } : {}),
    ...(message.platforms ? { platforms: message.platforms } : {}),
  };
}

/** The steps the editor shows: the message's, or the chosen variant's. */
export function stepsOf(draft: Draft, variant: number): Draft['steps'] {
  const variants = draft.experiment?.variants;
  return variants ? variants[Math.min(variant, variants.length - 1)]!.steps : draft.steps;
}

/** The body sent on save: optional strings left empty are sent as their "none" value. */
export function toBody(draft: Draft): Draft {
  const goal = { ...draft.goal, event: draft.goal.event?.trim() ? draft.goal.event.trim() : null };
  const interactions = draft.audience.interactions ?? [];
  const audience =
    draft.audience.type === 'anonymous'
      ? { type: 'anonymous' as const, interactions }
      : {
          type: 'identified' as const,
          segment: draft.audience.segment?.trim() || null,
          interactions,
        };
  // null takes an experiment away; with one, the server takes the steps from its variants.
  return {
    ...draft,
    name: draft.name.trim(),
    goal,
    audience,
    experiment: draft.experiment ?? null,
    trigger: draft.trigger ?? null,
    inbox: draft.inbox ?? null,
    platforms: platformsOf(draft),
  } as Draft;
}

/** The change that replaces the steps being edited. */
export function withSteps(draft: Draft, variant: number, steps: Draft['steps']): Partial<Draft> {
  const experiment = draft.experiment;
  if (!experiment) return { steps };
  const variants = experiment.variants.map((v, i) => (i === variant ? { ...v, steps } : v));
  return { experiment: { ...experiment, variants } };
}
