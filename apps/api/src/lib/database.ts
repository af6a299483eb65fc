/**
 * The process's database, and the tenant helper route code uses to reach it. Opened and
 * prepared (migrated, or checked) once per server process, at start (`instrumentation.ts`).
 */
import path from 'node:path';
import type { StaffClaims } from '@partner/auth';
import { type Database, openDatabase } from '../db/client.ts';
import { DbUnavailableError } from '../db/errors.ts';
import { type MigrateMode, migrationWatcher, prepareDatabase } from '../db/migrate.ts';
import { inTenant, type Tenant, type Tx, tenantOf } from '../db/tenant.ts';
import { jsonError } from './http.ts';
import { settings } from './settings.ts';
import { processSingleton } from './singleton.ts';

/** Seconds a client should wait before retrying a request the database could not serve. */
export const DB_RETRY_AFTER_SEC = 5;

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

/** The token names no business, so there is no tenant to scope data to. */
export class NoBusinessError extends Error {
  readonly code = 'no_business';
  constructor() {
    super('The token names no business.');
    this.name = 'NoBusinessError';
  }
}

/**
 * Runs `work` in one transaction scoped to the business and staff member of the verified
 * claims: the only way route code reaches the database.
 * @throws NoBusinessError when the token names no business; DbUnavailableError.
 */
export async function withTenant<T>(
  auth: StaffClaims,
  work: (tx: Tx, tenant: Tenant) => Promise<T>,
): Promise<T> {
  const tenant = tenantOf(auth);
  if (!tenant) throw new NoBusinessError();
  return inTenant((await processDatabase()).db, tenant, work);
}

/** Answers the tenant helper's errors: 403 `no_business`, 503 `db_unavailable` with `Retry-After`. */
export function withDatabaseErrors<Ctx>(
  handler: (request: Request, context: Ctx) => Promise<Response>,
): (request: Request, context: Ctx) => Promise<Response> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      if (error instanceof NoBusinessError) return jsonError(403, error.code, error.message);
      if (!(error instanceof DbUnavailableError)) throw error;
      logUnavailable(error);
      const response = jsonError(503, error.code, error.message);
      response.headers.set('Retry-After', String(DB_RETRY_AFTER_SEC));
      return response;
    }
  };
}

/** One JSON line per refused request: what the driver said, never the request's token. */
function logUnavailable(error: DbUnavailableError): void {
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const inner = cause?.cause instanceof Error ? cause.cause : cause;
  console.warn(
    JSON.stringify({
      at: new Date().toISOString(),
      source: 'db',
      event: 'db_unavailable',
      error: inner ? `${(inner as { code?: string }).code ?? inner.name}: ${inner.message}` : null,
    }),
  );
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
