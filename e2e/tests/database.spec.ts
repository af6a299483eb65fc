import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createDatabaseUsers } from '@partner/api/test-support/database-users';
import {
  createServerDatabase,
  execute,
  serverUrl,
} from '@partner/api/test-support/server-database';
import { freePort } from '@partner/test-kit/ports';
import type { APIRequestContext } from '@playwright/test';
import { apiExit, PRODUCTION_ENV, startApi } from './support/api-server.ts';
import { expect, test } from './support/fixtures.ts';
import type { Platform } from './support/platform.ts';
import { TcpProxy } from './support/tcp-proxy.ts';

// The API's production build as real processes on a real PostgreSQL server (TEST_DATABASE_URL),
// reached through a TCP relay the tests can take down. No page needed: the mock platform of
// the suite issues the tokens.

test.describe.configure({ timeout: 180_000 });

interface NoteBody {
  id: string;
  text: string;
  business_uid: string;
}

/** A token for the mock's current staff member in `business`. */
async function bearerFor(platform: Platform, business: string): Promise<Record<string, string>> {
  const token = await platform.mintToken({ claims: { business_uid: business } });
  return { Authorization: `Bearer ${token}` };
}

async function listIds(
  request: APIRequestContext,
  api: string,
  headers: Record<string, string>,
): Promise<string[]> {
  const response = await request.get(`${api}/api/notes?limit=100`, { headers });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()).notes as NoteBody[]).map((note) => note.id);
}

async function create(
  request: APIRequestContext,
  api: string,
  headers: Record<string, string>,
  text: string,
) {
  return request.post(`${api}/api/notes`, { headers, data: { text } });
}

const unique = (label: string) => `${label}_${crypto.randomUUID().slice(0, 8)}`;

/** A fresh database on the test server, reached through a relay on a port of its own. */
async function databaseBehindProxy() {
  const database = await createServerDatabase('e2e');
  const server = new URL(serverUrl());
  const proxy = new TcpProxy(server.hostname, Number(server.port || 5432));
  await proxy.start();
  const url = new URL(database.url);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  return {
    url: url.href,
    proxy,
    async drop() {
      await proxy.stop();
      await database.drop();
    },
  };
}

test('two instances on one PostgreSQL: start together, share notes, keep them across restarts, and keep businesses apart', async ({
  request,
  platform,
}) => {
  const database = await databaseBehindProxy();
  // Asked to migrate at start, both migrate a new database at the same moment; the advisory
  // lock makes them take turns.
  const env = { ...PRODUCTION_ENV, DATABASE_URL: database.url, DATABASE_MIGRATE: 'apply' };
  let [one, two] = await Promise.all([startApi(env), startApi(env)]);
  try {
    for (const api of [one, two]) {
      expect(api.output()).not.toContain('migration failed');
      const ready = await request.get(`${api.url}/api/ready`);
      expect(await ready.json()).toEqual({
        status: 'ready',
        checks: { jwks: 'ok', database: 'ok' },
      });
    }

    const businessA = await bearerFor(platform, unique('biz_a'));
    const businessB = await bearerFor(platform, unique('biz_b'));
    const created = await create(request, one.url, businessA, 'Written through instance one');
    expect(created.status()).toBe(201);
    const note = (await created.json()) as NoteBody;
    expect(await listIds(request, two.url, businessA)).toEqual([note.id]);

    for (const api of [one, two]) {
      expect(await listIds(request, api.url, businessB)).toEqual([]);
      const refused = await request.delete(`${api.url}/api/notes/${note.id}`, {
        headers: businessB,
      });
      expect(refused.status()).toBe(404);
    }

    await Promise.all([one.stop(), two.stop()]);
    [one, two] = await Promise.all([startApi(env), startApi(env)]);
    for (const api of [one, two]) {
      expect(await listIds(request, api.url, businessA)).toEqual([note.id]);
      expect(await listIds(request, api.url, businessB)).toEqual([]);
    }
  } finally {
    await Promise.all([one.stop(), two.stop()]);
    await database.drop();
  }
});

test('the database going away answers 503 db_unavailable at once, loses no acknowledged note, and recovers', async ({
  request,
  platform,
}) => {
  const database = await databaseBehindProxy();
  const api = await startApi({
    ...PRODUCTION_ENV,
    DATABASE_URL: database.url,
    DATABASE_MIGRATE: 'apply',
    DATABASE_STATEMENT_TIMEOUT_MS: '1000',
  });
  try {
    const headers = await bearerFor(platform, unique('biz_outage'));
    const acknowledged: string[] = [];
    for (const text of ['first', 'second', 'third']) {
      const response = await create(request, api.url, headers, text);
      expect(response.status()).toBe(201);
      acknowledged.unshift(((await response.json()) as NoteBody).id);
    }

    await database.proxy.stop();
    const started = Date.now();
    const listed = await request.get(`${api.url}/api/notes`, { headers });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(listed.status()).toBe(503);
    expect(listed.headers()['retry-after']).toBe('5');
    expect((await listed.json()).error).toMatchObject({ code: 'db_unavailable' });
    const lost = await create(request, api.url, headers, 'written during the outage');
    expect(lost.status()).toBe(503);
    // Authentication needs no database.
    expect((await request.get(`${api.url}/api/me`, { headers })).status()).toBe(200);
    const ready = await request.get(`${api.url}/api/ready`);
    expect(ready.status()).toBe(503);
    expect((await ready.json()).checks).toEqual({ jwks: 'ok', database: 'failing' });
    expect(api.output()).toContain('"event":"db_unavailable"');

    await database.proxy.start();
    // Every note that was answered 201 is there; the one answered 503 left nothing.
    expect(await listIds(request, api.url, headers)).toEqual(acknowledged);
    expect((await request.get(`${api.url}/api/ready`)).status()).toBe(200);
  } finally {
    await api.stop();
    await database.drop();
  }
});

test.describe('the process refuses to start on a database it cannot migrate', () => {
  test('a migration that fails: exit non-zero with one message naming the cause', async () => {
    const database = await createServerDatabase('e2e');
    try {
      // A table in the way of the first migration that creates it.
      await execute(database.url, 'create table notes (id int)');
      const { code, output } = await apiExit({
        ...PRODUCTION_ENV,
        DATABASE_URL: database.url,
        DATABASE_MIGRATE: 'apply',
      });
      expect(code).not.toBe(0);
      expect(output).toContain('api: Database migration failed: relation "notes" already exists');
      expect(output.match(/Database migration failed/g)).toHaveLength(1);
    } finally {
      await database.drop();
    }
  });

  test('an unreachable server: exit non-zero with one message', async () => {
    const port = await freePort();
    const { code, output } = await apiExit({
      ...PRODUCTION_ENV,
      DATABASE_URL: `postgres://app@127.0.0.1:${port}/app`,
    });
    expect(code).not.toBe(0);
    expect(output).toContain(
      `api: Database migration check failed: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });
});

/** `pnpm --dir apps/api db:migrate`, as the deploy step runs it, against `url`. */
function dbMigrate(url: string): { status: number | null; output: string } {
  const result = spawnSync('pnpm', ['--silent', '--dir', 'apps/api', 'db:migrate'], {
    cwd: fileURLToPath(new URL('../../', import.meta.url)),
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...PRODUCTION_ENV, DATABASE_URL: url },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

test('as the least-privilege runtime user of docs/DEPLOY.md: refuses to start before db:migrate, serves after it, refuses a tenant role that bypasses RLS', async ({
  request,
  platform,
}) => {
  const users = await createDatabaseUsers('e2e');
  const env = { ...PRODUCTION_ENV, DATABASE_URL: users.runtimeUrl };
  try {
    // DATABASE_MIGRATE is unset: production on a server only checks.
    const early = await apiExit(env);
    expect(early.code).not.toBe(0);
    expect(early.output).toMatch(/api: Database migration pending: 0000_\w+\. Run /);

    const migrated = dbMigrate(users.migratorUrl);
    expect(migrated.output).toContain('Migrations applied (server database).');
    expect(migrated.status).toBe(0);

    const api = await startApi(env);
    try {
      const headers = await bearerFor(platform, unique('biz_runtime'));
      const created = await create(request, api.url, headers, 'served by the runtime user');
      expect(created.status()).toBe(201);
      expect(await listIds(request, api.url, headers)).toEqual([
        ((await created.json()) as NoteBody).id,
      ]);
    } finally {
      await api.stop();
    }

    await execute(serverUrl(), `alter role ${users.name}_tenant bypassrls`);
    const unsafe = await apiExit(env);
    expect(unsafe.code).not.toBe(0);
    expect(unsafe.output).toContain('api: Unsafe database access (1):');
    expect(unsafe.output).toContain('bypasses row-level security (BYPASSRLS)');
  } finally {
    await users.drop();
  }
});

test('embedded PGlite on disk keeps the notes across a restart', async ({ request, platform }) => {
  const folder = `.data/e2e-${crypto.randomUUID().slice(0, 8)}`;
  const env = { ...PRODUCTION_ENV, PGLITE_DATA_DIR: folder };
  const headers = await bearerFor(platform, unique('biz_embedded'));
  let api = await startApi(env);
  try {
    expect(api.output()).toContain('DATABASE_URL is unset: data is kept in embedded PGlite');
    const created = await create(request, api.url, headers, 'kept on disk');
    expect(created.status()).toBe(201);
    const note = (await created.json()) as NoteBody;
    await api.stop();
    api = await startApi(env);
    expect(await listIds(request, api.url, headers)).toEqual([note.id]);
  } finally {
    await api.stop();
    await rm(fileURLToPath(new URL(`../../apps/api/${folder}`, import.meta.url)), {
      recursive: true,
      force: true,
    });
  }
});
