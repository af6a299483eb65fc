/**
 * The tenant transaction primitive: `inTenant` runs work in one transaction that first sets the
 * tenant and switches to the tenant role, so row-level security scopes every statement in it,
 * including one that forgets its `where business_uid = …`. It takes any database: route code
 * does not call it, it goes through the route helper (`tenantMethod`), which calls `withTenant`
 * (`lib/database.ts`) with the verified claims and the process's database; the database tests
 * call it with their own.
 */
import type { StaffClaims } from '@partner/auth';
import { sql } from 'drizzle-orm';
import { TENANT_ROLE } from './access.ts';
import type { Db } from './client.ts';
import { DbUnavailableError, isUnavailable } from './errors.ts';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Who the transaction acts for, taken from verified claims only. */
export interface Tenant {
  readonly businessUid: string;
  /** The staff member the token was issued for (`sub`). */
  readonly staffUid: string;
  /** Who really acts, when someone impersonates the staff member. */
  readonly actorUid: string | null;
}

/** The longest claim value a tenant takes: platform uids are far shorter. */
const TENANT_UID_MAX_LENGTH = 255;

/** C0 and C1 control characters and DEL: never part of a uid, and a log-forging tool. */
const CONTROL = /\p{Cc}/u;

/**
 * A verified token whose identity claims cannot name a tenant: too long, or holding control
 * characters. The signature held, so the issuer sent it; the request is refused, never a 500.
 */
export class InvalidTenantError extends Error {
  readonly code = 'invalid_claims';
  constructor(
    /** The claim at fault: `business_uid`, `sub` or `actor_uid`. */
    readonly claim: 'business_uid' | 'sub' | 'actor_uid',
    reason: string,
  ) {
    // The value itself stays out of the message: it may be huge or forge log lines.
    super(`The token's ${claim} ${reason}.`);
    this.name = 'InvalidTenantError';
  }
}

/** @throws InvalidTenantError when `value` is empty, too long or holds a control character. */
function checkUid(claim: InvalidTenantError['claim'], value: string): string {
  if (value.length === 0) throw new InvalidTenantError(claim, 'is empty');
  if (value.length > TENANT_UID_MAX_LENGTH) {
    throw new InvalidTenantError(claim, `is longer than ${TENANT_UID_MAX_LENGTH} characters`);
  }
  if (CONTROL.test(value)) throw new InvalidTenantError(claim, 'holds a control character');
  return value;
}

/**
 * The tenant of verified claims, or `undefined` when the token names no business.
 * @throws InvalidTenantError (`invalid_claims`) when a uid is empty, longer than 255 characters
 * or holds a control character.
 */
export function tenantOf(claims: StaffClaims): Tenant | undefined {
  if (!claims.businessUid) return undefined;
  return {
    businessUid: checkUid('business_uid', claims.businessUid),
    staffUid: checkUid('sub', claims.sub),
    actorUid: claims.impersonated ? checkUid('actor_uid', claims.actor.uid) : null,
  };
}

/**
 * Runs `work` in one transaction scoped to `tenant`.
 * @throws InvalidTenantError for a uid `tenantOf` would refuse; DbUnavailableError when the
 * database cannot be reached or the statement timed out.
 */
export async function inTenant<T>(
  db: Db,
  tenant: Tenant,
  work: (tx: Tx, tenant: Tenant) => Promise<T>,
): Promise<T> {
  if (!tenant.businessUid || !tenant.staffUid) throw new TypeError('A tenant needs both uids.');
  checkUid('business_uid', tenant.businessUid);
  checkUid('sub', tenant.staffUid);
  if (tenant.actorUid !== null) checkUid('actor_uid', tenant.actorUid);
  try {
    return await db.transaction(async (tx) => {
      // One round trip; `true` keeps each setting, and the role, local to this transaction. The
      // role is this database's own (`access.ts`), named by the server.
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
