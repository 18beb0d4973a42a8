import {
  type Display,
  MODAL_POSITIONS,
  OVERLAY_POSITIONS,
  TOOLTIP_POSITIONS,
} from '@herald/protocol';
import { invalid } from '../errors.js';
import { object, oneOf, text } from '../http/fields.js';

/**
 * A message's (or a step's, or a variant's) display, validated: `base` is the display it
 * overrides, whose position and selector carry over while the type stays the same.
 */
const POSITIONS: Record<Display['type'], readonly string[] | undefined> = {
  modal: MODAL_POSITIONS,
  overlay: OVERLAY_POSITIONS,
  tooltip: TOOLTIP_POSITIONS,
  inline: undefined,
  inbox: undefined,
};
const DEFAULT_POSITION: Record<Display['type'], string | undefined> = {
  modal: 'center',
  overlay: 'bottom-right',
  tooltip: 'bottom',
  inline: undefined,
  inbox: undefined,
};
// What reaches the host page's own CSS is kept to plain lengths and colours: no injection.
const CSS_LENGTH = /^\d{1,5}(\.\d{1,3})?(px|%|rem|em|vw)$/;
const CSS_COLOUR = /^(#[0-9a-f]{3,8}|rgba?\(\s*[\d.]+%?\s*(,\s*[\d.]+%?\s*){2,3}\)|[a-z]{3,20})$/i;

export function parseDisplay(input: unknown, field: string, base?: Display): Display {
  const raw = object(input, field);
  const type = oneOf(raw.type ?? base?.type, `${field}.type`, [
    'modal',
    'overlay',
    'inline',
    'tooltip',
    'inbox',
  ] as const);
  const display: Display = { type };
  const sameType = base?.type === type;
  const position =
    raw.position ?? (sameType ? base?.position : undefined) ?? DEFAULT_POSITION[type];
  const allowed = POSITIONS[type];
  if (allowed) display.position = oneOf(position, `${field}.position`, allowed);
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
