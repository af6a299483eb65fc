/**
 * The route helper's last catch: every error a handler throws becomes a JSON answer. Known ones
 * through their catalogue (API's and authentication's); anything else is a 500 `internal_error`
 * whose details go to one log line under the request id, never to the client.
 */
import { AuthError, toResponse } from '@partner/auth';
import { DbUnavailableError } from '../db/errors.ts';
import { InvalidTenantError } from '../db/tenant.ts';
import { ApiError } from './errors.ts';
import { errorResponse } from './http.ts';

/** Seconds a client should wait before retrying a request the database could not serve. */
const DB_RETRY_AFTER_SEC = 5;

/** Where an error happened, for the log line. */
interface ErrorScene {
  method: string;
  /** The route's pattern (`/api/items/[id]`), not the requested path with its values. */
  route: string;
  requestId: string;
}

/** The answer to `error`; `scene` is asked for only when the error is logged. */
export async function answerError(
  error: unknown,
  scene: () => Promise<ErrorScene>,
): Promise<Response> {
  if (error instanceof ApiError) return errorResponse(error);
  if (error instanceof AuthError) return toResponse(error);
  if (error instanceof InvalidTenantError) {
    return errorResponse(new ApiError('invalid_claims', { message: error.message }));
  }
  if (error instanceof DbUnavailableError) {
    log('warn', 'db_unavailable', await scene(), error);
    return errorResponse(
      new ApiError('db_unavailable', { headers: { 'Retry-After': String(DB_RETRY_AFTER_SEC) } }),
    );
  }
  const where = await scene();
  log('error', 'internal_error', where, error);
  return errorResponse(
    new ApiError('internal_error', {
      message: `Something went wrong on our side (request ${where.requestId}).`,
    }),
  );
}

/**
 * One JSON line (so a tenant's newline cannot start a forged one) naming the error's classes and
 * SQLSTATE. Never a message: a failed query's message holds its SQL and parameters, and so
 * tenant data.
 */
function log(level: 'warn' | 'error', event: string, scene: ErrorScene, error: unknown): void {
  const chain = causes(error);
  console[level](
    JSON.stringify({
      at: new Date().toISOString(),
      source: 'api',
      event,
      method: scene.method,
      route: scene.route,
      request_id: scene.requestId,
      error: chain.map(className),
      sqlstate: chain.map(sqlState).find((code) => code !== undefined) ?? null,
    }),
  );
}

/** The error and its causes, outermost first (bounded, in case of a cycle). */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let at = error; at !== undefined && chain.length < 5; ) {
    chain.push(at);
    at = at instanceof Error ? at.cause : undefined;
  }
  return chain;
}

function className(error: unknown): string {
  if (error instanceof Error) return error.constructor.name || error.name;
  return typeof error;
}

/** PostgreSQL's five-character SQLSTATE, as postgres-js and PGlite put it on their errors. */
function sqlState(error: unknown): string | undefined {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
