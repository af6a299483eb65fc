import { inline } from '../terminal-text.ts';
import { type CheckResult, fail, pass, request } from './check.ts';
import type { ApiRoute } from './routes.ts';

/** An origin no deployment lists: the API must not grant it CORS. */
export const FOREIGN_ORIGIN = 'https://foreign.example';

/**
 * Readiness; the CORS preflight of every route from each iframe origin and from a foreign one;
 * the 401 for no token.
 */
export async function checkApi(
  apiUrl: string,
  iframeOrigins: readonly string[],
  routes: readonly ApiRoute[],
): Promise<CheckResult[]> {
  const ready = await request(`${apiUrl}/api/ready`);
  if ('error' in ready) {
    // Nothing else can answer either: one line, not five.
    return [
      fail(
        'API',
        `${apiUrl} ${ready.error}`,
        'start the API, or name it with --api URL (or VITE_API_URL)',
      ),
    ];
  }
  const { status } = ready.response;
  let readiness: CheckResult;
  if (status === 200) readiness = pass('API', '/api/ready answers 200');
  else if (status === 503) {
    readiness = fail(
      'API',
      '/api/ready answers 503: not ready',
      'the API cannot get a key set (see the JWKS lines) or reach its database: its log says which',
    );
  } else {
    readiness = fail(
      'API',
      `/api/ready answers ${status}`,
      'check that --api (or VITE_API_URL) names this API',
    );
  }
  const results = [readiness];
  const checked = routes.filter((route) => requestMethod(route) !== undefined);
  for (const route of routes) {
    if (requestMethod(route) !== undefined) continue;
    results.push(
      fail(
        'API',
        `${route.file} exports no HTTP method the doctor can read: its preflight is not checked`,
        'declare its methods through the API route helper, or as export const GET = … / export function GET',
      ),
    );
  }
  for (const origin of iframeOrigins) results.push(...(await allowed(apiUrl, origin, checked)));
  results.push(...(await refused(apiUrl, checked)));
  results.push(await unauthenticated(apiUrl));
  return results;
}

/** The method a browser's preflight would announce for the route: its first besides OPTIONS. */
function requestMethod(route: ApiRoute): string | undefined {
  return route.methods.find((method) => method !== 'OPTIONS');
}

/** The preflight a browser sends before a cross-origin request with a token. */
function preflight(apiUrl: string, route: ApiRoute, origin: string) {
  return request(`${apiUrl}${route.path}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': requestMethod(route) ?? 'GET',
      'access-control-request-headers': 'authorization',
    },
  });
}

/** A comma-separated header's entries (`Access-Control-Allow-*`), as lower-case names. */
function entries(headers: Headers, name: string): string[] {
  return (headers.get(name) ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
}

/** A preflight answer: is the origin granted, and what else of the grant is missing. */
async function judge(apiUrl: string, route: ApiRoute, origin: string) {
  const answer = await preflight(apiUrl, route, origin);
  if ('error' in answer) return { originGranted: false, missing: [`an answer (${answer.error})`] };
  const { status, headers } = answer.response;
  const missing: string[] = [];
  if (status < 200 || status > 299) missing.push(`an ok status (it answers ${status})`);
  const allowOrigin = headers.get('access-control-allow-origin');
  const originGranted = allowOrigin === origin || allowOrigin === '*';
  if (!originGranted) missing.push('Access-Control-Allow-Origin');
  const methods = entries(headers, 'access-control-allow-methods');
  const lacking = route.methods.filter(
    (method) =>
      method !== 'OPTIONS' && !methods.includes('*') && !methods.includes(method.toLowerCase()),
  );
  if (lacking.length > 0) missing.push(`${lacking.join(', ')} in Access-Control-Allow-Methods`);
  // The wildcard does not cover Authorization (Fetch standard): it must be named.
  if (!entries(headers, 'access-control-allow-headers').includes('authorization')) {
    missing.push('Authorization in Access-Control-Allow-Headers');
  }
  return { originGranted, missing };
}

/** Every route's preflight from an iframe origin grants the origin, its methods and Authorization. */
async function allowed(
  apiUrl: string,
  origin: string,
  routes: readonly ApiRoute[],
): Promise<CheckResult[]> {
  const verdicts = await Promise.all(routes.map((route) => judge(apiUrl, route, origin)));
  if (verdicts.length > 0 && verdicts.every((verdict) => !verdict.originGranted)) {
    // The origin is not in the API's list at all: one line, not one per route.
    return [
      fail(
        'API',
        `CORS preflight from ${origin} is refused`,
        `add ${origin} to the API's CORS_ALLOWED_ORIGINS and restart it`,
      ),
    ];
  }
  const results: CheckResult[] = [];
  routes.forEach((route, index) => {
    const { missing } = verdicts[index] ?? { missing: [] };
    if (missing.length === 0) return;
    const noOptions = route.methods.includes('OPTIONS')
      ? ''
      : '; the route exports no OPTIONS, so Next answers its preflight without CORS';
    results.push(
      fail(
        'API',
        `CORS preflight of ${route.file} (OPTIONS ${route.path}) from ${origin} lacks ${missing.join(', ')}${noOptions}`,
        "answer the route's preflight as the others do (the OPTIONS the API's route helper exports): the origin, each method of the route and Authorization",
      ),
    );
  });
  if (results.length > 0) return results;
  const count = routes.length === 1 ? '1 route' : `each of ${routes.length} routes`;
  return [
    pass('API', `CORS preflight from ${origin} allows Authorization and the methods of ${count}`),
  ];
}

/** No route's preflight grants a foreign origin. */
async function refused(apiUrl: string, routes: readonly ApiRoute[]): Promise<CheckResult[]> {
  const verdicts = await Promise.all(routes.map((route) => judge(apiUrl, route, FOREIGN_ORIGIN)));
  const fix = 'grant CORS only to the origins in CORS_ALLOWED_ORIGINS, never to any origin';
  if (verdicts.length > 0 && verdicts.every((verdict) => verdict.originGranted)) {
    return [
      fail('API', `CORS preflight from a foreign origin (${FOREIGN_ORIGIN}) is allowed`, fix),
    ];
  }
  const results: CheckResult[] = [];
  routes.forEach((route, index) => {
    if (!verdicts[index]?.originGranted) return;
    results.push(
      fail(
        'API',
        `CORS preflight of ${route.file} (OPTIONS ${route.path}) from a foreign origin (${FOREIGN_ORIGIN}) is allowed`,
        fix,
      ),
    );
  });
  if (results.length > 0) return results;
  const count = routes.length === 1 ? '1 route' : `each of ${routes.length} routes`;
  return [
    pass('API', `CORS preflight from a foreign origin (${FOREIGN_ORIGIN}) is refused by ${count}`),
  ];
}

async function unauthenticated(apiUrl: string): Promise<CheckResult> {
  const answer = await request(`${apiUrl}/api/me`);
  const fix = 'wrap the route in withAuth, and check that --api names this API';
  if ('error' in answer) return fail('API', `/api/me ${answer.error}`, fix);
  const { status, headers } = answer.response;
  const challenge = headers.get('www-authenticate') ?? '';
  if (status !== 401 || !/^Bearer\b/i.test(challenge)) {
    const got = challenge
      ? `${status}, WWW-Authenticate: ${inline(challenge)}`
      : `${status}, no WWW-Authenticate`;
    return fail('API', `/api/me without a token answers ${got}`, fix);
  }
  return pass('API', '/api/me without a token answers 401 with WWW-Authenticate: Bearer');
}
