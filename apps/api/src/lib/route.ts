/**
 * The one way to write a route. A route file declares its methods once:
 *
 *   export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({
 *     GET: tenantMethod({ query }, ({ query, tx, tenant }) => …),
 *   });
 *
 * and every answer, errors included, gets: the token verified (`staffMethod`, `tenantMethod`),
 * CORS for the allowed origins, params, query and body validated by their zod schemas, the
 * handler run in the tenant's transaction (`tenantMethod`), known errors answered through their
 * catalogue and anything else as a JSON 500 logged without tenant data. A method the route does
 * not declare answers 405 with `Allow`; the preflight grants exactly the declared ones. The
 * export line is always the same six names: Next answers a method a file does not export itself,
 * with a bare 405 and no CORS.
 */
import { randomUUID } from 'node:crypto';
import { authenticate, checkSubject, type StaffClaims } from '@partner/auth';
import { getTableName } from 'drizzle-orm';
import { belowRowCap, type RowCap } from '../db/row-cap.ts';
import type { Tenant, Tx } from '../db/tenant.ts';
import { verifier } from './auth.ts';
import { addCors, preflight } from './cors.ts';
import { withTenant } from './database.ts';
import { answerError } from './error-answer.ts';
import { ApiError } from './errors.ts';
import { noStore, readJsonObject } from './http.ts';
import { type ObjectSchema, type Parsed, parse, queryOf } from './input.ts';

const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type RouteMethod = (typeof ROUTE_METHODS)[number];

/** What Next passes a route handler besides the request. */
export interface NextRouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

/** What every handler gets: the request and its validated parts. */
interface PublicContext<P, Q, B> {
  request: Request;
  params: P;
  query: Q;
  body: B;
}

/** What a handler behind a verified token gets. */
interface StaffContext<P, Q, B> extends PublicContext<P, Q, B> {
  auth: StaffClaims;
}

/** What a handler in the tenant's transaction gets: every query in `tx` sees one business only. */
interface TenantContext<P, Q, B> extends StaffContext<P, Q, B> {
  tx: Tx;
  tenant: Tenant;
}

/**
 * What a handler returns: a JSON body (answered with `status`, 200 unless declared), `null` for
 * 204, or a `Response` of its own. Errors are thrown, as `ApiError`.
 */
type HandlerResult = object | null;

/** The schemas of one method; each is optional. */
interface MethodSchemas<PS, QS, BS> {
  /** Route params (`[id]`); a value that fails answers 404 `not_found`: no such resource. */
  params?: PS;
  /** The query string, as an object of strings; failing answers 400 `invalid_query`. */
  query?: QS;
  /** The JSON object body; failing answers 400 `invalid_body`. */
  body?: BS;
  /** The status of a JSON answer: 201 for a create. */
  status?: 200 | 201 | 202;
}

/** A declared method, ready for {@link route}. */
interface RouteMethodSpec {
  readonly access: 'public' | 'staff' | 'tenant';
  run(request: Request, context: NextRouteContext): Promise<Response>;
}

/** A method anyone may call: health checks, not-found answers. */
export function publicMethod<
  PS extends ObjectSchema | undefined = undefined,
  QS extends ObjectSchema | undefined = undefined,
  BS extends ObjectSchema | undefined = undefined,
>(
  schemas: MethodSchemas<PS, QS, BS>,
  handler: (
    context: PublicContext<Parsed<PS>, Parsed<QS>, Parsed<BS>>,
  ) => Promisable<HandlerResult>,
): RouteMethodSpec {
  return {
    access: 'public',
    run: async (request, context) =>
      answer(await handler(await inputOf(request, context, schemas)), schemas.status),
  };
}

/**
 * A method for a verified staff token, without the database. `subject` names the staff member
 * the resource belongs to (from the params); a token for anyone else answers 403
 * `subject_mismatch`. It runs only after the token is verified.
 */
export function staffMethod<
  PS extends ObjectSchema | undefined = undefined,
  QS extends ObjectSchema | undefined = undefined,
  BS extends ObjectSchema | undefined = undefined,
>(
  schemas: MethodSchemas<PS, QS, BS> & {
    subject?: (params: Parsed<PS>) => string;
  },
  handler: (context: StaffContext<Parsed<PS>, Parsed<QS>, Parsed<BS>>) => Promisable<HandlerResult>,
): RouteMethodSpec {
  return {
    access: 'staff',
    run: async (request, context) => {
      const auth = await authenticate(request, verifier);
      const input = await inputOf(request, context, schemas);
      if (schemas.subject) checkSubject(auth, schemas.subject(input.params));
      return answer(await handler({ ...input, auth }), schemas.status);
    },
  };
}

/**
 * A method for a verified staff token whose handler runs in one transaction scoped to the
 * token's business: row-level security limits every query in `tx` to it. The body is read
 * before the transaction starts, so a slow client never holds a connection. `rowCap` bounds
 * the rows one business keeps in a table the handler inserts into: at the bound, the method
 * answers 409 `limit_reached` without running the handler.
 */
export function tenantMethod<
  PS extends ObjectSchema | undefined = undefined,
  QS extends ObjectSchema | undefined = undefined,
  BS extends ObjectSchema | undefined = undefined,
>(
  schemas: MethodSchemas<PS, QS, BS> & { rowCap?: RowCap },
  handler: (
    context: TenantContext<Parsed<PS>, Parsed<QS>, Parsed<BS>>,
  ) => Promisable<HandlerResult>,
): RouteMethodSpec {
  const { rowCap } = schemas;
  return {
    access: 'tenant',
    run: async (request, context) => {
      const auth = await authenticate(request, verifier);
      const input = await inputOf(request, context, schemas);
      const result = await withTenant(auth, async (tx, tenant) => {
        if (rowCap && !(await belowRowCap(tx, tenant, rowCap))) {
          throw new ApiError('limit_reached', {
            message: `This business keeps ${rowCap.max} ${getTableName(rowCap.table)}, the most it may; delete some first.`,
          });
        }
        return handler({ ...input, auth, tx, tenant });
      });
      return answer(result, schemas.status);
    },
  };
}

type Handler = (request: Request, context: NextRouteContext) => Promise<Response>;

/** The six exports of every route file. */
export type RouteExports = Record<RouteMethod | 'OPTIONS', Handler>;

/** Builds a route file's exports from its declared methods. */
export function route(methods: Partial<Record<RouteMethod, RouteMethodSpec>>): RouteExports {
  const declared = ROUTE_METHODS.filter((method) => methods[method] !== undefined);
  if (declared.length === 0) throw new TypeError('A route declares at least one method.');
  const allow = [...declared, ...(declared.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');

  const handle =
    (method: RouteMethod): Handler =>
    async (request, context) => {
      const requestId = randomUUID();
      let response: Response;
      try {
        const spec = methods[method];
        if (!spec) {
          throw new ApiError('method_not_allowed', {
            message: `This route answers ${allow}.`,
            headers: { Allow: allow },
          });
        }
        response = await spec.run(request, context);
      } catch (error) {
        response = await answerError(error, async () => ({
          method,
          route: await patternOf(request, context),
          requestId,
        }));
      }
      response.headers.set('X-Request-Id', requestId);
      return addCors(request, response);
    };

  const answerPreflight: Handler = async (request) => preflight(request, [...declared, 'OPTIONS']);
  const exports: RouteExports = {
    GET: handle('GET'),
    POST: handle('POST'),
    PUT: handle('PUT'),
    PATCH: handle('PATCH'),
    DELETE: handle('DELETE'),
    OPTIONS: answerPreflight,
  };
  for (const handler of Object.values(exports)) built.set(handler, declared);
  return exports;
}

const built = new WeakMap<Handler, readonly RouteMethod[]>();

/** The methods of the route that built `handler`; `undefined` when `route` did not build it. */
export function declaredMethods(handler: unknown): readonly RouteMethod[] | undefined {
  return typeof handler === 'function' ? built.get(handler as Handler) : undefined;
}

type Promisable<T> = T | Promise<T>;

async function inputOf<
  PS extends ObjectSchema | undefined = undefined,
  QS extends ObjectSchema | undefined = undefined,
  BS extends ObjectSchema | undefined = undefined,
>(
  request: Request,
  context: NextRouteContext,
  schemas: MethodSchemas<PS, QS, BS>,
): Promise<PublicContext<Parsed<PS>, Parsed<QS>, Parsed<BS>>> {
  const params = schemas.params
    ? parseParams(schemas.params, (await context.params) ?? {})
    : undefined;
  const query = schemas.query
    ? parse(schemas.query, queryOf(new URL(request.url)), 'invalid_query')
    : undefined;
  const body = schemas.body
    ? parse(schemas.body, await readJsonObject(request), 'invalid_body')
    : undefined;
  return { request, params, query, body } as PublicContext<Parsed<PS>, Parsed<QS>, Parsed<BS>>;
}

/** A param that fails its schema names no resource this API has: 404, like a missing row. */
function parseParams<PS extends ObjectSchema>(schema: PS, params: Record<string, unknown>) {
  try {
    return parse(schema, params, 'not_found');
  } catch {
    throw new ApiError('not_found');
  }
}

function answer(result: HandlerResult, status = 200): Response {
  if (result instanceof Response) return result;
  if (result === null) return new Response(null, { status: 204, headers: noStore });
  return Response.json(result, { status, headers: noStore });
}

/**
 * The requested path with each param's value replaced by its name (`/api/items/[id]`), so a log
 * line names the route without the values in its URL.
 */
async function patternOf(request: Request, context: NextRouteContext): Promise<string> {
  const params = await Promise.resolve(context?.params).catch(() => undefined);
  const segments = new URL(request.url).pathname.split('/');
  for (const [name, value] of Object.entries(params ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    const first = segments.indexOf(encodeURIComponent(values[0] ?? ''));
    if (value === undefined || first < 1) continue;
    const spread = Array.isArray(value);
    segments.splice(first, values.length, spread ? `[...${name}]` : `[${name}]`);
  }
  return segments.join('/');
}
