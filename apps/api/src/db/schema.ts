/**
 * The app's tables. Every table holding business data is declared with `tenantTable`, which
 * adds `business_uid`, row-level security and its policies; `test/db/schema-guard.test.ts`
 * fails for any table of the database without them.
 */
// demo:start
import { index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantTable } from './tenant-table.ts';

export const notes = tenantTable(
  'notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The staff member the token was issued for (`sub`). */
    authorUid: text('author_uid').notNull(),
    /** Who really acted when someone impersonated the author; NULL otherwise. */
    actorUid: text('actor_uid'),
    text: text('text').notNull(),
    /** With `id`, the pagination key: a row's position, newest first. */
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  {
    // Any staff member of the business reads its notes; only the author deletes one. No
    // route updates a note, so the tenant role may not either.
    commands: ['select', 'insert', 'delete'],
    owner: 'authorUid',
    extraConfig: (table) => [
      index('notes_business_position_idx').on(
        table.businessUid,
        table.createdAt.desc(),
        table.id.desc(),
      ),
    ],
  },
);
// demo:end
