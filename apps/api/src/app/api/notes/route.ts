import * as z from 'zod';
import type { Note, NoteList } from '@/contract.ts';
import {
  createNote,
  decodeCursor,
  listNotes,
  NOTE_MAX_LENGTH,
  NOTES_PAGE_MAX,
  NOTES_PER_BUSINESS,
} from '@/db/notes.ts';
import { notes } from '@/db/schema.ts';
import { queryInteger, text } from '@/lib/input.ts';
import { route, tenantMethod } from '@/lib/route.ts';

const listQuery = z.object({
  limit: queryInteger({ min: 1, max: NOTES_PAGE_MAX, fallback: 50 }),
  cursor: z
    .string()
    .transform((cursor, context) => {
      const after = decodeCursor(cursor);
      if (after === undefined)
        context.addIssue({ code: 'custom', message: 'is not one this API gave' });
      return after;
    })
    .optional(),
  // The platform's "my view": the caller's own notes; who that is comes from the token.
  author: z.literal('me', { error: 'may only be "me"' }).optional(),
});

const newNote = z.object({ text: text({ max: NOTE_MAX_LENGTH }) });

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({
  GET: tenantMethod({ query: listQuery }, async ({ query, tx, tenant }): Promise<NoteList> => {
    const page = await listNotes(tx, tenant, {
      limit: query.limit,
      after: query.cursor,
      authorUid: query.author === 'me' ? tenant.staffUid : undefined,
    });
    return { notes: page.notes, next_cursor: page.nextCursor };
  }),

  POST: tenantMethod(
    { body: newNote, status: 201, rowCap: { table: notes, max: NOTES_PER_BUSINESS } },
    ({ body, tx, tenant }): Promise<Note> => createNote(tx, tenant, { text: body.text }),
  ),
});
