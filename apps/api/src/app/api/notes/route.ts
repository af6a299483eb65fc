import type { StaffClaims } from '@partner/auth';
import { withAuth } from '@partner/auth/next';
import type { Note, NoteList } from '@/contract.ts';
import {
  createNote,
  decodeCursor,
  listNotes,
  NOTE_MAX_LENGTH,
  NOTES_PAGE_MAX,
} from '@/db/notes.ts';
import { verifier } from '@/lib/auth.ts';
import { preflight, withCors } from '@/lib/cors.ts';
import { withDatabaseErrors, withTenant } from '@/lib/database.ts';
import { jsonError, noStore, readJsonObject } from '@/lib/http.ts';
import { settings } from '@/lib/settings.ts';

const DEFAULT_LIMIT = 50;

export const GET = withCors(
  withAuth(
    verifier,
    withDatabaseErrors(async (request: Request, { auth }: { auth: StaffClaims }) => {
      const query = new URL(request.url).searchParams;
      const rawLimit = query.get('limit') ?? String(DEFAULT_LIMIT);
      const limit = Number(rawLimit);
      if (!/^\d{1,3}$/.test(rawLimit) || limit < 1 || limit > NOTES_PAGE_MAX) {
        return jsonError(400, 'invalid_query', `"limit" must be 1 to ${NOTES_PAGE_MAX}.`);
      }
      const cursor = query.get('cursor');
      const after = cursor === null ? undefined : decodeCursor(cursor);
      if (cursor !== null && after === undefined) {
        return jsonError(400, 'invalid_query', '"cursor" is not one this API gave.');
      }
      // The platform's "my view": the caller's own notes. Who that is comes from the token.
      const author = query.get('author');
      if (author !== null && author !== 'me') {
        return jsonError(400, 'invalid_query', '"author" may only be "me".');
      }
      const mine = author === 'me';
      const page = await withTenant(auth, (tx, tenant) =>
        listNotes(tx, tenant, { limit, after, mine }),
      );
      const body: NoteList = { notes: page.notes, next_cursor: page.nextCursor };
      return Response.json(body, { headers: noStore });
    }),
  ),
);

export const POST = withCors(
  withAuth(
    verifier,
    withDatabaseErrors(async (request: Request, { auth }: { auth: StaffClaims }) => {
      if (!auth.businessUid) return jsonError(403, 'no_business', 'The token names no business.');
      const body = await readJsonObject(request);
      if (!body.ok) return body.response;
      const { text } = body.value;
      if (typeof text !== 'string' || text.trim().length === 0 || text.length > NOTE_MAX_LENGTH) {
        return jsonError(
          400,
          'invalid_body',
          `"text" must be a string of 1 to ${NOTE_MAX_LENGTH} characters.`,
        );
      }
      const maxPerBusiness = settings().notesPerBusiness;
      const note: Note | undefined = await withTenant(auth, (tx, tenant) =>
        createNote(tx, tenant, { text: text.trim(), maxPerBusiness }),
      );
      if (!note) {
        return jsonError(
          409,
          'notes_limit',
          `This business has ${maxPerBusiness} notes, the most it may keep; delete some first.`,
        );
      }
      return Response.json(note, { status: 201, headers: noStore });
    }),
  ),
);

export const OPTIONS = preflight;
