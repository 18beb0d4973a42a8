import type { DeliveredMessage, InAppEventType } from '@herald/protocol';
import type { Emitter } from '../core/emitter.js';
import { warn } from '../core/log.js';
import type { EventFields } from './view.js';

/** The In-App integration settings of load(), as PRODUCT.md shows them. */
export interface InAppSettings {
  /** Ask for anonymous messages too (the workspace must allow them). */
  anonymousInApp?: boolean;
  /** Called with every in-app event. */
  events?: (event: InAppEvent) => void;
  /** hex HMAC-SHA256(secretKey, userId), when the workspace verifies identities. */
  userHash?: string;
  /** Or a JWT (HS256, secret key) whose `sub` is the userId. */
  userToken?: string;
  /** How long an inline message's or tooltip's element may take to appear. Default 10,000 ms. */
  selectorTimeout?: number;
}

export interface InAppEventDetail {
  deliveryId: string;
  messageId: string;
  /** action: the action's name; changed: the next step's name. */
  actionName?: string;
  actionValue?: string;
  /** error: what went wrong. */
  error?: string;
}

export interface InAppEvent {
  type: `in-app:message-${InAppEventType}`;
  detail: InAppEventDetail;
}

/**
 * Delivers in-app events to the `events` setting and to `herald.on(type, fn)`, with the
 * `detail` PRODUCT.md shows. A throwing listener is reported, never rethrown into the page.
 */
export function emitter(settings: InAppSettings, emitter: Emitter) {
  return (type: InAppEventType, message: DeliveredMessage, fields: EventFields): void => {
    const detail: InAppEventDetail = { deliveryId: message.deliveryId, messageId: message.id };
    if (type === 'action' || type === 'changed') {
      detail.actionName = fields.actionName;
      if (fields.actionValue !== undefined) detail.actionValue = fields.actionValue;
    }
    if (fields.error) detail.error = fields.error;
    const event: InAppEvent = { type: `in-app:message-${type}`, detail };
    try {
      settings.events?.(event);
    } catch (error) {
      warn('the in-app events callback threw', error);
    }
    emitter.emit(event.type, event);
  };
}
