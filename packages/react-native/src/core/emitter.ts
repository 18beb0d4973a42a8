import { createEmitter as create, type Emitter } from '@herald/protocol';
import { warn } from './log';

export type { Emitter, Listener } from '@herald/protocol';

/** The protocol's emitter (shared with the web SDK), warning about listeners that throw. */
export const createEmitter = (): Emitter =>
  create((type, error) => warn(`a "${type}" listener threw`, error));
