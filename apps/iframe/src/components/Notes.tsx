import { type FormEvent, useState } from 'react';
import useSWR from 'swr';
import { api, createNote, deleteNote, type NoteList } from '../api.ts';
import { ErrorNotice } from './ErrorNotice.tsx';

const NOTES = '/api/notes';

export function Notes() {
  const { data, error, mutate } = useSWR<NoteList, Error>(NOTES, api.fetcher);
  const [text, setText] = useState('');
  const [actionError, setActionError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setActionError(null);
    try {
      await action();
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
      {data && data.notes.length === 0 ? <p className="muted">No notes yet.</p> : null}
      <ul aria-label="Notes" className="notes">
        {data?.notes.map((note) => (
          <li key={note.id}>
            <p>{note.text}</p>
            <small className="muted">
              {note.author_uid} · {new Date(note.created_at).toLocaleString()}
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
    </section>
  );
}
