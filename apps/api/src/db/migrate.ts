/**
 * The committed SQL migrations under `drizzle/`, and what a server checks before it serves.
 *
 * - `apply` (the migration user: `db:migrate`, `pnpm dev`, embedded PGlite): applies the pending
 *   migrations and the tenant access rules (`access.ts`) under an advisory lock, so instances
 *   that start together take turns.
 * - `check` (a least-privilege runtime user): changes nothing, and refuses to start while a
 *   migration is pending.
 *
 * Either way the start ends by checking the tenant access rules, and refuses to serve a
 * database that would let a statement escape its tenant.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import {
  grantTenantAccess,
  MIGRATIONS_SCHEMA,
  MIGRATIONS_TABLE,
  TENANT_ROLE,
  tenantAccessProblems,
} from './access.ts';
import type { Database, Db } from './client.ts';
import { MigrationError, PendingMigrationError, TenantAccessError } from './errors.ts';

/** The API runs from its package folder (`pnpm --dir apps/api …`), beside `drizzle/`. */
const MIGRATIONS_FOLDER = path.join(process.cwd(), 'drizzle');

/** `apply`: migrate at start; `check`: refuse to start while a migration is pending. */
export type MigrateMode = 'apply' | 'check';

const LOCK = sql`hashtextextended('partner-api:migrations', 0)`;

/** Rows of a raw statement, whichever driver answered. */
function rowsOf<T>(result: unknown): T[] {
  const { rows } = result as { rows?: T[] };
  return rows ?? (result as T[]);
}

/**
 * Applies the pending migrations of `migrationsFolder`, then the tenant access rules.
 * @throws MigrationError naming the cause; nothing of a failing migration is applied.
 */
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
        await grantTenantAccess(db);
      } finally {
        await db.execute(sql`select pg_advisory_unlock(${LOCK})`);
      }
    });
  } catch (error) {
    throw new MigrationError(error);
  }
}

/** The migrations the journal lists, in order: `tag` names the SQL file, `when` orders them. */
export function readJournal(migrationsFolder: string): { tag: string; when: number }[] {
  const journal = JSON.parse(
    readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
  ) as { entries: { tag: string; when: number }[] };
  return journal.entries.map(({ tag, when }) => ({ tag, when }));
}

/**
 * The tags of the migrations `migrate` would apply: by Drizzle's rule, those newer than the
 * last one recorded. Reads the record as the tenant role, which the migrator lets read it, so
 * that a runtime user with no privilege of its own can run this.
 */
async function pendingMigrations(db: Db, migrationsFolder: string): Promise<string[]> {
  const entries = readJournal(migrationsFolder);
  if (!(await migrationsRecorded(db))) return entries.map((entry) => entry.tag);
  const last = await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('role', ${TENANT_ROLE}, true)`);
    const [row] = rowsOf<{ last: string | null }>(
      await tx.execute(
        sql`select max(created_at)::text as last from ${sql.identifier(MIGRATIONS_SCHEMA)}.${sql.identifier(MIGRATIONS_TABLE)}`,
      ),
    );
    return row?.last ?? null;
  });
  return entries.filter((entry) => last === null || Number(last) < entry.when).map((e) => e.tag);
}

/** Has any migration run on this database (its record exists)? */
async function migrationsRecorded(db: Db): Promise<boolean> {
  const [row] = rowsOf<{ recorded: boolean }>(
    await db.execute(sql`select exists (
      select from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${MIGRATIONS_SCHEMA} and c.relname = ${MIGRATIONS_TABLE}) as recorded`),
  );
  return row?.recorded === true;
}

/**
 * What a server does with its database before it answers anything: migrate it (`apply`) or
 * check that nothing is pending (`check`), then check the tenant access rules.
 * @throws MigrationError, PendingMigrationError, TenantAccessError.
 */
export async function prepareDatabase(
  database: Database,
  { mode, migrationsFolder = MIGRATIONS_FOLDER }: { mode: MigrateMode; migrationsFolder?: string },
): Promise<void> {
  try {
    if (mode === 'apply') {
      await migrate(database, migrationsFolder);
    } else if (!(await migrationsRecorded(database.db))) {
      // A database never migrated has no tenant role either: name what is missing first.
      const all = readJournal(migrationsFolder).map((entry) => entry.tag);
      if (all.length > 0) throw new PendingMigrationError(all);
    }
    const problems = await tenantAccessProblems(database.db);
    if (problems.length > 0) throw new TenantAccessError(problems);
    if (mode === 'check') {
      const pending = await pendingMigrations(database.db, migrationsFolder);
      if (pending.length > 0) throw new PendingMigrationError(pending);
    }
  } catch (error) {
    const named = [MigrationError, PendingMigrationError, TenantAccessError];
    if (named.some((type) => error instanceof type)) throw error;
    // Anything else (the server away, a missing journal): one error naming the cause.
    throw new MigrationError(error, 'check');
  }
}

/**
 * For development: a function that applies the migrations again when the journal of
 * `migrationsFolder` changed since the last call (`db:generate` rewrites it), so a new
 * migration is live without restarting the server. A stat per call; concurrent callers share
 * one run, and a failed run is retried by the next call.
 */
export function migrationWatcher(
  database: Database,
  migrationsFolder: string = MIGRATIONS_FOLDER,
): () => Promise<void> {
  const journal = path.join(migrationsFolder, 'meta', '_journal.json');
  const version = () => {
    const stats = statSync(journal, { throwIfNoEntry: false });
    return stats ? `${stats.mtimeMs}:${stats.size}` : 'none';
  };
  let applied = version();
  let running: Promise<void> | undefined;
  return () => {
    if (running) return running;
    const current = version();
    if (current === applied) return Promise.resolve();
    running = migrate(database, migrationsFolder)
      .then(() => {
        applied = current;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
}
