import { createEmitter as create, type Emitter } from '@herald/protocol';
import { warn } from './log.js';

export type { Emitter, Listener } from '@herald/protocol';

/**
 * The SDK's emitter (the protocol's, shared with the React Native SDK): a throwing listener is
 * reported on the console and the others still run.
 */
export const createEmitter = (): Emitter =>
  create((type, error) => warn(`a "${type}" listener threw`, error));
