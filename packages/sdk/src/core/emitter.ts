import { warn } from './log.js';

export type Listener = (...args: never[]) => void;

export interface Emitter {
  on(type: string, listener: Listener): void;
  /** Without a listener, removes every listener of `type`. */
  off(type: string, listener?: Listener): void;
  emit(type: string, ...args: unknown[]): void;
}

/**
 * A minimal event emitter whose listeners cannot break the caller: a throwing listener is
 * reported on the console and the others still run.
 *
 * @example
 * const events = createEmitter();
 * events.on('track', (event) => console.log(event.event));
 */
export function createEmitter(): Emitter {
  let listeners: [string, Listener][] = [];
  return {
    on: (type, listener) => void listeners.push([type, listener]),
    off(type, listener) {
      listeners = listeners.filter(([t, l]) => t !== type || (listener && l !== listener));
    },
    emit(type, ...args) {
      for (const [t, listener] of listeners) {
        if (t !== type) continue;
        try {
          (listener as (...args: unknown[]) => void)(...args);
        } catch (error) {
          warn(`a "${type}" listener threw`, error);
        }
      }
    },
  };
}
