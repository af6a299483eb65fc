import * as z from 'zod';
import { deleteNote } from '@/db/notes.ts';
import { ApiError } from '@/lib/errors.ts';
import { route, tenantMethod } from '@/lib/route.ts';

const noteParams = z.object({ id: z.uuid() });

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({
  DELETE: tenantMethod({ params: noteParams }, async ({ params, tx, tenant }) => {
    // The delete policy, not this code, refuses another staff member's note.
    const outcome = await deleteNote(tx, tenant, params.id);
    if (outcome === 'not_author') {
      throw new ApiError('not_author', { message: 'Only the author of a note may delete it.' });
    }
    // Another business's note answers exactly like a missing one: ids are not an oracle.
    if (outcome === 'not_found') throw new ApiError('not_found', { message: 'No such note.' });
    return null;
  }),
});
