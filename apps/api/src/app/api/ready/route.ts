import { verifier } from '@/lib/auth.ts';
import { databaseAnswers } from '@/lib/database.ts';
import { noStore } from '@/lib/http.ts';
import { publicMethod, route } from '@/lib/route.ts';

export const dynamic = 'force-dynamic';

/**
 * Readiness: 200 when a token could be verified now (a usable key set is held, or was just
 * fetched) and the database answers, else 503. The answer says which check failed; why goes
 * to the log only.
 */
async function readiness(): Promise<Response> {
  const [jwks, database] = await Promise.all([verifier.ensureJwks(), databaseAnswers()]);
  const jwksOk = jwks.status === 'fresh' || jwks.status === 'stale';
  if (!jwksOk) {
    console.warn(
      JSON.stringify({
        at: new Date().toISOString(),
        source: 'ready',
        jwks: jwks.status,
        error: jwks.lastError,
      }),
    );
  }
  if (!database) {
    console.warn(
      JSON.stringify({ at: new Date().toISOString(), source: 'ready', database: 'failing' }),
    );
  }
  const ok = jwksOk && database;
  return Response.json(
    {
      status: ok ? 'ready' : 'unavailable',
      checks: { jwks: jwksOk ? 'ok' : 'failing', database: database ? 'ok' : 'failing' },
    },
    { status: ok ? 200 : 503, headers: noStore },
  );
}

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({
  GET: publicMethod({}, readiness),
});
