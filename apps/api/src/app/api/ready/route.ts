import { verifier } from '@/lib/auth.ts';
import { noStore } from '@/lib/http.ts';

export const dynamic = 'force-dynamic';

/**
 * Readiness: 200 when a token could be verified now (a usable key set is held, or was just
 * fetched), else 503. The answer says which check failed; why goes to the log only.
 */
export async function GET() {
  const jwks = await verifier.ensureJwks();
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
  return Response.json(
    { status: jwksOk ? 'ready' : 'unavailable', checks: { jwks: jwksOk ? 'ok' : 'failing' } },
    { status: jwksOk ? 200 : 503, headers: noStore },
  );
}
