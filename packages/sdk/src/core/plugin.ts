import type { Emitter } from './emitter.js';
import type { Session } from './session.js';
import type { Herald, HeraldOptions } from './types.js';

/**
 * What a plugin (the in-app plugin) gets from the client it joins: the public API, the emitter
 * behind `on`/`off` (it listens to `page`, `identify` and `reset`, and emits its own events), and
 * the settings. Plugins are passed to `createInternal`, so a build without them carries none of
 * their code.
 */
export interface PluginContext {
  writeKey: string;
  /** The Herald server, without a trailing slash. */
  host: string;
  options: HeraldOptions;
  api: Herald;
  emitter: Emitter;
  /** The visitor's session (in-app caps per session): started and renewed by activity. */
  session: Session;
}

export type Plugin = (context: PluginContext) => void;
