/**
 * The process's database, and `withTenant`, the tenant transaction the route helper runs a
 * handler in. Opened and prepared (migrated, or checked) once per server process, at start
 * (`instrumentation.ts`).
 */
import path from 'node:path';
import type { StaffClaims } from '@partner/auth';
import { type Database, openDatabase } from '../db/client.ts';
import { type MigrateMode, migrationWatcher, prepareDatabase } from '../db/migrate.ts';
import { inTenant, type Tenant, type Tx, tenantOf } from '../db/tenant.ts';
import { ApiError } from './errors.ts';
import { settings } from './settings.ts';
import { processSingleton } from './singleton.ts';

/**
 * The process's database, opened and prepared on first call (migrated, or checked with
 * `DATABASE_MIGRATE=check`; see `prepareDatabase`); later calls share it. In development, a
 * migration written since (`db:generate`) is applied before this returns, so a new table is
 * live without a restart: the cost is one `stat` of the migrations journal per call.
 */
export async function processDatabase(): Promise<Database> {
  const database = await processSingleton('database', () =>
    openConfiguredDatabase(settings().database.migrate),
  );
  const { production, database: configured } = settings();
  if (!production && configured.migrate === 'apply') {
    await processSingleton('migrations-watcher', () => migrationWatcher(database))();
  }
  return database;
}

/**
 * Opens the database the settings name and prepares it in `mode` (`db:migrate` asks for
 * `apply` whatever `DATABASE_MIGRATE` says).
 * @throws MigrationError, PendingMigrationError, TenantAccessError, each naming the problem.
 */
export async function openConfiguredDatabase(mode: MigrateMode): Promise<Database> {
  const { url, tls, embeddedDir, poolMax, statementTimeoutMs } = settings().database;
  const database = await openDatabase(
    url
      ? { kind: 'server', url, tls, poolMax, statementTimeoutMs }
      : {
          kind: 'embedded',
          dataDir: embeddedDir.startsWith('memory://') ? embeddedDir : path.resolve(embeddedDir),
        },
  );
  try {
    await prepareDatabase(database, { mode });
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
  return database;
}

/**
 * Runs `work` in one transaction scoped to the business and staff member of the verified
 * claims, on the process's database (`inTenant` does the transaction). Its caller is the route
 * helper: a route declares `tenantMethod` and gets the transaction, never calling this itself.
 * @throws ApiError `no_business` when the token names no business; DbUnavailableError.
 */
export async function withTenant<T>(
  auth: StaffClaims,
  work: (tx: Tx, tenant: Tenant) => Promise<T>,
): Promise<T> {
  const tenant = tenantOf(auth);
  if (!tenant) throw new ApiError('no_business');
  return inTenant((await processDatabase()).db, tenant, work);
}

/** For readiness: does the database answer within the statement timeout? */
export async function databaseAnswers(): Promise<boolean> {
  const timeoutMs = settings().database.statementTimeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const answered = processDatabase()
    .then((database) => database.ping())
    .then(
      () => true,
      () => false,
    );
  try {
    return await Promise.race([answered, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
