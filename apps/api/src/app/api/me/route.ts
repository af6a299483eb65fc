import { withAuth } from '@partner/auth/next';
import type { Me } from '@/contract.ts';
import { verifier } from '@/lib/auth.ts';
import { preflight, withCors } from '@/lib/cors.ts';
import { noStore } from '@/lib/http.ts';

export const GET = withCors(
  withAuth(verifier, (_request, { auth }) =>
    Response.json(
      {
        staff: { uid: auth.sub },
        ...(auth.businessUid ? { business: { uid: auth.businessUid } } : {}),
        // Present only when someone acts on the staff member's behalf.
        ...(auth.impersonated ? { actor: auth.actor } : {}),
        app: auth.aud,
        expiresAt: new Date(auth.exp * 1000).toISOString(),
      } satisfies Me,
      { headers: noStore },
    ),
  ),
);

export const OPTIONS = preflight;
