// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { usePolling } from './use-polling.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const setVisibility = (state: 'visible' | 'hidden') => {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
};

describe('usePolling', () => {
  let root: Root;
  let calls: number;
  let shown: number | undefined;
  const load = () => Promise.resolve(++calls);
  function Probe({ paused }: { paused: boolean }) {
    shown = usePolling(load, 1000, [], paused).data;
    return null;
  }
  // Async act: the answers (microtasks) resolve inside it.
  const render = (paused = false) => act(async () => root.render(createElement(Probe, { paused })));
  const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

  beforeEach(() => {
    vi.useFakeTimers();
    calls = 0;
    shown = undefined;
    setVisibility('visible');
    root = createRoot(document.createElement('div'));
  });
  afterEach(() => {
    act(() => root.unmount());
    vi.useRealTimers();
  });

  it('polls at once, then every interval, one request at a time', async () => {
    await render();
    await wait(0);
    expect(calls).toBe(1);
    expect(shown).toBe(1);
    await wait(1000);
    expect(calls).toBe(2);
    await wait(3000);
    expect(calls).toBe(5);
    expect(shown).toBe(5);
  });

  it('rests while the page is hidden, and polls as soon as it is shown again', async () => {
    await render();
    await wait(0);
    await act(async () => setVisibility('hidden'));
    await wait(10_000);
    expect(calls).toBe(1);
    await act(async () => setVisibility('visible'));
    await wait(0);
    expect(calls).toBe(2);
    await wait(1000);
    expect(calls).toBe(3);
  });

  it('rests while paused and stops for good on unmount', async () => {
    await render(true);
    await wait(5000);
    expect(calls).toBe(0);
    await render(false);
    await wait(0);
    expect(calls).toBe(1);
    act(() => root.unmount());
    await wait(10_000);
    expect(calls).toBe(1);
    root = createRoot(document.createElement('div'));
  });
});
