/**
 * Tenant isolation proved in the database itself: raw SQL inside a tenant scope, with no
 * `where business_uid = …`, still meets only that business's rows. It runs on the test-only
 * `tenant_probes` table, declared with `tenantTable` as any feature's table is (business-wide
 * reads, owned inserts and deletes, no update), so it holds with or without the demo.
 */
import { sql, TransactionRollbackError } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { inTenant, type Tenant } from '../../src/db/tenant.ts';
import { closeAll, engines, tenantRoleIdentifier, tenantRoleName } from './support/databases.ts';
import { tenantProbes } from './support/probe-table.ts';

afterAll(closeAll);

const A: Tenant = { businessUid: 'biz-a', staffUid: 'stf-a1', actorUid: null };
const A2: Tenant = { businessUid: 'biz-a', staffUid: 'stf-a2', actorUid: null };
const B: Tenant = { businessUid: 'biz-b', staffUid: 'stf-b1', actorUid: null };

/** The database's own error under Drizzle's wrapper. */
async function refusal(
  promise: Promise<unknown>,
): Promise<{ code: string | undefined; message: string }> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message: string } }).cause;
    if (cause) return { code: cause.code, message: cause.message };
    throw error;
  }
  throw new Error('The statement was not refused.');
}

/** The tenant role holds no privilege for the statement: no policy covers it, so no GRANT. */
const NOT_GRANTED = {
  code: '42501',
  message: 'permission denied for table tenant_probes',
};

const RLS_REFUSAL = {
  code: '42501',
  message: expect.stringMatching(/violates row-level security policy for table "tenant_probes"/),
};

/** Rows of a raw statement, whichever driver answered. */
function rowsOf(result: unknown): Record<string, unknown>[] {
  const { rows } = result as { rows?: Record<string, unknown>[] };
  return rows ?? (result as Record<string, unknown>[]);
}

describe.each(engines)('tenant isolation on $name', (engine) => {
  let database: Database;
  let rowOfA: string;

  /** Writes a row as `who`, through the tenant transaction as a route would. */
  const insert = (who: Tenant, text: string) =>
    inTenant(database.db, who, async (tx) => {
      const [row] = await tx
        .insert(tenantProbes)
        .values({ businessUid: who.businessUid, ownerUid: who.staffUid, text })
        .returning({ id: tenantProbes.id });
      if (!row) throw new Error('The insert returned no row.');
      return row.id;
    });

  beforeAll(async () => {
    database = await engine.open();
    rowOfA = await insert(A, 'A secret');
    await insert(B, 'B secret');
  });

  const raw = (who: Tenant, query: ReturnType<typeof sql>) =>
    inTenant(database.db, who, async (tx) => rowsOf(await tx.execute(query)));

  it('runs as the tenant role with the verified uids set, and only inside the transaction', async () => {
    const [inside] = await raw(
      A,
      sql`select current_user as role, current_setting('app.business_uid') as business,
        current_setting('app.staff_uid') as staff`,
    );
    const role = await tenantRoleName(database);
    expect(role).toMatch(/_tenant$/);
    expect(inside).toEqual({ role, business: 'biz-a', staff: 'stf-a1' });
    const [after] = rowsOf(
      await database.db.execute(
        sql`select current_user as role, current_setting('app.business_uid', true) as business`,
      ),
    );
    expect(after?.role).not.toBe(role);
    expect(after?.business || null).toBeNull();
  });

  it("a raw select * from tenant_probes returns only the tenant's business", async () => {
    const rows = await raw(A, sql`select * from tenant_probes`);
    expect(rows.map((row) => row.text)).toEqual(['A secret']);
    const rowsOfB = await raw(B, sql`select * from tenant_probes`);
    expect(rowsOfB.map((row) => row.text)).toEqual(['B secret']);
  });

  it('refuses an insert naming another business', async () => {
    expect(
      await refusal(
        raw(
          A,
          sql`insert into tenant_probes (business_uid, owner_uid, text) values ('biz-b', 'stf-a1', 'planted')`,
        ),
      ),
    ).toEqual(RLS_REFUSAL);
    const rows = await raw(B, sql`select text from tenant_probes`);
    expect(rows.map((row) => row.text)).toEqual(['B secret']);
  });

  it('refuses an insert in the name of another staff member', async () => {
    expect(
      await refusal(
        raw(
          A,
          sql`insert into tenant_probes (business_uid, owner_uid, text) values ('biz-a', 'stf-a2', 'forged')`,
        ),
      ),
    ).toEqual(RLS_REFUSAL);
  });

  it('refuses every update, even of its own row, and TRUNCATE: no policy covers them', async () => {
    expect(
      await refusal(
        raw(A, sql`update tenant_probes set business_uid = 'biz-b' where id = ${rowOfA}`),
      ),
    ).toEqual(NOT_GRANTED);
    expect(
      await refusal(raw(A, sql`update tenant_probes set text = 'edited' where id = ${rowOfA}`)),
    ).toEqual(NOT_GRANTED);
    // TRUNCATE ignores row-level security: only the missing GRANT stops it.
    expect(await refusal(raw(B, sql`truncate tenant_probes`))).toEqual(NOT_GRANTED);
    const rows = await raw(
      A,
      sql`select business_uid, text from tenant_probes where id = ${rowOfA}`,
    );
    expect(rows).toEqual([{ business_uid: 'biz-a', text: 'A secret' }]);
  });

  it("cannot delete another business's rows: they do not exist for it", async () => {
    expect(
      await raw(B, sql`delete from tenant_probes where business_uid = 'biz-a' returning id`),
    ).toEqual([]);
    const rows = await raw(A, sql`select text from tenant_probes`);
    expect(rows.map((row) => row.text)).toEqual(['A secret']);
  });

  it("refuses a non-owner's delete by policy, even as raw SQL in the same business", async () => {
    expect(await raw(A2, sql`delete from tenant_probes where id = ${rowOfA} returning id`)).toEqual(
      [],
    );
    expect(await raw(A2, sql`select id from tenant_probes where id = ${rowOfA}`)).toHaveLength(1);
  });

  it('shows nothing when the tenant role runs with no business set, or an empty one', async () => {
    const role = await tenantRoleIdentifier(database);
    for (const setting of [sql`select 1`, sql`select set_config('app.business_uid', '', true)`]) {
      const rows = await database.db.transaction(async (tx) => {
        await tx.execute(setting);
        await tx.execute(sql.raw(`set local role ${role}`));
        return rowsOf(await tx.execute(sql`select * from tenant_probes`));
      });
      expect(rows).toEqual([]);
    }
  });

  it('refuses an empty business_uid, even from the owner', async () => {
    expect(
      await refusal(
        database.db.execute(
          sql`insert into tenant_probes (business_uid, owner_uid, text) values ('', 'stf-a1', 'nobody')`,
        ),
      ),
    ).toEqual({
      code: '23514',
      message: expect.stringContaining('"tenant_probes_business_uid_not_empty"'),
    });
  });
  it("shows nothing to the table's owner either, once it is not a superuser: RLS is forced", async () => {
    // Inside a transaction that is rolled back: a throw-away owner role, given the table.
    const owner = `owner_${Math.random().toString(36).slice(2, 10)}`;
    let seen: unknown[] | undefined;
    await database.db
      .transaction(async (tx) => {
        await tx.execute(sql.raw(`create role ${owner} nologin nosuperuser nobypassrls`));
        await tx.execute(sql.raw(`alter table tenant_probes owner to ${owner}`));
        await tx.execute(sql.raw(`set local role ${owner}`));
        seen = rowsOf(await tx.execute(sql`select * from tenant_probes`));
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof TransactionRollbackError)) throw error;
      });
    expect(seen).toEqual([]);
    expect(await raw(A, sql`select text from tenant_probes`)).toEqual([{ text: 'A secret' }]);
  });
});
