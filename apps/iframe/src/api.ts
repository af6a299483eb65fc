import * as sdk from '@intandem/sdk';
import { createAuthClient } from '@partner/auth/client';
import { env } from './env.ts';

/** One client for the whole app, so every request shares the cached token. */
export const api = createAuthClient({ getAuth: sdk.getAuth, baseUrl: env.apiUrl });

export interface Me {
  staff: { uid: string };
  business?: { uid: string };
  actor?: { uid: string; type: string };
  app: string;
  expiresAt: string;
}

export interface Note {
  id: string;
  text: string;
  author_uid: string;
  business_uid: string;
  created_at: string;
}

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
