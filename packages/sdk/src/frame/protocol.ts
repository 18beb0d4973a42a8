/**
 * The messages between the SDK (in the host page) and /sdk/frame.html (the sandboxed iframe a
 * message is shown in). Short keys: both sides ship in every page's download.
 *
 * SDK → frame: `render` (the step's HTML; `trap` keeps Tab inside the frame for a modal).
 * Frame → SDK: `ready` (listening), `size` (content height and a label for assistive
 * technology), `go` (a link was clicked: herald:// or ordinary, with its target), `esc`
 * (Escape pressed), `err` (a script of the message threw).
 */
export type ToFrame = { h: 'render'; html: string; trap: boolean };

export type FromFrame =
  | { h: 'ready' }
  | { h: 'size'; y: number; l: string }
  | { h: 'go'; u: string; t: string }
  | { h: 'esc' }
  | { h: 'err'; m: string };

/** The frame learns its parent's origin from its URL: `/sdk/frame.html#<encoded origin>`. */
export const frameUrl = (host: string, parentOrigin: string): string =>
  `${host}/sdk/frame.html#${encodeURIComponent(parentOrigin)}`;
