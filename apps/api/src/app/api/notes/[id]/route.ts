import type { StaffClaims } from '@partner/auth';
import { withAuth } from '@partner/auth/next';
import { deleteNote } from '@/db/notes.ts';
import { verifier } from '@/lib/auth.ts';
import { preflight, withCors } from '@/lib/cors.ts';
import { withDatabaseErrors, withTenant } from '@/lib/database.ts';
import { jsonError } from '@/lib/http.ts';

type Params = RouteContext<'/api/notes/[id]'>;

export const DELETE = withCors(
  withAuth<Params>(
    verifier,
    withDatabaseErrors<Params & { auth: StaffClaims }>(async (_request, { auth, params }) => {
      const { id } = await params;
      // The delete policy, not this code, refuses another staff member's note.
      const outcome = await withTenant(auth, (tx) => deleteNote(tx, id));
      if (outcome === 'not_author') {
        return jsonError(403, 'not_author', 'Only the author of a note may delete it.');
      }
      // Another business's note answers exactly like a missing one: ids are not an oracle.
      if (outcome === 'not_found') return jsonError(404, 'not_found', 'No such note.');
      return new Response(null, { status: 204 });
    }),
  ),
);

export const OPTIONS = preflight;
