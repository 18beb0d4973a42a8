/** The SDK's only voice: a warning in the console, never an exception into the app. */
export function warn(what: string, error?: unknown): void {
  console.warn(`[herald] ${what}`, ...(error === undefined ? [] : [error]));
}

/** Runs `fn`, turning anything it throws (or rejects with) into a warning. */
export function safely<A extends unknown[]>(what: string, fn: (...args: A) => unknown) {
  return (...args: A): void => {
    try {
      const result = fn(...args);
      if (result instanceof Promise) result.catch((error: unknown) => warn(what, error));
    } catch (error) {
      warn(what, error);
    }
  };
}
