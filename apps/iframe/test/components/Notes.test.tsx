import { getAuth } from '@intandem/sdk';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api, type Note } from '../../src/api.ts';
import { NOTES_PAGE_SIZE, Notes } from '../../src/components/Notes.tsx';
import { createContextStore } from '../../src/platform/context.ts';
import { deferred } from '../support/deferred.ts';
import { type ApiReply, type ApiRequest, apiError, fakeApi } from '../support/fake-api.ts';
import { serveNotes } from '../support/fake-notes.ts';
import { renderWithSWR } from '../support/render.tsx';
import { BEARER, platformUser, TOKEN } from '../support/sdk.ts';

vi.mock('@intandem/sdk', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@intandem/sdk')>()),
  getAuth: vi.fn(),
  ready: vi.fn(),
}));

function note(id: string, text: string): Note {
  return {
    id,
    text,
    author_uid: 'staff-1',
    business_uid: 'business-1',
    created_at: '2026-11-02T09:30:00.000Z',
  };
}

function sent(method: string): ApiRequest[] {
  return fakeApi.requests.filter((request) => request.method === method);
}

const textarea = () => screen.getByLabelText<HTMLTextAreaElement>('New note');
const addButton = () => screen.getByRole<HTMLButtonElement>('button', { name: 'Add note' });
const notesList = () => screen.getByRole('list', { name: 'Notes' });

function type(text: string) {
  fireEvent.change(textarea(), { target: { value: text } });
}

beforeEach(() => {
  api.clear();
  vi.mocked(getAuth).mockResolvedValue(TOKEN);
});

describe('Notes', () => {
  it('lists the business notes from the API', async () => {
    serveNotes([note('a', 'Prefers morning calls'), note('b', 'Invoice sent')]);
    renderWithSWR(<Notes view="team" />);
    expect(await screen.findByText('Prefers morning calls')).toBeDefined();
    expect(within(notesList()).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.queryByText('No notes yet.')).toBeNull();
    expect(fakeApi.requests[0]).toMatchObject({
      method: 'GET',
      path: `/api/notes?limit=${NOTES_PAGE_SIZE}`,
      authorization: BEARER,
    });
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('shows who really wrote a note on behalf of its author', async () => {
    serveNotes([{ ...note('a', 'Covered the shift'), actor_uid: 'staff-admin' }]);
    renderWithSWR(<Notes view="team" />);
    const item = (await screen.findByText('Covered the shift')).closest('li');
    expect(item?.textContent).toContain('staff-1 (by staff-admin)');
  });

  it('loads older notes page by page with the cursor the API gave', async () => {
    const all = Array.from({ length: NOTES_PAGE_SIZE * 2 + 1 }, (_, i) =>
      note(`n${i}`, `Note ${i}`),
    );
    serveNotes(all);
    renderWithSWR(<Notes view="team" />);
    await screen.findByText('Note 0');
    expect(within(notesList()).getAllByRole('listitem')).toHaveLength(NOTES_PAGE_SIZE);

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText(`Note ${NOTES_PAGE_SIZE * 2 - 1}`)).toBeDefined();
    expect(within(notesList()).getAllByRole('listitem')).toHaveLength(NOTES_PAGE_SIZE * 2);
    expect(sent('GET').at(-1)?.path).toBe(
      `/api/notes?limit=${NOTES_PAGE_SIZE}&cursor=n${NOTES_PAGE_SIZE - 1}`,
    );

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText(`Note ${NOTES_PAGE_SIZE * 2}`)).toBeDefined();
    const items = within(notesList()).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('p')?.textContent)).toEqual(
      all.map((kept) => kept.text),
    );
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull());
  });

  it('says so when there are no notes', async () => {
    serveNotes([]);
    renderWithSWR(<Notes view="team" />);
    expect(await screen.findByText('No notes yet.')).toBeDefined();
  });

  it('shows the error when the list cannot be loaded', async () => {
    serveNotes([], {
      override: (request) =>
        request.method === 'GET'
          ? apiError(503, 'jwks_unavailable', 'JWKS fetch failed')
          : undefined,
    });
    renderWithSWR(<Notes view="team" />);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Could not load notes')).toBeDefined();
    expect(within(alert).getByTestId('error-code').textContent).toBe('jwks_unavailable');
  });

  it('only lets you add a note with some text in it', async () => {
    serveNotes([]);
    renderWithSWR(<Notes view="team" />);
    await screen.findByText('No notes yet.');
    expect(addButton().disabled).toBe(true);
    type('   ');
    expect(addButton().disabled).toBe(true);
    type('Call back');
    expect(addButton().disabled).toBe(false);
  });

  it('adds a note with the bearer token, then refreshes the list and clears the text', async () => {
    serveNotes([note('a', 'Invoice sent')]);
    renderWithSWR(<Notes view="team" />);
    await screen.findByText('Invoice sent');

    type('Call back on Monday');
    fireEvent.click(addButton());

    expect(await within(notesList()).findByText('Call back on Monday')).toBeDefined();
    expect(sent('POST')).toEqual([
      {
        method: 'POST',
        path: '/api/notes',
        authorization: BEARER,
        contentType: 'application/json',
        body: { text: 'Call back on Monday' },
      },
    ]);
    // The list shown is the API's answer to a second GET, not a local guess.
    expect(sent('GET')).toHaveLength(2);
    expect(within(notesList()).getAllByRole('listitem')).toHaveLength(2);
    expect(textarea().value).toBe('');
  });

  it('disables adding and deleting while a request is in flight', async () => {
    const answer = deferred<ApiReply>();
    serveNotes([note('a', 'Invoice sent')], {
      override: (request) => (request.method === 'POST' ? answer.promise : undefined),
    });
    renderWithSWR(<Notes view="team" />);
    await screen.findByText('Invoice sent');
    const remove = screen.getByRole<HTMLButtonElement>('button', {
      name: 'Delete note: Invoice sent',
    });

    type('Call back');
    fireEvent.click(addButton());
    await waitFor(() => expect(sent('POST')).toHaveLength(1));
    expect(addButton().disabled).toBe(true);
    expect(remove.disabled).toBe(true);

    answer.resolve({ status: 201, body: note('b', 'Call back') });
    await waitFor(() => expect(remove.disabled).toBe(false));
  });

  it('keeps the typed text and shows the API error when adding fails', async () => {
    serveNotes([], {
      override: (request) =>
        request.method === 'POST'
          ? apiError(422, 'text_too_long', 'A note is at most 2000 characters.')
          : undefined,
    });
    renderWithSWR(<Notes view="team" />);
    await screen.findByText('No notes yet.');

    type('A very long note');
    fireEvent.click(addButton());

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('That did not work')).toBeDefined();
    expect(within(alert).getByTestId('error-code').textContent).toBe('text_too_long');
    expect(within(alert).getByText('A note is at most 2000 characters.')).toBeDefined();
    expect(textarea().value).toBe('A very long note');
    await waitFor(() => expect(addButton().disabled).toBe(false));
    // Nothing changed, so the list was not fetched again.
    expect(sent('GET')).toHaveLength(1);
  });

  it('clears the error once the next action succeeds', async () => {
    let failNext = true;
    serveNotes([], {
      override: (request) => {
        if (request.method !== 'POST' || !failNext) return undefined;
        failNext = false;
        return apiError(500, 'internal', 'Database unavailable');
      },
    });
    renderWithSWR(<Notes view="team" />);
    await screen.findByText('No notes yet.');

    type('Retry me');
    fireEvent.click(addButton());
    await screen.findByRole('alert');
    fireEvent.click(addButton());

    expect(await within(notesList()).findByText('Retry me')).toBeDefined();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('deletes a note by its id, then refreshes the list', async () => {
    // An id with a slash shows that it is sent as one encoded path segment.
    serveNotes([note('note/1', 'Invoice sent'), note('note-2', 'Prefers morning calls')]);
    renderWithSWR(<Notes view="team" />);
    await screen.findByText('Invoice sent');

    fireEvent.click(screen.getByRole('button', { name: 'Delete note: Invoice sent' }));

    await waitFor(() => expect(screen.queryByText('Invoice sent')).toBeNull());
    expect(sent('DELETE')).toEqual([
      {
        method: 'DELETE',
        path: '/api/notes/note%2F1',
        authorization: BEARER,
        contentType: undefined,
        body: undefined,
      },
    ]);
    expect(sent('GET')).toHaveLength(2);
    expect(screen.getByText('Prefers morning calls')).toBeDefined();
  });

  it('keeps the note and shows the error when deleting fails', async () => {
    serveNotes([note('a', 'Invoice sent')], {
      override: (request) =>
        request.method === 'DELETE'
          ? apiError(403, 'not_author', 'Only the author can delete this note.')
          : undefined,
    });
    renderWithSWR(<Notes view="team" />);
    await screen.findByText('Invoice sent');

    fireEvent.click(screen.getByRole('button', { name: 'Delete note: Invoice sent' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByTestId('error-code').textContent).toBe('not_author');
    expect(within(alert).getByText('Only the author can delete this note.')).toBeDefined();
    expect(screen.getByText('Invoice sent')).toBeDefined();
  });

  it('asks the API for the caller’s own notes in my view, page after page', async () => {
    const mine = Array.from({ length: NOTES_PAGE_SIZE + 1 }, (_, i) => note(`m${i}`, `Mine ${i}`));
    const theirs = { ...note('t0', 'Theirs'), author_uid: 'staff-2' };
    serveNotes([theirs, ...mine]);
    renderWithSWR(<Notes view="my_view" />);
    expect(await screen.findByRole('heading', { name: 'My notes' })).toBeDefined();
    await screen.findByText('Mine 0');
    expect(screen.queryByText('Theirs')).toBeNull();
    expect(sent('GET')[0]?.path).toBe(`/api/notes?limit=${NOTES_PAGE_SIZE}&author=me`);

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText(`Mine ${NOTES_PAGE_SIZE}`)).toBeDefined();
    expect(sent('GET').at(-1)?.path).toBe(
      `/api/notes?limit=${NOTES_PAGE_SIZE}&author=me&cursor=m${NOTES_PAGE_SIZE - 1}`,
    );
    expect(screen.queryByText('Theirs')).toBeNull();
  });

  it('shows when each note was written in the platform’s language', async () => {
    serveNotes([note('a', 'Invoice sent')]);
    const store = createContextStore();
    store.update({
      user: platformUser({ language: 'he' }),
    });
    renderWithSWR(<Notes view="team" />, {}, store);
    const item = (await screen.findByText('Invoice sent')).closest('li');
    const time = item?.querySelector('time');
    expect(time?.getAttribute('datetime')).toBe('2026-11-02T09:30:00.000Z');
    expect(time?.textContent).toBe(
      new Intl.DateTimeFormat('he', { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date('2026-11-02T09:30:00.000Z'),
      ),
    );
  });
});
