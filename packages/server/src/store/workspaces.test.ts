import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../test-support/databases.js';
import { openDatabase } from './database.js';
import { openStore, type Store } from './index.js';

describeEachDialect('WorkspaceRepository', (dialect) => {
  let database: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = await openStore(database.options);
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('creates a workspace with its own write and secret keys and in-app off', async () => {
    const a = await store.workspaces.create('Acme');
    const b = await store.workspaces.create('Globex', { inApp: { enabled: true } });
    expect(a).toMatchObject({
      name: 'Acme',
      inApp: { enabled: false, anonymous: false },
      identityVerification: false,
    });
    expect(b.inApp).toEqual({ enabled: true, anonymous: false });
    expect(a.writeKey).toMatch(/^wk_/);
    expect(a.secretKey).toMatch(/^sk_/);
    expect(new Set([a.writeKey, a.secretKey, b.writeKey, b.secretKey]).size).toBe(4);
  });

  it('finds a workspace by write key, never by secret key', async () => {
    const ws = await store.workspaces.create('Keys');
    expect(await store.workspaces.findIdByKey(ws.writeKey, 'write')).toBe(ws.id);
    expect(await store.workspaces.findIdByKey(ws.secretKey, 'write')).toBeUndefined();
    expect(await store.workspaces.findIdByKey('wk_nope', 'write')).toBeUndefined();
  });

  it('patches settings without losing the others', async () => {
    const ws = await store.workspaces.create('Patchy');
    await store.workspaces.update(ws.id, { inApp: { enabled: true } });
    const updated = await store.workspaces.update(ws.id, {
      inApp: { anonymous: true },
      identityVerification: true,
    });
    expect(updated).toMatchObject({
      name: 'Patchy',
      inApp: { enabled: true, anonymous: true },
      identityVerification: true,
    });
    expect(await store.workspaces.update('ws_missing', { name: 'x' })).toBeUndefined();
  });

  it('runs migrations idempotently when a second node opens the same database', async () => {
    // On SQLite one process serves a data directory (the ingest journal's lock): open the
    // database alone, as `herald migrate` does.
    const second = await openDatabase(database.options);
    expect(second.migrated).toEqual([]);
    await second.close();
  });
});
