/**
 * The two engines every store and tenant test runs against: in-memory PGlite, and a real
 * PostgreSQL server (`TEST_DATABASE_URL`), each test file getting a fresh database migrated
 * with the app's migrations and the test-only `tenant_probes` table (`probe-table.ts`).
 */
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { TENANT_ROLE } from '../../../src/db/access.ts';
import { type Database, openDatabase } from '../../../src/db/client.ts';
import { migrate, readJournal } from '../../../src/db/migrate.ts';
import { migrationsWithProbes } from './probe-table.ts';
import { createServerDatabase } from './server-database.ts';

export { createServerDatabase };

/** The app's committed migrations, as `db:migrate` applies them. */
export const APP_MIGRATIONS = fileURLToPath(new URL('../../../drizzle', import.meta.url));

/** The app's migrations, then the test-only `tenant_probes` table's: what the tests apply. */
export const MIGRATIONS = await migrationsWithProbes(APP_MIGRATIONS);

/** How many migrations the tests' journal lists. */
export const MIGRATION_COUNT = readJournal(MIGRATIONS).length;

/** Rows of a raw statement, whichever driver answered. */
export function rowsOf<T>(result: unknown): T[] {
  const { rows } = result as { rows?: T[] };
  return rows ?? (result as T[]);
}

/** The database's tenant role, as the server names it. */
export async function tenantRoleName(database: Database): Promise<string> {
  const [row] = rowsOf<{ role: string }>(
    await database.db.execute(sql`select ${TENANT_ROLE} as role`),
  );
  if (!row) throw new Error('no tenant role name');
  return row.role;
}

/** The same, quoted as an identifier for hand-written SQL. */
export async function tenantRoleIdentifier(database: Database): Promise<string> {
  const [row] = rowsOf<{ role: string }>(
    await database.db.execute(sql`select quote_ident(${TENANT_ROLE}) as role`),
  );
  if (!row) throw new Error('no tenant role name');
  return row.role;
}

interface Engine {
  name: string;
  /** A fresh, empty database; `migrated: false` leaves the schema to the test. */
  open(options?: { migrated?: boolean }): Promise<Database>;
}

const opened: (() => Promise<void>)[] = [];

/** Closes (and drops) everything `open` created; call it in `afterAll`. */
export async function closeAll(): Promise<void> {
  await Promise.all(opened.splice(0).map((close) => close()));
}

export const engines: Engine[] = [
  {
    name: 'PGlite in memory',
    async open({ migrated = true } = {}) {
      const database = await openDatabase({ kind: 'embedded' });
      opened.push(() => database.close());
      if (migrated) await migrate(database, MIGRATIONS);
      return database;
    },
  },
  {
    name: 'PostgreSQL server',
    async open({ migrated = true } = {}) {
      const created = await createServerDatabase();
      const database = await openDatabase({
        kind: 'server',
        url: created.url,
        poolMax: 5,
        statementTimeoutMs: 5000,
      });
      opened.push(async () => {
        await database.close();
        await created.drop();
      });
      if (migrated) await migrate(database, MIGRATIONS);
      return database;
    },
  },
];
