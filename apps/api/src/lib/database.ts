/**
 * The process's database, and the tenant helper route code uses to reach it. Opened and
 * migrated once per server process, at start (`instrumentation.ts`).
 */
import path from 'node:path';
import type { StaffClaims } from '@partner/auth';
import { type Database, openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { inTenant, type Tenant, type Tx, tenantOf } from '../db/tenant.ts';
import { ApiError } from './errors.ts';
import { settings } from './settings.ts';
import { processSingleton } from './singleton.ts';

/** The database, opened and migrated on first call; later calls share it. */
export function processDatabase(): Promise<Database> {
  return processSingleton('database', async () => {
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
      await migrate(database);
    } catch (error) {
      await database.close().catch(() => {});
      throw error;
    }
    return database;
  });
}

/**
 * Runs `work` in one transaction scoped to the business and staff member of the verified
 * claims. Routes get it through `tenantMethod`; other server code may call it directly.
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
