import * as sdk from '@intandem/sdk';
// demo:start
import type { Note, NoteList } from '@partner/api/contract';
// demo:end
import { createAuthClient } from '@partner/auth/client';
import { env } from './env.ts';
import { MARKS, markOnce } from './timing.ts';

let authAnswered = () => {};
/** Settles once the platform has first answered `getAuth()`, with a token or an error. */
export const firstAuthAnswered = new Promise<void>((resolve) => {
  authAnswered = resolve;
});

/** One client for the whole app, so every request shares the cached token. */
export const api = createAuthClient({
  getAuth: async () => {
    try {
      const auth = await sdk.getAuth();
      markOnce(MARKS.token);
      return auth;
    } finally {
      authAnswered();
    }
  },
  baseUrl: env.apiUrl,
});

// The API's answers, typed where they are produced.
export type { Me } from '@partner/api/contract';
// demo:start
export type { Note, NoteList };

export async function createNote(text: string): Promise<Note> {
  return api.fetcher<Note>('/api/notes', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ text }),
  });
}

export async function deleteNote(id: string): Promise<void> {
  await api.fetcher<null>(`/api/notes/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
// demo:end
