// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSession, SESSION_TIMEOUT_MS } from './session.js';
import { localStore } from './storage.js';

const T0 = 1_767_225_600_000;
const MINUTE = 60_000;

/** A session over localStorage with a clock the test moves. */
function clocked(allowed = () => true) {
  const clock = { now: T0 };
  return { clock, session: createSession(localStore(), allowed, () => clock.now) };
}

afterEach(() => {
  vi.restoreAllMocks();
  localStorage.clear();
});

describe('session', () => {
  it('starts at the first activity; none before', () => {
    const { clock, session } = clocked();
    expect(session.startedAt()).toBeUndefined();
    session.touch();
    expect(session.startedAt()).toBe(T0);
    expect(localStorage.getItem('herald_session')).toBe(`${T0} ${T0}`);
    clock.now += MINUTE;
    expect(session.startedAt()).toBe(T0);
  });

  it('is renewed by activity: a busy visitor keeps one session for hours', () => {
    const { clock, session } = clocked();
    session.touch();
    for (let i = 0; i < 12; i++) {
      clock.now += 29 * MINUTE;
      session.touch();
    }
    expect(session.startedAt()).toBe(T0);
    expect(localStorage.getItem('herald_session')).toBe(`${T0} ${clock.now}`);
  });

  it('starts anew at the first activity after 30 idle minutes, and only then', () => {
    const { clock, session } = clocked();
    session.touch();
    clock.now += SESSION_TIMEOUT_MS;
    // Idle: the latest session is still the one requests belong to.
    expect(session.startedAt()).toBe(T0);
    session.touch();
    expect(session.startedAt()).toBe(T0 + SESSION_TIMEOUT_MS);
  });

  it('is shared by every tab through localStorage', () => {
    const { clock, session: tabA } = clocked();
    const tabB = createSession(
      localStore(),
      () => true,
      () => clock.now,
    );
    tabA.touch();
    clock.now += 20 * MINUTE;
    tabB.touch();
    clock.now += 20 * MINUTE;
    // 40 minutes after A's last call, but B was active 20 minutes ago: the same session.
    tabA.touch();
    expect(tabA.startedAt()).toBe(T0);
    clock.now += 31 * MINUTE;
    tabB.touch();
    expect(tabA.startedAt()).toBe(clock.now);
  });

  it('records nothing while not allowed (opted out); clear() forgets it', () => {
    let allowed = false;
    const { session } = clocked(() => allowed);
    session.touch();
    expect(session.startedAt()).toBeUndefined();
    expect(localStorage.length).toBe(0);
    allowed = true;
    session.touch();
    expect(session.startedAt()).toBe(T0);
    session.clear();
    expect(session.startedAt()).toBeUndefined();
    expect(localStorage.getItem('herald_session')).toBeNull();
  });

  it('ignores what it cannot read, and never starts in the future of a clock set back', () => {
    const { clock, session } = clocked();
    for (const garbage of ['', 'x y', '12', `${T0}`, `${T0} ${T0 - 1}`, '-5 -1']) {
      localStorage.setItem('herald_session', garbage);
      expect(session.startedAt()).toBeUndefined();
    }
    session.touch();
    clock.now = T0 - 5 * MINUTE;
    session.touch();
    expect(session.startedAt()).toBe(T0 - 5 * MINUTE);
  });

  it('lives in memory when localStorage is unavailable', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    const { clock, session } = clocked();
    session.touch();
    clock.now += 10 * MINUTE;
    session.touch();
    expect(session.startedAt()).toBe(T0);
    clock.now += 31 * MINUTE;
    session.touch();
    expect(session.startedAt()).toBe(T0 + 41 * MINUTE);
  });
});
