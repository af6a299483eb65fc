import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { MigrationError } from '../../src/db/errors.ts';
import { migrate, migrationWatcher } from '../../src/db/migrate.ts';
import { inTenant } from '../../src/db/tenant.ts';
import {
  closeAll,
  createServerDatabase,
  engines,
  MIGRATION_COUNT,
  MIGRATIONS,
  rowsOf,
} from './support/databases.ts';
import { addRemindersMigration, copyOfMigrations } from './support/migrations.ts';

afterAll(closeAll);

/** A migrations folder whose only migration is `statement`. */
function folderWith(statement: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'migrations-'));
  mkdirSync(path.join(folder, 'meta'));
  writeFileSync(path.join(folder, '0000_broken.sql'), statement);
  writeFileSync(
    path.join(folder, 'meta', '_journal.json'),
    JSON.stringify({
      version: '7',
      dialect: 'postgresql',
      entries: [{ idx: 0, version: '7', when: 1, tag: '0000_broken', breakpoints: true }],
    }),
  );
  return folder;
}

describe.each(engines)('migrations on $name', (engine) => {
  it('apply once; running them again changes nothing', async () => {
    const database = await engine.open();
    await migrate(database, MIGRATIONS);
    const applied = rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
    );
    expect(applied).toEqual([{ n: MIGRATION_COUNT }]);
  });

  it('fail with one MigrationError naming the cause, and apply nothing of a broken one', async () => {
    const database = await engine.open({ migrated: false });
    const folder = folderWith(
      'create table half_done (id int);\n--> statement-breakpoint\nselect * from no_such_table;',
    );
    try {
      const failure = await migrate(database, folder).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(MigrationError);
      expect((failure as Error).message).toMatch(/^Database migration failed: .*no_such_table/s);
      const tables = rowsOf(
        await database.db.execute(
          sql`select 1 from pg_catalog.pg_class where relname = 'half_done'`,
        ),
      );
      expect(tables).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('migrations on a PostgreSQL server', () => {
  it('succeed when several instances start at once on a new database', async () => {
    const created = await createServerDatabase();
    const instances = await Promise.all(
      Array.from({ length: 3 }, () =>
        openDatabase({ kind: 'server', url: created.url, poolMax: 2, statementTimeoutMs: 5000 }),
      ),
    );
    try {
      await Promise.all(instances.map((database) => migrate(database, MIGRATIONS)));
      const [first] = instances;
      if (!first) throw new Error('no instance');
      const applied = rowsOf<{ n: number }>(
        await first.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
      );
      expect(applied).toEqual([{ n: MIGRATION_COUNT }]);
    } finally {
      await Promise.all(instances.map((database) => database.close()));
      await created.drop();
    }
  });
});

describe.each(engines)(
  'development on $name: a migration written while the server runs',
  (engine) => {
    it('is applied, with its grants, before the next tenant transaction', async () => {
      const folder = copyOfMigrations();
      try {
        const database = await engine.open({ migrated: false });
        await migrate(database, folder);
        const refresh = migrationWatcher(database, folder);
        await refresh();

        addRemindersMigration(folder);
        // Concurrent requests share one run.
        await Promise.all([refresh(), refresh(), refresh()]);
        const tenant = { businessUid: 'biz-dev', staffUid: 'stf-dev', actorUid: null };
        const rows = await inTenant(database.db, tenant, async (tx) => {
          await tx.execute(
            sql`insert into reminders (business_uid, text) values ('biz-dev', 'now')`,
          );
          return rowsOf(await tx.execute(sql`select text from reminders`));
        });
        expect(rows).toEqual([{ text: 'now' }]);
        const applied = rowsOf<{ n: number }>(
          await database.db.execute(
            sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
          ),
        );
        expect(applied).toEqual([{ n: MIGRATION_COUNT + 1 }]);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });
  },
);
