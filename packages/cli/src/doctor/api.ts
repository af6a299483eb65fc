import { inline } from '../terminal-text.ts';
import { type CheckResult, fail, pass, request } from './check.ts';

/** An origin no deployment lists: the API must not grant it CORS. */
export const FOREIGN_ORIGIN = 'https://foreign.example';

/** Readiness, CORS for each iframe origin and for a foreign one, and the 401 for no token. */
export async function checkApi(
  apiUrl: string,
  iframeOrigins: readonly string[],
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
  for (const origin of iframeOrigins) results.push(await allowed(apiUrl, origin));
  results.push(await refused(apiUrl));
  results.push(await unauthenticated(apiUrl));
  return results;
}

function preflight(apiUrl: string, origin: string) {
  return request(`${apiUrl}/api/me`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'authorization',
    },
  });
}

async function allowed(apiUrl: string, origin: string): Promise<CheckResult> {
  const answer = await preflight(apiUrl, origin);
  const fix = `add ${origin} to the API's CORS_ALLOWED_ORIGINS and restart it`;
  if ('error' in answer) return fail('API', `CORS preflight from ${origin}: ${answer.error}`, fix);
  const { headers } = answer.response;
  const allowOrigin = headers.get('access-control-allow-origin');
  const allowHeaders = (headers.get('access-control-allow-headers') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase());
  if (allowOrigin !== origin && allowOrigin !== '*') {
    return fail('API', `CORS preflight from ${origin} is refused`, fix);
  }
  if (!allowHeaders.includes('authorization') && !allowHeaders.includes('*')) {
    return fail(
      'API',
      `CORS preflight from ${origin} does not allow the Authorization header`,
      'answer preflights with Access-Control-Allow-Headers: Authorization (see lib/cors.ts)',
    );
  }
  return pass('API', `CORS preflight from ${origin} allows Authorization`);
}

async function refused(apiUrl: string): Promise<CheckResult> {
  const answer = await preflight(apiUrl, FOREIGN_ORIGIN);
  if ('error' in answer) {
    return fail('API', `CORS preflight from ${FOREIGN_ORIGIN}: ${answer.error}`, 'check the API');
  }
  const allowOrigin = answer.response.headers.get('access-control-allow-origin');
  if (allowOrigin === FOREIGN_ORIGIN || allowOrigin === '*') {
    return fail(
      'API',
      `CORS preflight from a foreign origin (${FOREIGN_ORIGIN}) is allowed`,
      'grant CORS only to the origins in CORS_ALLOWED_ORIGINS, never to any origin',
    );
  }
  return pass('API', `CORS preflight from a foreign origin (${FOREIGN_ORIGIN}) is refused`);
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
