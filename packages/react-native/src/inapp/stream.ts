import { createParser } from 'eventsource-parser';
import { warn } from '../core/log';

/** What the stream tells: its hello (poll interval), a refresh hint, or a request to reconnect. */
export interface StreamHandlers {
  hello(pollInterval: number): void;
  refresh(): void;
  down(): void;
}

/** Opens `url` as Server-Sent Events; answers how to close it, or null when it cannot. */
export type StreamOpener = (url: string, handlers: StreamHandlers) => (() => void) | null;

interface SseSource {
  addEventListener(type: string, listener: (event: { data?: string | null }) => void): void;
  close(): void;
}

/**
 * The stream over react-native-sse (an EventSource on React Native's XMLHttpRequest) when the
 * app has it; without it, null, and the SDK polls.
 */
export const reactNativeSse: StreamOpener = (url, handlers) => {
  let EventSource: new (url: string, options?: object) => SseSource;
  try {
    // An optional dependency, as in core/context.ts.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sse = require('react-native-sse') as { default: typeof EventSource };
    EventSource = sse.default;
  } catch {
    return null;
  }
  let source: SseSource | undefined;
  const open = () => {
    source = new EventSource(url, { pollingInterval: 3000 });
    source.addEventListener('hello', (event) => {
      try {
        const { pollInterval } = JSON.parse(event.data ?? '{}') as { pollInterval?: number };
        handlers.hello(pollInterval ?? 600);
      } catch (error) {
        warn('an unreadable stream hello', error);
      }
      // Hints may have been missed while disconnected: a revalidation costs a 304 at most.
      handlers.refresh();
    });
    source.addEventListener('refresh', () => handlers.refresh());
    source.addEventListener('reconnect', () => {
      source?.close();
      setTimeout(open, 500 + Math.random() * 2000);
    });
    source.addEventListener('error', () => handlers.down());
  };
  try {
    open();
  } catch (error) {
    warn('could not open the stream', error);
    return null;
  }
  return () => source?.close();
};

/**
 * The stream over a fetch whose responses stream their bodies: Expo's `expo/fetch`, or any
 * WHATWG fetch (React Native's own does not stream). A dropped stream reconnects after 3 s with
 * the last event id, as EventSource does.
 *
 * @example
 * import { fetch } from 'expo/fetch';
 * createHerald({ writeKey, host, stream: fetchStream(fetch) });
 */
export function fetchStream(fetchImpl: typeof fetch = fetch): StreamOpener {
  return (url, handlers) => {
    if (typeof TextDecoder === 'undefined') return null;
    let stopped = false;
    let controller: AbortController | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let lastId: string | undefined;
    const connect = async () => {
      controller = new AbortController();
      const parser = createParser({
        onEvent(event) {
          if (event.id) lastId = event.id;
          if (event.event === 'hello') {
            try {
              handlers.hello(
                (JSON.parse(event.data) as { pollInterval?: number }).pollInterval ?? 600,
              );
            } catch {
              handlers.hello(600);
            }
            handlers.refresh();
          } else if (event.event === 'refresh') handlers.refresh();
          else if (event.event === 'reconnect') controller?.abort();
        },
      });
      try {
        const response = await fetchImpl(url, {
          headers: { accept: 'text/event-stream', ...(lastId ? { 'last-event-id': lastId } : {}) },
          signal: controller.signal,
        });
        const body = response.body;
        if (!response.ok || !body) throw new Error(`the stream answered ${response.status}`);
        const reader = body.getReader();
        const decoder = new TextDecoder();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.feed(decoder.decode(value, { stream: true }));
        }
      } catch (error) {
        if (!stopped && !(error instanceof Error && error.name === 'AbortError')) {
          warn('the stream dropped', error);
        }
      }
      if (stopped) return;
      handlers.down();
      retry = setTimeout(() => void connect(), 3000);
    };
    void connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      controller?.abort();
    };
  };
}
