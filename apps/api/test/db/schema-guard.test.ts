/**
 * Every table of the migrated database must keep tenants apart in the database itself, as
 * `tenantTable` and the migrator leave it: a `business_uid` that is never NULL or empty,
 * row-level security enabled and forced, policies `TO public` that each compare `business_uid`
 * with the transaction's business, and GRANTs to the tenant role that match those policies
 * exactly. It reads the catalog, not the code: add a table any other way and this test names it
 * and what it lacks.
 */
import { is, sql, TransactionRollbackError } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import * as schema from '../../src/db/schema.ts';
import { closeAll, engines, rowsOf, tenantRoleName } from './support/databases.ts';
import { tenantProbes } from './support/probe-table.ts';

afterAll(closeAll);

interface TableFacts {
  table: string;
  business_column: 'missing' | 'nullable' | 'not text' | 'ok';
  business_not_empty: boolean;
  rls_enabled: boolean;
  rls_forced: boolean;
  /** One per policy: `name|command|roles|using|with check`. */
  policies: { name: string; command: string; roles: string[]; expressions: string }[];
  /** What the tenant role holds on the table. */
  granted: string[];
}

/** What a policy's command needs the tenant role to hold. */
const COMMANDS: Record<string, string[]> = {
  ALL: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  SELECT: ['SELECT'],
  INSERT: ['INSERT'],
  UPDATE: ['UPDATE'],
  DELETE: ['DELETE'],
};

/** The business comparison as PostgreSQL writes a policy back. */
const BUSINESS_COMPARISON =
  /\bbusiness_uid = NULLIF\(current_setting\('app\.business_uid'::text, true\), ''::text\)/;

/** Every ordinary or partitioned table outside the system schemas and Drizzle's bookkeeping. */
const guardQuery = (role: string) => sql`
  select c.relname as table,
         case
           when a.attname is null then 'missing'
           when not a.attnotnull then 'nullable'
           when a.atttypid <> 'text'::regtype then 'not text'
           else 'ok' end as business_column,
         exists (select from pg_catalog.pg_constraint k
                 where k.conrelid = c.oid and k.contype = 'c'
                   and pg_catalog.pg_get_constraintdef(k.oid) like '%business_uid <> ''''::text%')
           as business_not_empty,
         c.relrowsecurity as rls_enabled,
         c.relforcerowsecurity as rls_forced,
         coalesce((select json_agg(json_build_object(
                    'name', p.polname,
                    'command', case p.polcmd when '*' then 'ALL' when 'r' then 'SELECT'
                      when 'a' then 'INSERT' when 'w' then 'UPDATE' when 'd' then 'DELETE' end,
                    'roles', array(select case r when 0 then 'public'
                      else pg_catalog.pg_get_userbyid(r)::text end from unnest(p.polroles) r),
                    'expressions',
                      coalesce(pg_catalog.pg_get_expr(p.polqual, p.polrelid), '') || ' | ' ||
                      coalesce(pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid), ''))
                    order by p.polname)
                   from pg_catalog.pg_policy p where p.polrelid = c.oid), '[]'::json) as policies,
         array(select distinct x.privilege_type from aclexplode(c.relacl) x
               where x.grantee = (select oid from pg_catalog.pg_roles where rolname = ${role})
               order by 1) as granted
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  left join pg_catalog.pg_attribute a
    on a.attrelid = c.oid and a.attname = 'business_uid' and not a.attisdropped
  where c.relkind in ('r', 'p')
    and n.nspname not in ('pg_catalog', 'information_schema', 'drizzle')
    and n.nspname not like 'pg\\_%'
  order by c.relname`;

/** Everything wrong with one table, each naming the table and the statement that would fix it. */
function problems(facts: TableFacts, role: string): string[] {
  const table = `table "${facts.table}"`;
  const found: string[] = [];
  if (facts.business_column !== 'ok') {
    found.push(`${table}: business_uid is ${facts.business_column} (business_uid text NOT NULL)`);
  }
  if (!facts.business_not_empty) found.push(`${table}: no CHECK (business_uid <> '')`);
  if (!facts.rls_enabled) found.push(`${table}: no ENABLE ROW LEVEL SECURITY`);
  if (!facts.rls_forced) found.push(`${table}: no FORCE ROW LEVEL SECURITY`);
  if (facts.policies.length === 0) found.push(`${table}: no CREATE POLICY`);
  const covered = new Set<string>();
  for (const policy of facts.policies) {
    const named = `${table}: policy "${policy.name}" (FOR ${policy.command})`;
    if (policy.roles.join() !== 'public') {
      found.push(`${named} is TO ${policy.roles.join(', ')}, not TO public`);
    }
    if (!BUSINESS_COMPARISON.test(policy.expressions)) {
      found.push(`${named} does not compare business_uid with app.business_uid`);
    }
    for (const privilege of COMMANDS[policy.command] ?? []) {
      covered.add(privilege);
      if (!facts.granted.includes(privilege)) {
        found.push(`${named} without GRANT ${privilege} to ${role}`);
      }
    }
  }
  for (const privilege of facts.granted.filter((granted) => !covered.has(granted))) {
    found.push(`${table}: GRANT ${privilege} to ${role} without a policy FOR ${privilege}`);
  }
  return found;
}

type Executor = Pick<Database['db'], 'execute'>;

describe.each(engines)('schema guard on $name', (engine) => {
  let database: Database;
  let role: string;
  beforeAll(async () => {
    database = await engine.open();
    role = await tenantRoleName(database);
  });

  const guard = async (on: Executor = database.db) =>
    rowsOf<TableFacts>(await on.execute(guardQuery(role)));
  const failures = (facts: TableFacts[]) => facts.flatMap((table) => problems(table, role));

  it("looks at every table the app's schema and the tests declare", async () => {
    // The test-only table keeps this check from passing on an app schema with no table yet.
    const declared = [...Object.values(schema), tenantProbes]
      .filter((value) => is(value, PgTable))
      .map((table) => getTableConfig(table).name);
    const seen = (await guard()).map((facts) => facts.table);
    expect(seen).toEqual(expect.arrayContaining(declared));
  });

  it('passes every table of the migrated database', async () => {
    const found = failures(await guard());
    expect(found, found.join('\n')).toEqual([]);
  });

  /**
   * The guard's findings for a throw-away table, created as `tenantTable` and the migrator
   * would, then changed by `change`; all inside a transaction that is rolled back.
   */
  async function probe(change: string): Promise<string[]> {
    const quoted = `"${role.replaceAll('"', '""')}"`;
    let found: string[] = [];
    await database.db
      .transaction(async (tx) => {
        for (const statement of [
          `create table guard_probe (id int, business_uid text not null,
             constraint guard_probe_business_uid_not_empty check (business_uid <> ''))`,
          'alter table guard_probe enable row level security',
          'alter table guard_probe force row level security',
          `create policy guard_probe_select on guard_probe for select to public
             using (business_uid = nullif(current_setting('app.business_uid', true), ''))`,
          `grant select on guard_probe to ${quoted}`,
          ...(change ? [change.replaceAll('<role>', quoted)] : []),
        ]) {
          await tx.execute(sql.raw(statement));
        }
        found = failures((await guard(tx)).filter((facts) => facts.table === 'guard_probe'));
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof TransactionRollbackError)) throw error;
      });
    return found;
  }

  it('passes a throw-away table made as tenantTable and the migrator make one', async () => {
    expect(await probe('')).toEqual([]);
  });

  it('fails a throw-away table without FORCE, naming table and statement', async () => {
    expect(await probe('alter table guard_probe no force row level security')).toEqual([
      'table "guard_probe": no FORCE ROW LEVEL SECURITY',
    ]);
  });

  it('fails a GRANT without a policy, naming table and statement', async () => {
    expect(await probe('grant delete, truncate on guard_probe to <role>')).toEqual([
      `table "guard_probe": GRANT DELETE to ${role} without a policy FOR DELETE`,
      `table "guard_probe": GRANT TRUNCATE to ${role} without a policy FOR TRUNCATE`,
    ]);
  });

  it('fails a policy without a GRANT, naming table and statement', async () => {
    const policy = `create policy guard_probe_insert on guard_probe for insert to public
      with check (business_uid = nullif(current_setting('app.business_uid', true), ''))`;
    expect(await probe(policy)).toEqual([
      `table "guard_probe": policy "guard_probe_insert" (FOR INSERT) without GRANT INSERT to ${role}`,
    ]);
  });

  it('fails a policy that does not scope rows to the business, or names a role', async () => {
    expect(
      await probe(
        'create policy guard_probe_all on guard_probe for select to current_user using (true)',
      ),
    ).toEqual([
      expect.stringMatching(
        /^table "guard_probe": policy "guard_probe_all" \(FOR SELECT\) is TO \S+, not TO public$/,
      ),
      'table "guard_probe": policy "guard_probe_all" (FOR SELECT) does not compare business_uid with app.business_uid',
    ]);
  });

  it('fails a bare table on everything it lacks', async () => {
    let found: string[] = [];
    await database.db
      .transaction(async (tx) => {
        await tx.execute(sql.raw('create table guard_bare (id int, business_uid text)'));
        found = failures((await guard(tx)).filter((facts) => facts.table === 'guard_bare'));
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof TransactionRollbackError)) throw error;
      });
    expect(found).toEqual([
      'table "guard_bare": business_uid is nullable (business_uid text NOT NULL)',
      `table "guard_bare": no CHECK (business_uid <> '')`,
      'table "guard_bare": no ENABLE ROW LEVEL SECURITY',
      'table "guard_bare": no FORCE ROW LEVEL SECURITY',
      'table "guard_bare": no CREATE POLICY',
    ]);
  });
});
