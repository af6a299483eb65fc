import { withAuth } from '@partner/auth/next';
import { verifier } from '@/lib/auth.ts';

export const GET = withAuth(verifier, (_request, { auth }) =>
  Response.json({
    staff: { uid: auth.sub },
    ...(auth.business_uid ? { business: { uid: auth.business_uid } } : {}),
    app: auth.aud,
    expiresAt: new Date(auth.exp * 1000).toISOString(),
  }),
);
