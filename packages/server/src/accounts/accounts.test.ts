import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { AccountTables } from './schema.js';
import { describeEachDialect } from '../test-support/databases.js';
import { TEST_MASTER_KEY, useTestServer } from '../test-support/server.js';
import { postAccount, signIn } from '../test-support/sessions.js';

const EMAIL = 'Admin@Example.com';
const PASSWORD = 'correct horse battery';

describeEachDialect('dashboard accounts', (dialect) => {
  const server = useTestServer(dialect);
  const session = async () => (await fetch(`${server().url}/api/v1/session`)).json();

  it('asks for setup until the first admin exists, then never again', async () => {
    expect(await session()).toEqual({ setupRequired: true, user: null });

    const short = await postAccount(server(), '/setup', { email: EMAIL, password: 'short' });
    expect(short.status).toBe(400);
    expect((await short.json()).error).toMatchObject({
      code: 'validation_failed',
      field: 'password',
    });
    const badEmail = await postAccount(server(), '/setup', { email: 'nope', password: PASSWORD });
    expect((await badEmail.json()).error).toMatchObject({ field: 'email' });

    const created = await postAccount(server(), '/setup', { email: EMAIL, password: PASSWORD });
    expect(created.status).toBe(201);
    expect((await created.json()).user).toMatchObject({ email: 'admin@example.com' });
    expect(created.headers.get('set-cookie')).toMatch(/^herald_session=/);

    const again = await postAccount(server(), '/setup', {
      email: 'intruder@example.com',
      password: 'another password',
    });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('setup_done');
    expect((await session()).setupRequired).toBe(false);
  });

  it('lets only one of two concurrent setups through', async () => {
    // The first test made the admin already; two more racing must both lose, not crash.
    const results = await Promise.all(
      ['a@example.com', 'b@example.com'].map((email) =>
        postAccount(server(), '/setup', { email, password: PASSWORD }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([409, 409]);
  });

  it('signs in with a session cookie that is HttpOnly, SameSite=Strict, Path=/', async () => {
    const me = await signIn(server(), EMAIL, PASSWORD);
    const flags = me.setCookie.split(';').map((part) => part.trim());
    expect(flags).toEqual(
      expect.arrayContaining([
        'HttpOnly',
        'SameSite=Strict',
        'Path=/',
        expect.stringMatching(/^Max-Age=\d+$/),
      ]),
    );
    // Plain http here: no Secure flag, or the browser would never send the cookie back.
    expect(flags).not.toContain('Secure');
    expect(me.cookie).toMatch(/^herald_session=[A-Za-z0-9_-]{43}$/);

    const whoami = await fetch(`${server().url}/api/v1/session`, {
      headers: { cookie: me.cookie },
    });
    expect(whoami.headers.get('cache-control')).toBe('no-store');
    expect(await whoami.json()).toMatchObject({
      setupRequired: false,
      user: { email: 'admin@example.com' },
    });

    const workspaces = await me.call('GET', '/workspaces');
    expect(workspaces.status).toBe(200);
  });

  it('marks the cookie Secure when the request came over https (through a proxy)', async () => {
    const response = await postAccount(
      server(),
      '/login',
      { email: EMAIL, password: PASSWORD },
      { 'x-forwarded-proto': 'https' },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/; Secure$/);
  });

  it('stores only a hash of the session token', async () => {
    const me = await signIn(server(), EMAIL, PASSWORD);
    const token = me.cookie.split('=')[1]!;
    const db = server().store.database.db as unknown as Kysely<AccountTables>;
    const hashes = (await db.selectFrom('admin_sessions').select('token_hash').execute()).map(
      (r) => r.token_hash,
    );
    expect(hashes.length).toBeGreaterThan(0);
    expect(hashes).not.toContain(token);
    expect(hashes.every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
  });

  it('logs out: the cookie is cleared and the session no longer works', async () => {
    const me = await signIn(server(), EMAIL, PASSWORD);
    const out = await postAccount(server(), '/logout', undefined, { cookie: me.cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^herald_session=; .*Max-Age=0/);
    const after = await me.call('GET', '/workspaces');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthorized');
  });

  it('refuses a wrong password or an unknown email alike', async () => {
    for (const body of [
      { email: EMAIL, password: 'wrong password' },
      { email: 'nobody@example.com', password: PASSWORD },
    ]) {
      const response = await postAccount(server(), '/login', body);
      expect(response.status).toBe(401);
      expect(response.headers.get('set-cookie')).toBeNull();
      expect((await response.json()).error.code).toBe('invalid_login');
    }
  });

  it('rate-limits failed logins per IP and email with 429 and Retry-After', async () => {
    const email = 'victim@example.com';
    for (let i = 0; i < 5; i++) {
      const response = await postAccount(server(), '/login', { email, password: `guess ${i}` });
      expect(response.status).toBe(401);
    }
    const limited = await postAccount(server(), '/login', { email, password: 'guess 6' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await limited.json()).error.code).toBe('rate_limited');
    // Another address from the same client is not locked out by that one's failures.
    const other = await postAccount(server(), '/login', { email: EMAIL, password: PASSWORD });
    expect(other.status).toBe(200);
  });

  it('refuses cookie-signed changes without the CSRF header, allows reads', async () => {
    const me = await signIn(server(), EMAIL, PASSWORD);
    const refused = await me.call('POST', '/workspaces', { name: 'Forged' }, { csrf: false });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('csrf_required');
    const list = await me.call('GET', '/workspaces', undefined, { csrf: false });
    expect(list.body.data.map((w: { name: string }) => w.name)).not.toContain('Forged');

    const accepted = await me.call('POST', '/workspaces', { name: 'Real' });
    expect(accepted.status).toBe(201);

    // Sign-in itself needs the header too, so no other site can log a visitor in.
    const login = await fetch(`${server().url}/api/v1/login`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    expect(login.status).toBe(403);
  });

  it('still accepts the master key, and refuses a bad one even beside a valid cookie', async () => {
    expect((await server().admin('GET', '/workspaces')).status).toBe(200);
    const me = await signIn(server(), EMAIL, PASSWORD);
    const mixed = await fetch(`${server().url}/api/v1/workspaces`, {
      headers: { cookie: me.cookie, authorization: 'Bearer not-the-key' },
    });
    expect(mixed.status).toBe(401);
    // The master key needs no CSRF header: it is never sent by a browser on its own.
    const created = await fetch(`${server().url}/api/v1/workspaces`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'By key' }),
    });
    expect(created.status).toBe(201);
  });

  it('answers 401 for a forged or garbage session cookie', async () => {
    for (const cookie of [
      'herald_session=forged',
      'herald_session=',
      'other=1',
      'herald_session=%00;;',
    ]) {
      const response = await fetch(`${server().url}/api/v1/workspaces`, { headers: { cookie } });
      expect(response.status, cookie).toBe(401);
    }
  });
});
