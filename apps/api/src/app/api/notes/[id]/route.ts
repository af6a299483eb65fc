import { withAuth } from '@partner/auth/next';
import { verifier } from '@/lib/auth.ts';
import { preflight, withCors } from '@/lib/cors.ts';
import { jsonError } from '@/lib/http.ts';
import { notes } from '@/lib/notes.ts';

export const DELETE = withCors(
  withAuth<RouteContext<'/api/notes/[id]'>>(verifier, async (_request, { auth, params }) => {
    const { id } = await params;
    // Another business's note answers exactly like a missing one: ids are not an oracle.
    if (!auth.businessUid || !notes.remove(auth.businessUid, id)) {
      return jsonError(404, 'not_found', 'No such note.');
    }
    return new Response(null, { status: 204 });
  }),
);

export const OPTIONS = preflight;
