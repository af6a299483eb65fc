/**
 * `tenantTable`: the one way to declare a table that holds business data, so that no part of
 * its isolation can be forgotten. It adds the `business_uid` column (NOT NULL, never empty),
 * enables row-level security and writes one policy per allowed command on the tenant settings
 * that `inTenant` sets from the verified token. The migrator then forces row-level security
 * and grants the tenant role exactly the commands these policies cover
 * (`docs/decisions/015-tenant-tables.md`); `test/db/schema-guard.test.ts` checks the result.
 */
import type { BuildExtraConfigColumns } from 'drizzle-orm';
import { type SQL, sql } from 'drizzle-orm';
import {
  check,
  type PgColumnBuilderBase,
  type PgTableExtraConfigValue,
  pgPolicy,
  pgTable,
  text,
} from 'drizzle-orm/pg-core';

/** What a tenant may do with a table's rows; each becomes one policy and one GRANT. */
type TenantCommand = 'select' | 'insert' | 'update' | 'delete';

/**
 * The transaction's business and staff member. `missing_ok` makes an unset one NULL; `nullif`
 * makes a pooled connection's leftover `''` (set by an earlier tenant transaction) NULL too, so
 * a query outside a tenant transaction matches no row.
 */
const currentBusinessUid = sql`nullif(current_setting('app.business_uid', true), '')`;
const currentStaffUid = sql`nullif(current_setting('app.staff_uid', true), '')`;

const businessUidColumn = () => text('business_uid').notNull();

type TenantColumns<TColumns> = TColumns & { businessUid: ReturnType<typeof businessUidColumn> };

interface TenantTableOptions<TName extends string, TColumns> {
  /** The commands tenants may run; anything else is refused by the database (no GRANT). */
  commands: readonly [TenantCommand, ...TenantCommand[]];
  /**
   * The column naming the staff member a row belongs to. Inserts must name the transaction's
   * staff member, and only that staff member may update or delete the row; reads stay
   * business-wide.
   */
  owner?: keyof TColumns & string;
  /** Indexes, constraints and foreign keys, as `pgTable`'s third argument. */
  extraConfig?: (
    table: BuildExtraConfigColumns<TName, TenantColumns<TColumns>, 'pg'>,
  ) => PgTableExtraConfigValue[];
}

/**
 * A table of business data: `business_uid` (NOT NULL, `CHECK (business_uid <> '')`), row-level
 * security enabled, and a policy `<table>_<command>` for each of `commands`, `TO public` (the
 * GRANTs decide who may run them, and the tenant role's name belongs to each database).
 */
export function tenantTable<
  TName extends string,
  TColumns extends Record<string, PgColumnBuilderBase>,
>(name: TName, columns: TColumns, options: TenantTableOptions<TName, TColumns>) {
  const commands = new Set(options.commands);
  const withBusiness = { ...columns, businessUid: businessUidColumn() } as TenantColumns<TColumns>;
  return pgTable(name, withBusiness, (table) => {
    const business = sql`${table.businessUid} = ${currentBusinessUid}`;
    const ownerColumn = options.owner === undefined ? undefined : table[options.owner];
    // Writes to an owned row: the business's, and the transaction's staff member's.
    const own: SQL =
      ownerColumn === undefined
        ? business
        : sql`${business} and ${ownerColumn} = ${currentStaffUid}`;
    const policies = [...commands].map((command) => {
      const rows = command === 'select' ? business : own;
      return pgPolicy(`${name}_${command}`, {
        for: command,
        to: 'public',
        ...(command === 'insert' ? {} : { using: rows }),
        ...(command === 'insert' || command === 'update' ? { withCheck: own } : {}),
      });
    });
    return [
      check(`${name}_business_uid_not_empty`, sql`${table.businessUid} <> ''`),
      ...policies,
      ...(options.extraConfig?.(table) ?? []),
    ];
  }).enableRLS();
}
