import { withAuth } from '@partner/auth/next';
import type { NoteList } from '@/contract.ts';
import { verifier } from '@/lib/auth.ts';
import { preflight, withCors } from '@/lib/cors.ts';
import { jsonError, noStore, readJsonObject } from '@/lib/http.ts';
import { NOTE_MAX_LENGTH, notes } from '@/lib/notes.ts';

export const GET = withCors(
  withAuth(verifier, (_request, { auth }) => {
    if (!auth.businessUid) return noBusiness();
    const body: NoteList = { notes: notes.list(auth.businessUid) };
    return Response.json(body, { headers: noStore });
  }),
);

export const POST = withCors(
  withAuth(verifier, async (request, { auth }) => {
    if (!auth.businessUid) return noBusiness();
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
    const note = notes.create({
      businessUid: auth.businessUid,
      authorUid: auth.sub,
      text: text.trim(),
    });
    if (!note)
      return jsonError(409, 'notes_limit', 'This business has too many notes; delete some first.');
    return Response.json(note, { status: 201, headers: noStore });
  }),
);

function noBusiness() {
  return jsonError(403, 'no_business', 'The token names no business.');
}

export const OPTIONS = preflight;
