import { type FormEvent, useState } from 'react';
import useSWR, { useSWRConfig } from 'swr';
import { api, createNote, deleteNote, type Note, type NoteList } from '../api.ts';
import { ErrorNotice } from './ErrorNotice.tsx';

/** Notes per page: the first page, then one more per "Load more". */
export const NOTES_PAGE_SIZE = 20;

/** A page's URL: the first page, or the one after the page whose `next_cursor` this is. */
function pageUrl(cursor: string | undefined): string {
  const first = `/api/notes?limit=${NOTES_PAGE_SIZE}`;
  return cursor === undefined ? first : `${first}&cursor=${encodeURIComponent(cursor)}`;
}

const isNotesPage = (key: unknown) => typeof key === 'string' && key.startsWith('/api/notes?');

/**
 * One `useSWR` per page (plain SWR, no `swr/infinite`: the iframe's start-up JS has a budget).
 * `cursors` holds the `next_cursor` of each page shown after the first.
 */
export function Notes() {
  const [cursors, setCursors] = useState<string[]>([]);
  const { mutate } = useSWRConfig();
  const first = useSWR<NoteList, Error>(pageUrl(undefined), api.fetcher);
  const last = useSWR<NoteList, Error>(pageUrl(cursors.at(-1)), api.fetcher);
  const [text, setText] = useState('');
  const [actionError, setActionError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  const error = first.error ?? last.error;
  const nextCursor = last.data?.next_cursor;

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setActionError(null);
    try {
      await action();
      // Every loaded page again: a cursor stays valid, so the pages shown stay in order.
      await mutate(isNotesPage);
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
      {first.data?.notes.length === 0 ? <p className="muted">No notes yet.</p> : null}
      <ul aria-label="Notes" className="notes" aria-busy={first.isLoading || last.isLoading}>
        {[undefined, ...cursors].map((cursor) => (
          <NotesPage
            key={cursor ?? ''}
            cursor={cursor}
            busy={busy}
            onDelete={(id) => void run(() => deleteNote(id))}
          />
        ))}
      </ul>
      {nextCursor ? (
        <button type="button" onClick={() => setCursors([...cursors, nextCursor])}>
          Load more
        </button>
      ) : last.isLoading && cursors.length > 0 ? (
        <button type="button" disabled>
          Loading…
        </button>
      ) : null}
    </section>
  );
}

/** The notes of one page, as list items; SWR shares the request with `Notes`'s own. */
function NotesPage(props: {
  cursor: string | undefined;
  busy: boolean;
  onDelete: (id: Note['id']) => void;
}) {
  const { data } = useSWR<NoteList, Error>(pageUrl(props.cursor), api.fetcher);
  return (
    <>
      {data?.notes.map((note) => (
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
            disabled={props.busy}
            onClick={() => props.onDelete(note.id)}
          >
            Delete
          </button>
        </li>
      ))}
    </>
  );
}
