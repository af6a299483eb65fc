/**
 * The deployment of docs/DEPLOY.md on a real PostgreSQL server: `db:migrate` as the migration
 * user, the API's start as a least-privilege runtime user (`DATABASE_MIGRATE=check`), its refusal
 * while a migration is pending, and two databases on one server that cannot reach each other.
 * The rows are the test-only `tenant_probes` table's, migrated as the migration user after
 * `db:migrate`, as a partner's next migration would be.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { MigrationError, PendingMigrationError } from '../../src/db/errors.ts';
import { type MigrateMode, prepareDatabase, readJournal } from '../../src/db/migrate.ts';
import { inTenant, type Tenant } from '../../src/db/tenant.ts';
import { createDatabaseUsers, type DatabaseUsers } from './support/database-users.ts';
import { MIGRATIONS } from './support/databases.ts';
import { addRemindersMigration, copyOfMigrations } from './support/migrations.ts';
import { tenantProbes } from './support/probe-table.ts';

const API = fileURLToPath(new URL('../../', import.meta.url));

/** `pnpm --dir apps/api db:migrate` against `url`, as the deploy step runs it. */
function dbMigrate(url: string): { status: number | null; output: string } {
  const result = spawnSync(
    path.join(API, 'node_modules', '.bin', 'tsx'),
    ['src/db/migrate-cli.ts'],
    {
      cwd: API,
      encoding: 'utf8',
      // Development settings, so that the CLI needs no JWKS or CORS settings here.
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', DATABASE_URL: url },
    },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The API's start on `url` in `mode`: the database, prepared, or the error it refused with. */
async function start(
  url: string,
  mode: MigrateMode,
  migrationsFolder = MIGRATIONS,
): Promise<Database> {
  const database = await openDatabase({
    kind: 'server',
    url,
    poolMax: 2,
    statementTimeoutMs: 5000,
  });
  try {
    await prepareDatabase(database, { mode, migrationsFolder });
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** The SQLSTATE and message a statement on `url` fails with (connecting included). */
async function failure(url: string, statement: string): Promise<{ code: string; message: string }> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client.unsafe(statement);
    throw new Error(`not refused: ${statement}`);
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { code, message };
  } finally {
    await client.end();
  }
}

const tenant: Tenant = { businessUid: 'biz-runtime', staffUid: 'stf-1', actorUid: null };

/** `db:migrate`, then the tests' own migration (`tenant_probes`) as the migration user. */
async function migrateAll(users: DatabaseUsers): Promise<void> {
  const migrated = dbMigrate(users.migratorUrl);
  expect(migrated.output).toContain('Migrations applied (server database).');
  expect(migrated.status).toBe(0);
  const migrator = await start(users.migratorUrl, 'apply');
  await migrator.close();
}

/** Writes a row of `tenant_probes` as `tenant` and returns the business's rows. */
function writeAndRead(database: Database, text: string) {
  return inTenant(database.db, tenant, async (tx) => {
    await tx
      .insert(tenantProbes)
      .values({ businessUid: tenant.businessUid, ownerUid: tenant.staffUid, text });
    return tx.select({ text: tenantProbes.text }).from(tenantProbes);
  });
}

describe('a least-privilege runtime user on a PostgreSQL server', () => {
  let users: DatabaseUsers;
  beforeAll(async () => {
    users = await createDatabaseUsers('runtime');
  });
  afterAll(() => users?.drop());

  it('cannot start before db:migrate ran: every migration is pending, by name', async () => {
    const tags = readJournal(MIGRATIONS).map((entry) => entry.tag);
    const refused = await start(users.runtimeUrl, 'check').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PendingMigrationError);
    expect(refused).toMatchObject({ code: 'migration_pending', pending: tags });
    expect((refused as Error).message).toMatch(
      new RegExp(`^Database migration pending: ${tags.join(', ')}\\. Run`),
    );
  });

  it('may not migrate itself: it has no right to change the schema', async () => {
    const refused = await start(users.runtimeUrl, 'apply').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(MigrationError);
    expect((refused as Error).message).toMatch(/permission denied/);
  });

  it('starts after db:migrate ran as the migration user, and serves tenant rows', async () => {
    await migrateAll(users);

    const database = await start(users.runtimeUrl, 'check');
    try {
      expect(await writeAndRead(database, 'served')).toEqual([{ text: 'served' }]);
      const [who] = (await database.db.execute(sql`select current_user as name`)) as unknown as {
        name: string;
      }[];
      expect(who?.name).toBe(`${users.name}_runtime`);
    } finally {
      await database.close();
    }
  });

  it('cannot turn row-level security off, change the schema, or read rows as itself', async () => {
    expect(
      await failure(users.runtimeUrl, 'alter table tenant_probes no force row level security'),
    ).toMatchObject({ code: '42501', message: 'must be owner of table tenant_probes' });
    expect(await failure(users.runtimeUrl, 'create table mine (id int)')).toMatchObject({
      code: '42501',
    });
    expect(await failure(users.runtimeUrl, 'select * from tenant_probes')).toMatchObject({
      code: '42501',
      message: 'permission denied for table tenant_probes',
    });
  });

  it('refuses to start while a newer migration is pending, naming it; starts once it ran', async () => {
    const folder = copyOfMigrations();
    try {
      const tag = addRemindersMigration(folder);
      const refused = await start(users.runtimeUrl, 'check', folder).catch(
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(PendingMigrationError);
      expect(refused).toMatchObject({ pending: [tag] });

      const migrator = await start(users.migratorUrl, 'apply', folder);
      await migrator.close();
      const database = await start(users.runtimeUrl, 'check', folder);
      await database.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('two databases on one PostgreSQL server', () => {
  let ours: DatabaseUsers;
  let theirs: DatabaseUsers;
  beforeAll(async () => {
    [ours, theirs] = await Promise.all([
      createDatabaseUsers('ours'),
      createDatabaseUsers('theirs'),
    ]);
    for (const users of [ours, theirs]) await migrateAll(users);
    const database = await start(ours.runtimeUrl, 'check');
    try {
      await writeAndRead(database, 'ours alone');
    } finally {
      await database.close();
    }
  });
  afterAll(async () => {
    await ours?.drop();
    await theirs?.drop();
  });

  it("the other database's migration and runtime users cannot even connect to ours", async () => {
    const intoOurs = (url: string) => {
      const into = new URL(url);
      into.pathname = `/${ours.name}`;
      return into.href;
    };
    for (const url of [theirs.migratorUrl, theirs.runtimeUrl]) {
      expect(await failure(intoOurs(url), 'select text from tenant_probes')).toEqual({
        code: '42501',
        message: `permission denied for database "${ours.name}"`,
      });
    }
  });

  it('each has a tenant role of its own, granted to its own users only', async () => {
    const client = postgres(ours.migratorUrl, { max: 1, onnotice: () => {} });
    try {
      const members = await client<{ role: string; member: string }[]>`
        select pg_get_userbyid(m.roleid) as role, pg_get_userbyid(m.member) as member
        from pg_auth_members m
        where pg_get_userbyid(m.roleid) in (${`${ours.name}_tenant`}, ${`${theirs.name}_tenant`})
        order by 1, 2`;
      expect(members.map(({ role, member }) => `${role} → ${member}`)).toEqual(
        [ours.name, theirs.name]
          .sort()
          .flatMap((name) => [
            `${name}_tenant → ${name}_migrator`,
            `${name}_tenant → ${name}_runtime`,
          ]),
      );
    } finally {
      await client.end();
    }
  });
});
