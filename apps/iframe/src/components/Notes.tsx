import type { View } from '@intandem/sdk';
import { type FormEvent, useState } from 'react';
import useSWR, { useSWRConfig } from 'swr';
import { api, createNote, deleteNote, type Note, type NoteList } from '../api.ts';
import { useFormats } from '../platform/use-platform.ts';
import { ErrorNotice } from './ErrorNotice.tsx';

/** Notes per page: the first page, then one more per "Load more". */
export const NOTES_PAGE_SIZE = 20;

/**
 * A page's URL: the first page, or the one after the page whose `next_cursor` this is. The
 * team view lists every note of the business; "my view" asks the API for the caller's own
 * (`author=me`: the API decides who "me" is, from the verified token).
 */
export function notesPageUrl(view: View, cursor: string | undefined): string {
  const first = `/api/notes?limit=${NOTES_PAGE_SIZE}${view === 'my_view' ? '&author=me' : ''}`;
  return cursor === undefined ? first : `${first}&cursor=${encodeURIComponent(cursor)}`;
}

const TITLES: Record<View, string> = { team: 'Business notes', my_view: 'My notes' };

const isNotesPage = (key: unknown) => typeof key === 'string' && key.startsWith('/api/notes?');

/**
 * One `useSWR` per page (plain SWR, no `swr/infinite`). `cursors` holds the `next_cursor` of
 * each page shown after the first; give the component a `key` per view, so a view change starts
 * again from the first page.
 */
export function Notes({ view }: { view: View }) {
  const [cursors, setCursors] = useState<string[]>([]);
  const { mutate } = useSWRConfig();
  const first = useSWR<NoteList, Error>(notesPageUrl(view, undefined), api.fetcher);
  const last = useSWR<NoteList, Error>(notesPageUrl(view, cursors.at(-1)), api.fetcher);
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
      <h2 id="notes-title">{TITLES[view]}</h2>
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
            view={view}
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
  view: View;
  cursor: string | undefined;
  busy: boolean;
  onDelete: (id: Note['id']) => void;
}) {
  const { data } = useSWR<NoteList, Error>(notesPageUrl(props.view, props.cursor), api.fetcher);
  const formats = useFormats();
  return (
    <>
      {data?.notes.map((note) => (
        <li key={note.id}>
          <p>{note.text}</p>
          <small className="muted">
            <bdi>{note.author_uid}</bdi>
            {note.actor_uid ? (
              <>
                {' '}
                (by <bdi>{note.actor_uid}</bdi>)
              </>
            ) : null}{' '}
            · <time dateTime={note.created_at}>{formats.dateTime(note.created_at)}</time>
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
