/**
 * A per-business bound on a tenant table's rows, so one business cannot fill the database.
 * A route declares it on the method that inserts (`tenantMethod({ rowCap: { table, max } })`)
 * and the route helper checks it in the method's transaction, before the handler runs.
 */
import { count, eq, getTableName, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tenant, Tx } from './tenant.ts';

/** A table declared with `tenantTable`, which gives it `businessUid`. */
type TenantTable = PgTable & { businessUid: AnyPgColumn };

export interface RowCap {
  table: TenantTable;
  /** The most rows one business may keep in `table`. */
  max: number;
}

/**
 * Whether the tenant's business may add a row: it holds fewer than `max`. The check takes a
 * lock, keyed by table and business, until the transaction ends, so concurrent inserts of one
 * business take turns and cannot overshoot; other businesses never wait for it.
 */
export async function belowRowCap(tx: Tx, tenant: Tenant, cap: RowCap): Promise<boolean> {
  const key = `${getTableName(cap.table)}:${tenant.businessUid}`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
  const [held] = await tx
    .select({ n: count() })
    .from(cap.table)
    .where(eq(cap.table.businessUid, tenant.businessUid));
  return (held?.n ?? 0) < cap.max;
}
