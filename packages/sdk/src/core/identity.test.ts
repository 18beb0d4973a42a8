// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIdentity } from './identity.js';
import { cookieStore, localStore } from './storage.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** A fresh identity over the page's real storage, as after a reload. */
const open = () => createIdentity(localStore(), cookieStore());
const cookie = (name: string) =>
  document.cookie
    .split('; ')
    .find((pair) => pair.startsWith(`${name}=`))
    ?.slice(name.length + 1) || null; // happy-dom keeps a deleted cookie as `name=`

afterEach(() => {
  vi.restoreAllMocks();
  localStorage.clear();
  for (const pair of document.cookie.split('; ')) {
    if (pair) document.cookie = `${pair.split('=')[0]}=; path=/; max-age=0`;
  }
});

describe('identity', () => {
  it('makes a UUID v4 anonymous ID once and keeps it in localStorage and a cookie', () => {
    const id = open().anonymousId();
    expect(id).toMatch(UUID_V4);
    expect(localStorage.getItem('herald_anonymous_id')).toBe(id);
    expect(cookie('herald_anonymous_id')).toBe(id);
    expect(open().anonymousId()).toBe(id);
  });

  it('restores the cookie from localStorage and localStorage from the cookie', () => {
    const id = open().anonymousId()!;
    document.cookie = 'herald_anonymous_id=; path=/; max-age=0';
    expect(open().anonymousId()).toBe(id);
    expect(cookie('herald_anonymous_id')).toBe(id);

    localStorage.clear();
    expect(open().anonymousId()).toBe(id);
    expect(localStorage.getItem('herald_anonymous_id')).toBe(id);
  });

  it('persists the userId and traits, merging traits for the same user', () => {
    open().identify('u1', { plan: 'free', name: 'Ada' });
    const identity = open();
    identity.identify('u1', { plan: 'pro' });
    expect(identity.userId()).toBe('u1');
    expect(open().traits()).toEqual({ plan: 'pro', name: 'Ada' });
    expect(cookie('herald_user_id')).toBe('u1');
  });

  it('identify with traits only updates the current user', () => {
    const identity = open();
    identity.identify('u1', { a: 1 });
    identity.identify(null, { b: 2 });
    expect(identity.userId()).toBe('u1');
    expect(identity.traits()).toEqual({ a: 1, b: 2 });
  });

  it('a different user starts a new anonymous ID and replaces the traits', () => {
    const identity = open();
    const first = identity.anonymousId();
    identity.identify('u1', { a: 1 });
    expect(identity.anonymousId()).toBe(first);
    identity.identify('u2', { b: 2 });
    expect(identity.anonymousId()).not.toBe(first);
    expect(identity.traits()).toEqual({ b: 2 });
  });

  it('reset forgets the user, traits, group and anonymous ID', () => {
    const identity = open();
    const first = identity.anonymousId();
    identity.identify('u1', { a: 1 });
    identity.group('g1', { name: 'Acme' });
    identity.reset();
    expect(identity.userId()).toBeNull();
    expect(identity.traits()).toEqual({});
    expect(identity.group(null, undefined)).toEqual({ groupId: null, traits: {} });
    expect(identity.anonymousId()).not.toBe(first);
    expect(cookie('herald_user_id')).toBeNull();
  });

  it('keeps the group, replacing its traits when the group changes', () => {
    const identity = open();
    identity.group('g1', { name: 'Acme' });
    expect(open().group(null, { size: 5 })).toEqual({
      groupId: 'g1',
      traits: { name: 'Acme', size: 5 },
    });
    expect(open().group('g2', { name: 'Beta' })).toEqual({
      groupId: 'g2',
      traits: { name: 'Beta' },
    });
  });

  it('setAnonymousId replaces the ID everywhere', () => {
    open().setAnonymousId('custom-id');
    expect(open().anonymousId()).toBe('custom-id');
    expect(cookie('herald_anonymous_id')).toBe('custom-id');
  });

  it('opting out wipes what was stored and stores nothing but the flag until opting in', () => {
    const identity = open();
    identity.identify('u1', { a: 1 });
    identity.optOut();
    expect(Object.keys(localStorage)).toEqual(['herald_opt_out']);
    expect(open().optedOut()).toBe(true);
    identity.identify('u2', { b: 2 });
    identity.setAnonymousId('x');
    expect(identity.anonymousId()).toBeNull();
    expect(Object.keys(localStorage)).toEqual(['herald_opt_out']);
    expect(cookie('herald_anonymous_id')).toBeNull();
    expect(cookie('herald_user_id')).toBeNull();

    identity.optIn();
    expect(open().optedOut()).toBe(false);
    expect(identity.anonymousId()).toMatch(UUID_V4);
  });

  it('works in memory when neither localStorage nor cookies work', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    vi.spyOn(document, 'cookie', 'set').mockImplementation(() => {});
    const identity = open();
    const id = identity.anonymousId();
    identity.identify('u1', { a: 1 });
    expect(identity.anonymousId()).toBe(id);
    expect(identity.userId()).toBe('u1');
    expect(identity.traits()).toEqual({ a: 1 });
  });
});
