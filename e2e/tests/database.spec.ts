import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
import { type ApiProcess, apiExit, PRODUCTION_ENV, startApi } from './support/api-server.ts';
import { expect, test } from './support/fixtures.ts';
import type { Platform } from './support/platform.ts';
import { TcpProxy } from './support/tcp-proxy.ts';

// The API's production build as real processes on a real PostgreSQL server (TEST_DATABASE_URL),
// reached through a TCP relay the tests can take down. No page needed: the mock platform of
// the suite issues the tokens. What the platform guarantees is read from /api/ready (which
// queries the database) and /api/me (which needs none).
// demo:start
// The demo's notes add the proof that rows are shared, kept across restarts, and kept apart.
// demo:end

test.describe.configure({ timeout: 180_000 });

/** GET /api/ready of `api`: its status and checks. */
async function readiness(request: APIRequestContext, api: ApiProcess) {
  const response = await request.get(`${api.url}/api/ready`);
  return { status: response.status(), checks: (await response.json()).checks };
}

const READY = { status: 200, checks: { jwks: 'ok', database: 'ok' } };

/** The tags of the API's committed migrations, from its journal. */
function migrationTags(): string[] {
  const journal = JSON.parse(
    readFileSync(new URL('../../apps/api/drizzle/meta/_journal.json', import.meta.url), 'utf8'),
  ) as { entries: { tag: string }[] };
  return journal.entries.map((entry) => entry.tag);
}

/** A token for the mock's current staff member in `business`. */
async function bearerFor(platform: Platform, business: string): Promise<Record<string, string>> {
  const token = await platform.mintToken({ claims: { business_uid: business } });
  return { Authorization: `Bearer ${token}` };
}

// demo:start
interface NoteBody {
  id: string;
  text: string;
  business_uid: string;
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
// demo:end

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

test('two instances on one PostgreSQL: migrate together, serve it, and serve it again after a restart', async ({
  request,
  // demo:start
  platform,
  // demo:end
}) => {
  const database = await databaseBehindProxy();
  // Asked to migrate at start, both migrate a new database at the same moment; the advisory
  // lock makes them take turns.
  const env = { ...PRODUCTION_ENV, DATABASE_URL: database.url, DATABASE_MIGRATE: 'apply' };
  let [one, two] = await Promise.all([startApi(env), startApi(env)]);
  try {
    for (const api of [one, two]) {
      expect(api.output()).not.toContain('migration failed');
      expect(await readiness(request, api)).toEqual(READY);
    }

    // demo:start
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

    // demo:end
    await Promise.all([one.stop(), two.stop()]);
    [one, two] = await Promise.all([startApi(env), startApi(env)]);
    for (const api of [one, two]) {
      expect(await readiness(request, api)).toEqual(READY);
      // demo:start
      expect(await listIds(request, api.url, businessA)).toEqual([note.id]);
      expect(await listIds(request, api.url, businessB)).toEqual([]);
      // demo:end
    }
  } finally {
    await Promise.all([one.stop(), two.stop()]);
    await database.drop();
  }
});

test('the database going away: readiness answers 503 at once, authentication keeps working, and all recovers', async ({
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
    expect(await readiness(request, api)).toEqual(READY);
    // demo:start
    const acknowledged: string[] = [];
    for (const text of ['first', 'second', 'third']) {
      const response = await create(request, api.url, headers, text);
      expect(response.status()).toBe(201);
      acknowledged.unshift(((await response.json()) as NoteBody).id);
    }

    // demo:end

    await database.proxy.stop();
    const started = Date.now();
    expect(await readiness(request, api)).toEqual({
      status: 503,
      checks: { jwks: 'ok', database: 'failing' },
    });
    expect(Date.now() - started).toBeLessThan(3000);
    // Authentication needs no database.
    expect((await request.get(`${api.url}/api/me`, { headers })).status()).toBe(200);
    // demo:start
    const listed = await request.get(`${api.url}/api/notes`, { headers });
    expect(listed.status()).toBe(503);
    expect(listed.headers()['retry-after']).toBe('5');
    expect((await listed.json()).error).toMatchObject({ code: 'db_unavailable' });
    const lost = await create(request, api.url, headers, 'written during the outage');
    expect(lost.status()).toBe(503);
    expect(api.output()).toContain('"event":"db_unavailable"');
    // demo:end

    await database.proxy.start();
    expect(await readiness(request, api)).toEqual(READY);
    // demo:start
    // Every note that was answered 201 is there; the one answered 503 left nothing.
    expect(await listIds(request, api.url, headers)).toEqual(acknowledged);
    // demo:end
  } finally {
    await api.stop();
    await database.drop();
  }
});

test.describe('the process refuses to start on a database it cannot migrate', () => {
  test('a migration that fails: exit non-zero with one message naming the cause', async () => {
    const database = await createServerDatabase('e2e');
    try {
      // A record of migrations the migrator cannot read, whatever the migrations are.
      await execute(
        database.url,
        'create schema drizzle; create table drizzle.__drizzle_migrations (id int)',
      );
      const { code, output } = await apiExit({
        ...PRODUCTION_ENV,
        DATABASE_URL: database.url,
        DATABASE_MIGRATE: 'apply',
      });
      expect(code).not.toBe(0);
      expect(output).toContain('api: Database migration failed: column "hash" does not exist');
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
  // demo:start
  platform,
  // demo:end
}) => {
  const users = await createDatabaseUsers('e2e');
  const env = { ...PRODUCTION_ENV, DATABASE_URL: users.runtimeUrl };
  try {
    // DATABASE_MIGRATE is unset: production on a server only checks. A journal with no
    // migration yet (the starter without its demo) leaves nothing pending, and the tenant role
    // comes from the page's SQL, so there is no refusal to see until the first migration.
    const tags = migrationTags();
    if (tags.length > 0) {
      const early = await apiExit(env);
      expect(early.code).not.toBe(0);
      expect(early.output).toContain(`api: Database migration pending: ${tags.join(', ')}. Run `);
    }

    const migrated = dbMigrate(users.migratorUrl);
    expect(migrated.output).toContain('Migrations applied (server database).');
    expect(migrated.status).toBe(0);

    const api = await startApi(env);
    try {
      expect(await readiness(request, api)).toEqual(READY);
      // demo:start
      const headers = await bearerFor(platform, unique('biz_runtime'));
      const created = await create(request, api.url, headers, 'served by the runtime user');
      expect(created.status()).toBe(201);
      expect(await listIds(request, api.url, headers)).toEqual([
        ((await created.json()) as NoteBody).id,
      ]);
      // demo:end
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

test('embedded PGlite on disk: migrated at start, opened again after a restart', async ({
  request,
  // demo:start
  platform,
  // demo:end
}) => {
  const folder = `.data/e2e-${crypto.randomUUID().slice(0, 8)}`;
  const env = { ...PRODUCTION_ENV, PGLITE_DATA_DIR: folder };
  let api = await startApi(env);
  try {
    expect(api.output()).toContain('DATABASE_URL is unset: data is kept in embedded PGlite');
    expect(await readiness(request, api)).toEqual(READY);
    // demo:start
    const headers = await bearerFor(platform, unique('biz_embedded'));
    const created = await create(request, api.url, headers, 'kept on disk');
    expect(created.status()).toBe(201);
    const note = (await created.json()) as NoteBody;
    // demo:end
    await api.stop();
    api = await startApi(env);
    expect(await readiness(request, api)).toEqual(READY);
    // demo:start
    expect(await listIds(request, api.url, headers)).toEqual([note.id]);
    // demo:end
  } finally {
    await api.stop();
    await rm(fileURLToPath(new URL(`../../apps/api/${folder}`, import.meta.url)), {
      recursive: true,
      force: true,
    });
  }
});
