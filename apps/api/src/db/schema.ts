/**
 * The app's tables. Every table holding business data has `business_uid`, row-level security
 * (enabled here, forced in its migration) and policies keyed on the tenant settings that
 * `withTenant` sets from the verified token. `test/db/schema-guard.test.ts` fails for a table
 * that lacks them.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  pgPolicy,
  pgRole,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/** The role tenant transactions switch to: it owns nothing and is not a superuser. */
export const TENANT_ROLE = 'app_tenant';
export const tenantRole = pgRole(TENANT_ROLE).existing();

/** The tenant settings, read with `missing_ok` so an unset one is NULL and matches no row. */
const currentBusiness = sql`current_setting('app.business_uid', true)`;
const currentStaff = sql`current_setting('app.staff_uid', true)`;

export const notes = pgTable(
  'notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Insertion order: the pagination key, so rows added at the head never shift later pages. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    businessUid: text('business_uid').notNull(),
    /** The staff member the token was issued for (`sub`). */
    authorUid: text('author_uid').notNull(),
    /** Who really acted when someone impersonated the author; NULL otherwise. */
    actorUid: text('actor_uid'),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('notes_business_seq_idx').on(table.businessUid, table.seq.desc()),
    pgPolicy('notes_read', {
      for: 'select',
      to: tenantRole,
      using: sql`${table.businessUid} = ${currentBusiness}`,
    }),
    pgPolicy('notes_create', {
      for: 'insert',
      to: tenantRole,
      withCheck: sql`${table.businessUid} = ${currentBusiness} and ${table.authorUid} = ${currentStaff}`,
    }),
    pgPolicy('notes_update_own', {
      for: 'update',
      to: tenantRole,
      using: sql`${table.businessUid} = ${currentBusiness} and ${table.authorUid} = ${currentStaff}`,
      withCheck: sql`${table.businessUid} = ${currentBusiness} and ${table.authorUid} = ${currentStaff}`,
    }),
    pgPolicy('notes_delete_own', {
      for: 'delete',
      to: tenantRole,
      using: sql`${table.businessUid} = ${currentBusiness} and ${table.authorUid} = ${currentStaff}`,
    }),
  ],
).enableRLS();
