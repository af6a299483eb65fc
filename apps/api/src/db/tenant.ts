/**
 * The only way route code reaches the database. Each call is one transaction that first sets
 * the tenant from the verified token and switches to the tenant role, so row-level security
 * scopes every statement in it, including one that forgets its `where business_uid = …`.
 */
import type { StaffClaims } from '@partner/auth';
import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { DbUnavailableError, isUnavailable } from './errors.ts';
import { TENANT_ROLE } from './schema.ts';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Who the transaction acts for, taken from verified claims only. */
export interface Tenant {
  readonly businessUid: string;
  /** The staff member the token was issued for (`sub`). */
  readonly staffUid: string;
  /** Who really acts, when someone impersonates the staff member. */
  readonly actorUid: string | null;
}

/** The tenant of verified claims, or `undefined` when the token names no business. */
export function tenantOf(claims: StaffClaims): Tenant | undefined {
  if (!claims.businessUid) return undefined;
  return {
    businessUid: claims.businessUid,
    staffUid: claims.sub,
    actorUid: claims.impersonated ? claims.actor.uid : null,
  };
}

/**
 * Runs `work` in one transaction scoped to `tenant`.
 * @throws DbUnavailableError when the database cannot be reached or the statement timed out.
 */
export async function inTenant<T>(
  db: Db,
  tenant: Tenant,
  work: (tx: Tx, tenant: Tenant) => Promise<T>,
): Promise<T> {
  if (!tenant.businessUid || !tenant.staffUid) throw new TypeError('A tenant needs both uids.');
  try {
    return await db.transaction(async (tx) => {
      // One round trip; `true` keeps each setting, and the role, local to this transaction.
      await tx.execute(sql`select
        set_config('app.business_uid', ${tenant.businessUid}, true),
        set_config('app.staff_uid', ${tenant.staffUid}, true),
        set_config('role', ${TENANT_ROLE}, true)`);
      return work(tx, tenant);
    });
  } catch (error) {
    if (isUnavailable(error)) throw new DbUnavailableError(error);
    throw error;
  }
}
