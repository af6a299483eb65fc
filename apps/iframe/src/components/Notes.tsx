import { type FormEvent, useState } from 'react';
import useSWRInfinite from 'swr/infinite';
import { api, createNote, deleteNote, type NoteList } from '../api.ts';
import { ErrorNotice } from './ErrorNotice.tsx';

/** Notes per page: the first page, then one more per "Load more". */
export const NOTES_PAGE_SIZE = 20;

/** Page `index`'s URL, following the cursor of the page before it; `null` past the last page. */
function pageKey(index: number, previous: NoteList | null): string | null {
  if (index === 0) return `/api/notes?limit=${NOTES_PAGE_SIZE}`;
  if (!previous?.next_cursor) return null;
  return `/api/notes?limit=${NOTES_PAGE_SIZE}&cursor=${encodeURIComponent(previous.next_cursor)}`;
}

export function Notes() {
  const { data, error, mutate, size, setSize, isValidating } = useSWRInfinite<NoteList, Error>(
    pageKey,
    api.fetcher,
  );
  const [text, setText] = useState('');
  const [actionError, setActionError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  const notes = data?.flatMap((page) => page.notes) ?? [];
  const hasMore = Boolean(data?.at(-1)?.next_cursor);
  const loadingMore = isValidating && data !== undefined && data.length < size;

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setActionError(null);
    try {
      await action();
      // Every loaded page again: a cursor stays valid, so the pages shown stay in order.
      await mutate();
    } catch (caught) {
      setActionError(caught as Error);
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await createNote(text);
      setText('');
    });
  }

  return (
    <section className="card" aria-labelledby="notes-title">
      <h2 id="notes-title">Business notes</h2>
      <form onSubmit={onSubmit} className="note-form">
        <label htmlFor="note-text">New note</label>
        <textarea
          id="note-text"
          value={text}
          maxLength={2000}
          required
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" disabled={busy || text.trim() === ''}>
          Add note
        </button>
      </form>
      {actionError ? <ErrorNotice error={actionError} title="That did not work" /> : null}
      {error ? <ErrorNotice error={error} title="Could not load notes" /> : null}
      {data && notes.length === 0 ? <p className="muted">No notes yet.</p> : null}
      <ul aria-label="Notes" className="notes">
        {notes.map((note) => (
          <li key={note.id}>
            <p>{note.text}</p>
            <small className="muted">
              {note.author_uid}
              {note.actor_uid ? ` (by ${note.actor_uid})` : ''} ·{' '}
              {new Date(note.created_at).toLocaleString()}
            </small>
            <button
              type="button"
              aria-label={`Delete note: ${note.text.slice(0, 40)}`}
              disabled={busy}
              onClick={() => void run(() => deleteNote(note.id))}
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
      {hasMore ? (
        <button type="button" disabled={loadingMore} onClick={() => void setSize(size + 1)}>
          {loadingMore ? 'Loading…' : 'Load more'}
        </button>
      ) : null}
    </section>
  );
}
