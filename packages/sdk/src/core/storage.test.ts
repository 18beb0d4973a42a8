// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cookieStore, localStore } from './storage.js';

afterEach(() => {
  vi.restoreAllMocks();
  // Undoes a test's own `document.cookie`, revealing the prototype's again.
  delete (document as { cookie?: string }).cookie;
  localStorage.clear();
  for (const pair of document.cookie.split('; ')) {
    if (pair) document.cookie = `${pair.split('=')[0]}=; path=/; max-age=0`;
  }
});

describe('localStore', () => {
  it('reads, writes, lists and removes keys in localStorage', () => {
    const store = localStore();
    store.set('herald_a', '1');
    store.set('herald_b', '2');
    store.set('other', '3');
    expect(localStorage.getItem('herald_a')).toBe('1');
    expect(store.keys('herald_').sort()).toEqual(['herald_a', 'herald_b']);
    store.set('herald_a', null);
    expect(store.get('herald_a')).toBeNull();
    expect(localStorage.getItem('herald_a')).toBeNull();
  });

  it('keeps values in memory when localStorage throws from the start', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    const store = localStore();
    store.set('herald_a', '1');
    expect(store.get('herald_a')).toBe('1');
    expect(store.keys('herald_')).toEqual(['herald_a']);
  });

  it('moves to memory when localStorage starts throwing (a full quota), keeping the write', () => {
    const store = localStore();
    store.set('herald_a', '1');
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    store.set('herald_b', '2');
    expect(store.get('herald_b')).toBe('2');
  });
});

describe('cookieStore', () => {
  it('reads and writes first-party cookies, encoded', () => {
    const store = cookieStore();
    store.set('herald_x', 'a b;c');
    expect(document.cookie).toContain('herald_x=a%20b%3Bc');
    expect(store.get('herald_x')).toBe('a b;c');
    expect(cookieStore().get('herald_x')).toBe('a b;c');
    store.set('herald_x', null);
    expect(store.get('herald_x')).toBeNull();
  });

  it('keeps values in memory when document.cookie throws (sandboxed documents)', () => {
    Object.defineProperty(document, 'cookie', {
      configurable: true,
      get() {
        throw new DOMException('sandboxed', 'SecurityError');
      },
      set() {
        throw new DOMException('sandboxed', 'SecurityError');
      },
    });
    const store = cookieStore();
    store.set('herald_x', '1');
    expect(store.get('herald_x')).toBe('1');
  });
});
