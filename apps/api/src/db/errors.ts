/** Database failures the routes answer as 503 `db_unavailable`, in one place. */

/** The database cannot serve the request now; retrying later may work. */
export class DbUnavailableError extends Error {
  readonly code = 'db_unavailable';
  constructor(cause: unknown) {
    super('The database is unavailable; try again shortly.', { cause });
    this.name = 'DbUnavailableError';
  }
}

/** The migrations could not be applied: the server must not start on an unknown schema. */
export class MigrationError extends Error {
  readonly code = 'migration_failed';
  /** `check`: only looking at what is applied failed (`DATABASE_MIGRATE=check`). */
  constructor(cause: unknown, step: 'apply' | 'check' = 'apply') {
    const what = step === 'check' ? 'Database migration check' : 'Database migration';
    super(`${what} failed: ${rootMessage(cause)}`, { cause });
    this.name = 'MigrationError';
  }
}

/**
 * A runtime user that may not migrate (`DATABASE_MIGRATE=check`) found migrations it would have
 * to apply: the server must not serve a schema older than its code.
 */
export class PendingMigrationError extends Error {
  readonly code = 'migration_pending';
  constructor(readonly pending: readonly string[]) {
    super(
      `Database migration pending: ${pending.join(', ')}. Run \`pnpm --dir apps/api db:migrate\` ` +
        'as the migration user before starting this version (DATABASE_MIGRATE=check).',
    );
    this.name = 'PendingMigrationError';
  }
}

/**
 * The database would let a statement escape its tenant (docs/DEPLOY.md, "Database users"): a
 * tenant role that bypasses row-level security, is granted to unexpected roles, or holds a
 * privilege no policy covers; a database any role may connect to. The server refuses to start.
 */
export class TenantAccessError extends Error {
  readonly code = 'tenant_access_unsafe';
  constructor(readonly problems: readonly string[]) {
    super(
      `Unsafe database access (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'TenantAccessError';
  }
}

/** The driver's own words under any wrappers (Drizzle's "Failed query: …" says less). */
function rootMessage(error: unknown): string {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (!(current.cause instanceof Error)) break;
    current = current.cause;
  }
  const message = current instanceof Error ? current.message : String(current);
  const code = (current as { code?: unknown } | null)?.code;
  return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
}

/** SQLSTATE classes and codes that mean "not now" rather than "this request is wrong". */
const UNAVAILABLE_STATES = new Set([
  '57014', // query_canceled: the statement timeout fired
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '53300', // too_many_connections
  '25P03', // idle_in_transaction_session_timeout
]);

/** Socket errors, and postgres-js's own codes for a connection it lost or could not open. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
]);

/** True when the error, or one it wraps (Drizzle wraps driver errors), means the database is away. */
export function isUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false;
  if (error instanceof DbUnavailableError) return true;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string') {
    if (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_STATES.has(code) || code.startsWith('08')) {
      return true;
    }
  }
  if (Array.isArray(errors) && errors.some((inner) => isUnavailable(inner, depth + 1))) return true;
  return isUnavailable(cause, depth + 1);
}
