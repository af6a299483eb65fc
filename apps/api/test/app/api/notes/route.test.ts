import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as noteById from '../../../../src/app/api/notes/[id]/route.ts';
import * as notes from '../../../../src/app/api/notes/route.ts';
import type { Note, NoteList } from '../../../../src/contract.ts';
import { ORIGIN, type RouteHarness, startRouteHarness } from '../../../support/route-harness.ts';

// The pattern for a route suite: the exported handlers called in-process with a real token,
// the real verifier and an in-memory database. Copy it for your own routes.
let api: RouteHarness;
beforeAll(async () => {
  api = await startRouteHarness();
});
afterAll(() => api.close());

const post = (text: unknown, claims?: Record<string, unknown>) =>
  api.call(notes, '/api/notes', { method: 'POST', body: { text }, token: claims ?? {} });

async function errorOf(response: Response) {
  return { status: response.status, ...((await response.json()) as { error: object }).error };
}

describe('POST /api/notes', () => {
  it('creates a note for the token’s staff member and business: 201, CORS, no-store', async () => {
    const response = await post('  Call the supplier  ');
    expect(response.status).toBe(201);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const note = (await response.json()) as Note;
    expect(note).toMatchObject({
      text: 'Call the supplier',
      author_uid: 'staff-1',
      business_uid: 'biz-1',
    });
  });

  it.each([
    ['a NUL byte', 'a\u0000b', '"text" must not contain control characters.'],
    ['an escape sequence', '\u001b[2J', '"text" must not contain control characters.'],
    ['a carriage return', 'forged\rline', '"text" must not contain control characters.'],
    ['a lone surrogate', 'x\ud800', '"text" must be valid Unicode.'],
    ['only spaces', '   ', '"text" must not be empty.'],
    ['2,001 characters', 'x'.repeat(2001), '"text" must be at most 2000 characters.'],
    ['a number', 42, '"text" must be a string.'],
  ])('refuses %s with 400 invalid_body naming the field', async (_name, text, message) => {
    const response = await post(text);
    expect(await errorOf(response)).toEqual({ status: 400, code: 'invalid_body', message });
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('keeps tabs and newlines, which people type', async () => {
    const note = (await (await post('line one\n\tline two')).json()) as Note;
    expect(note.text).toBe('line one\n\tline two');
  });

  it('refuses a body that is not a JSON object', async () => {
    for (const body of ['not json', '[1]', 'null']) {
      const response = await api.call(notes, '/api/notes', { method: 'POST', body, token: {} });
      expect(await errorOf(response)).toMatchObject({ status: 400, code: 'invalid_body' });
    }
  });

  it('answers 403 no_business for a token that names no business', async () => {
    const response = await post('hello', { business_uid: undefined });
    expect(await errorOf(response)).toMatchObject({ status: 403, code: 'no_business' });
  });

  it('answers 401 with CORS when there is no token', async () => {
    const response = await api.call(notes, '/api/notes', {
      method: 'POST',
      body: { text: 'x' },
      token: null,
    });
    expect(await errorOf(response)).toMatchObject({ status: 401, code: 'missing_token' });
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });
});

describe('GET /api/notes', () => {
  it('lists the business’s notes newest first, and no other business’s', async () => {
    await post('first', { business_uid: 'biz-list' });
    await post('second', { business_uid: 'biz-list' });
    await post('elsewhere', { business_uid: 'biz-other' });
    const response = await api.call(notes, '/api/notes', { token: { business_uid: 'biz-list' } });
    expect(response.status).toBe(200);
    const list = (await response.json()) as NoteList;
    expect(list.notes.map((note) => note.text)).toEqual(['second', 'first']);
    expect(list.next_cursor).toBeNull();
  });

  it('pages with the cursor it gave', async () => {
    for (const text of ['a', 'b', 'c']) await post(text, { business_uid: 'biz-pages' });
    const token = { business_uid: 'biz-pages' };
    const first = (await (
      await api.call(notes, '/api/notes?limit=2', { token })
    ).json()) as NoteList;
    expect(first.notes.map((note) => note.text)).toEqual(['c', 'b']);
    const path = `/api/notes?limit=2&cursor=${first.next_cursor}`;
    const second = (await (await api.call(notes, path, { token })).json()) as NoteList;
    expect(second.notes.map((note) => note.text)).toEqual(['a']);
    expect(second.next_cursor).toBeNull();
  });

  it.each([
    ['?limit=0', '"limit" must be from 1 to 100.'],
    ['?limit=101', '"limit" must be from 1 to 100.'],
    ['?limit=ten', '"limit" must be a whole number from 1 to 100.'],
    ['?cursor=forged', '"cursor" is not one this API gave.'],
    ['?limit=5&limit=6', '"limit" appears more than once.'],
  ])('refuses %s with 400 invalid_query', async (query, message) => {
    const response = await api.call(notes, `/api/notes${query}`, { token: {} });
    expect(await errorOf(response)).toEqual({ status: 400, code: 'invalid_query', message });
  });
});

describe('DELETE /api/notes/[id]', () => {
  const remove = (id: string, claims: Record<string, unknown> = {}) =>
    api.call(noteById, `/api/notes/${id}`, { method: 'DELETE', params: { id }, token: claims });

  it('deletes the author’s own note: 204', async () => {
    const note = (await (await post('mine')).json()) as Note;
    const response = await remove(note.id);
    expect(response.status).toBe(204);
    expect(await (await remove(note.id)).status).toBe(404);
  });

  it('refuses another staff member’s note with 403 not_author', async () => {
    const note = (await (await post('theirs')).json()) as Note;
    expect(await errorOf(await remove(note.id, { sub: 'staff-2' }))).toMatchObject({
      status: 403,
      code: 'not_author',
    });
  });

  it('answers another business’s note exactly like a missing one', async () => {
    const note = (await (await post('private', { business_uid: 'biz-a' })).json()) as Note;
    const foreign = await errorOf(await remove(note.id, { business_uid: 'biz-b' }));
    const missing = await errorOf(await remove('00000000-0000-4000-8000-000000000000'));
    expect(foreign).toEqual(missing);
    expect(foreign).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('answers 404 for an id that is not a UUID', async () => {
    expect(await errorOf(await remove('not-a-uuid'))).toMatchObject({ status: 404 });
  });
});

describe('methods', () => {
  it('grants exactly the declared methods in the preflight', async () => {
    const list = await api.call(notes, '/api/notes', { method: 'OPTIONS' });
    expect(list.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    const one = await api.call(noteById, '/api/notes/x', { method: 'OPTIONS' });
    expect(one.headers.get('access-control-allow-methods')).toBe('DELETE, OPTIONS');
  });

  it('answers an undeclared method 405 JSON with Allow and CORS', async () => {
    const response = await api.call(notes, '/api/notes', { method: 'PUT', token: {} });
    expect(await errorOf(response)).toMatchObject({ status: 405, code: 'method_not_allowed' });
    expect(response.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });
});
