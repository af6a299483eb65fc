/**
 * Every table of the app's schema must keep tenants apart in the database: row-level security
 * enabled and forced, and a policy on `app.business_uid`. Add a table without them and this
 * test names it.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { closeAll, engines } from './support/databases.ts';

afterAll(closeAll);

interface TableGuard {
  table: string;
  rls_enabled: boolean;
  rls_forced: boolean;
  has_business_column: boolean;
  business_policies: number;
}

/** Rows of a raw statement, whichever driver answered. */
function rowsOf<T>(result: unknown): T[] {
  const { rows } = result as { rows?: T[] };
  return rows ?? (result as T[]);
}

/** What the guard requires of a table, as the list of what it lacks. */
function problems(guard: TableGuard): string[] {
  const missing: string[] = [];
  if (!guard.has_business_column) missing.push('a business_uid column');
  if (!guard.rls_enabled) missing.push('row-level security enabled');
  if (!guard.rls_forced) missing.push('row-level security forced');
  if (guard.business_policies === 0)
    missing.push("a policy on current_setting('app.business_uid')");
  return missing;
}

/** Every ordinary or partitioned table outside the system schemas and Drizzle's bookkeeping. */
const GUARD_QUERY = sql`
  select c.relname as table,
         c.relrowsecurity as rls_enabled,
         c.relforcerowsecurity as rls_forced,
         exists (select from pg_catalog.pg_attribute a
                 where a.attrelid = c.oid and a.attname = 'business_uid' and not a.attisdropped)
           as has_business_column,
         (select count(*)::int from pg_catalog.pg_policy p
          where p.polrelid = c.oid
            and (coalesce(pg_catalog.pg_get_expr(p.polqual, p.polrelid), '') ||
                 coalesce(pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid), ''))
                like '%business_uid%current_setting(''app.business_uid''%')
           as business_policies
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p')
    and n.nspname not in ('pg_catalog', 'information_schema', 'drizzle')
    and n.nspname not like 'pg_toast%'
  order by c.relname`;

describe.each(engines)('schema guard on $name', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await engine.open();
  });

  const guards = async () => rowsOf<TableGuard>(await database.db.execute(GUARD_QUERY));

  it('finds the tables of the schema', async () => {
    expect((await guards()).map((guard) => guard.table)).toContain('notes');
  });

  it('every table has business_uid, row-level security enabled and forced, and a business policy', async () => {
    const failures = (await guards())
      .map((guard) => ({ table: guard.table, missing: problems(guard) }))
      .filter((entry) => entry.missing.length > 0)
      .map(({ table, missing }) => `table "${table}" lacks ${missing.join(', ')}`);
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('names a table added without them', async () => {
    await database.db.execute(sql`create table guard_probe (id int, business_uid text)`);
    try {
      const probe = (await guards()).find((guard) => guard.table === 'guard_probe');
      expect(probe && problems(probe)).toEqual([
        'row-level security enabled',
        'row-level security forced',
        "a policy on current_setting('app.business_uid')",
      ]);
    } finally {
      await database.db.execute(sql`drop table guard_probe`);
    }
  });
});
