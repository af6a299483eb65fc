import { getAuth } from '@intandem/sdk';
import { ApiError } from '@partner/auth/client';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api, createNote, deleteNote, type Note } from '../src/api.ts';
import { apiError, fakeApi } from './support/fake-api.ts';
import { BEARER, TOKEN } from './support/sdk.ts';

vi.mock('@intandem/sdk', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@intandem/sdk')>()),
  getAuth: vi.fn(),
}));

const CREATED: Note = {
  id: 'note-1',
  text: 'Call back on Monday',
  author_uid: 'staff-1',
  business_uid: 'business-1',
  created_at: '2026-11-02T09:30:00.000Z',
};

beforeEach(() => {
  api.clear();
  vi.mocked(getAuth).mockResolvedValue(TOKEN);
});

describe('createNote', () => {
  it('POSTs the text as JSON with the bearer token and returns the created note', async () => {
    fakeApi.reply = () => ({ status: 201, body: CREATED });
    await expect(createNote('Call back on Monday')).resolves.toEqual(CREATED);
    expect(fakeApi.requests).toEqual([
      {
        method: 'POST',
        path: '/api/notes',
        authorization: BEARER,
        contentType: 'application/json',
        body: { text: 'Call back on Monday' },
      },
    ]);
  });

  it('rejects with the API’s error code', async () => {
    fakeApi.reply = () => apiError(422, 'text_too_long', 'A note is at most 2000 characters.');
    const failure = createNote('x'.repeat(2001));
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 422, code: 'text_too_long' });
  });
});

describe('deleteNote', () => {
  it('DELETEs the note by its id, encoded as one path segment', async () => {
    fakeApi.reply = () => ({ status: 204 });
    await expect(deleteNote('a/b?c')).resolves.toBeUndefined();
    expect(fakeApi.requests).toMatchObject([
      { method: 'DELETE', path: '/api/notes/a%2Fb%3Fc', authorization: BEARER },
    ]);
  });
});
