/**
 * The demo's notes API, faked over the fake API server (support/fake-api.ts).
 */
import type { Note } from '@partner/api/contract';
import { type ApiReply, type ApiRequest, apiError, fakeApi } from './fake-api.ts';

export interface FakeNotesOptions {
  /** The staff member the fake takes every caller for: the author of new notes, "me". */
  caller?: string;
  /** Answers a request itself (an error, say) by returning a reply; undefined lets the fake answer. */
  override?: (request: ApiRequest) => ApiReply | Promise<ApiReply> | undefined;
}

function textOf(body: unknown): string | undefined {
  return typeof body === 'object' &&
    body !== null &&
    'text' in body &&
    typeof body.text === 'string'
    ? body.text
    : undefined;
}

/**
 * Answers like the notes API over an in-memory list, newest first, in pages whose cursor is the
 * id of the page's last note. `author=me` keeps the caller's own notes, as the API does with the
 * verified token's staff member; any other `author` is refused, like an unknown query value.
 */
export function serveNotes(initial: readonly Note[], options: FakeNotesOptions = {}): void {
  const { caller = 'staff-1', override = () => undefined } = options;
  let notes = [...initial];
  fakeApi.reply = (request) => {
    const answer = override(request);
    if (answer) return answer;
    const url = new URL(request.path, 'http://api.test');
    if (url.pathname === '/api/notes' && request.method === 'GET') {
      const author = url.searchParams.get('author');
      if (author !== null && author !== 'me') {
        return apiError(400, 'invalid_query', '"author" must be "me" when given.');
      }
      const listed = author === 'me' ? notes.filter((kept) => kept.author_uid === caller) : notes;
      const limit = Number(url.searchParams.get('limit'));
      const cursor = url.searchParams.get('cursor');
      const start = cursor === null ? 0 : listed.findIndex((kept) => kept.id === cursor) + 1;
      const page = listed.slice(start, start + limit);
      const more = start + limit < listed.length;
      return { status: 200, body: { notes: page, next_cursor: more ? page.at(-1)?.id : null } };
    }
    const text = textOf(request.body);
    if (request.path === '/api/notes' && request.method === 'POST' && text !== undefined) {
      const created: Note = {
        id: `note-${notes.length + 1}`,
        text,
        author_uid: caller,
        business_uid: 'business-1',
        created_at: '2026-11-02T09:30:00.000Z',
      };
      notes = [created, ...notes];
      return { status: 201, body: created };
    }
    const id = /^\/api\/notes\/([^/]+)$/.exec(request.path)?.[1];
    if (id !== undefined && request.method === 'DELETE') {
      notes = notes.filter((kept) => kept.id !== decodeURIComponent(id));
      return { status: 204 };
    }
    return apiError(400, 'bad_request', `Unexpected ${request.method} ${request.path}`);
  };
}
