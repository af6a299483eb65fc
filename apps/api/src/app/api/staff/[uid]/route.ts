import { withAuth } from '@partner/auth/next';
import { verifier } from '@/lib/auth.ts';
import { preflight, withCors } from '@/lib/cors.ts';
import { noStore } from '@/lib/http.ts';

// A staff member may read only their own record: the token's `sub` must equal the uid.
export const GET = withCors(
  withAuth<RouteContext<'/api/staff/[uid]'>>(
    verifier,
    (_request, { auth }) =>
      Response.json(
        { staff: { uid: auth.sub }, business: auth.businessUid ? { uid: auth.businessUid } : null },
        { headers: noStore },
      ),
    { subject: async (_request, { params }) => (await params).uid },
  ),
);

export const OPTIONS = preflight;
