/**
 * Applies the committed SQL migrations under `drizzle/`. An advisory lock makes instances that
 * start together take turns: the first applies them, the others find nothing left to do.
 */
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { MigrationError } from './errors.ts';

/** The API runs from its package folder (`pnpm --filter @partner/api …`), beside `drizzle/`. */
export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'drizzle');

const LOCK = sql`hashtextextended('partner-api:migrations', 0)`;

export async function migrate(
  database: Database,
  migrationsFolder: string = MIGRATIONS_FOLDER,
): Promise<void> {
  try {
    await database.withSession(async ({ db, migrate: apply }) => {
      await db.execute(sql`select pg_advisory_lock(${LOCK})`);
      try {
        // Drizzle applies every pending migration in one transaction and records it.
        await apply(migrationsFolder);
      } finally {
        await db.execute(sql`select pg_advisory_unlock(${LOCK})`);
      }
    });
  } catch (error) {
    throw new MigrationError(error);
  }
}
