import { verifier } from '@/lib/auth.ts';
import { noStore } from '@/lib/http.ts';

export const dynamic = 'force-dynamic';

/** Liveness plus the JWKS cache state, so a probe can tell "up" from "up but cannot verify". */
export function GET() {
  return Response.json({ status: 'ok', jwks: verifier.jwksState() }, { headers: noStore });
}
