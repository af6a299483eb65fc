import { getAuth, HostError, type PlatformUser, ready } from '@intandem/sdk';
// demo:start
import type { Note } from '@partner/api/contract';
// demo:end
import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/App.tsx';
import { api, type Me } from '../src/api.ts';
import { type IdentityResource, identityFrom } from '../src/identity.ts';
import { type ContextStore, createContextStore } from '../src/platform/context.ts';
import { readySignal } from '../src/ready-signal.ts';
import { deferred } from './support/deferred.ts';
import { type ApiHandler, type ApiReply, apiError, fakeApi, notFound } from './support/fake-api.ts';
// demo:start
import { serveNotes } from './support/fake-notes.ts';
// demo:end
import { renderWithSWR, settled } from './support/render.tsx';
import { BEARER, TOKEN } from './support/sdk.ts';

vi.mock('@intandem/sdk', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@intandem/sdk')>()),
  getAuth: vi.fn(),
  ready: vi.fn(),
}));

const ME: Me = {
  staff: { uid: 'staff-1' },
  business: { uid: 'business-1' },
  app: 'partner-app',
  expires_at: '2999-01-01T00:00:00.000Z',
};

/** `/api/me` answered by `me`, and any other path 404 as the API does. */
function serveMe(me: ApiHandler): ApiHandler {
  return (request) => {
    if (request.path === '/api/me') return me(request);
    // demo:start
    // The notes panel's first page: empty.
    if (request.path.startsWith('/api/notes?')) {
      return { status: 200, body: { notes: [], next_cursor: null } };
    }
    // demo:end
    return notFound(request);
  };
}

/**
 * Under StrictMode, as in ui.tsx (see renderWithSWR), with the identity request started
 * the way the entry starts it, unless the test brings its own.
 */
function renderApp(
  store?: ContextStore,
  identity: IdentityResource = identityFrom(api.fetcher<Me>('/api/me')),
) {
  return renderWithSWR(<App identity={identity} ready={readySignal()} />, {}, store);
}

/** What the platform page says when it tells the truth about ME. */
const USER: PlatformUser = {
  brandHost: 'app.example.com',
  businessUid: 'business-1',
  staffUid: 'staff-1',
  impersonate: false,
  language: 'en',
};

beforeEach(() => {
  api.clear();
  vi.mocked(getAuth).mockResolvedValue(TOKEN);
  vi.mocked(ready).mockResolvedValue(undefined);
});

describe('App', () => {
  it('shows the verified staff member, then calls ready() exactly once', async () => {
    const answer = deferred<ApiReply>();
    fakeApi.reply = serveMe(() => answer.promise);
    let shownAtReady: string | null | undefined;
    vi.mocked(ready).mockImplementation(async () => {
      shownAtReady = screen.queryByTestId('staff-uid')?.textContent;
    });

    renderApp();
    expect(screen.getByText('Verifying…')).toBeDefined();
    // The request is at the API and unanswered: nothing real is on screen yet.
    await waitFor(() => expect(fakeApi.requests).toHaveLength(1));
    expect(ready).not.toHaveBeenCalled();

    answer.resolve({ status: 200, body: ME });
    expect((await screen.findByTestId('staff-uid')).textContent).toBe('staff-1');
    expect(screen.getByTestId('business-uid').textContent).toBe('business-1');
    expect(screen.queryByText('Verifying…')).toBeNull();
    expect(screen.queryByTestId('actor-uid')).toBeNull();
    expect(fakeApi.requests[0]).toMatchObject({
      method: 'GET',
      path: '/api/me',
      authorization: BEARER,
    });

    await waitFor(() => expect(ready).toHaveBeenCalledTimes(1));
    expect(shownAtReady).toBe('staff-1');
    // Later renders (the rest of the page arriving) do not signal again.
    await settled();
    expect(ready).toHaveBeenCalledTimes(1);
  });

  it('calls ready() once when the data is already there at mount', async () => {
    // StrictMode runs the mount effect twice; with the data at hand both runs could signal.
    fakeApi.reply = serveMe(() => ({ status: 200, body: ME }));
    const identity = identityFrom(Promise.resolve(ME));
    await identity.settled;
    renderApp(undefined, identity);

    expect(screen.getByTestId('staff-uid').textContent).toBe('staff-1');
    expect(screen.queryByText('Verifying…')).toBeNull();
    await settled();
    await waitFor(() => expect(ready).toHaveBeenCalled());
    expect(ready).toHaveBeenCalledTimes(1);
  });

  it('shows who acts on the staff member’s behalf during impersonation', async () => {
    fakeApi.reply = serveMe(() => ({
      status: 200,
      body: { ...ME, actor: { uid: 'support-7', type: 'support' } },
    }));
    renderApp();
    expect((await screen.findByTestId('actor-uid')).textContent).toBe('support-7');
    expect(screen.getByTestId('staff-uid').textContent).toBe('staff-1');
    await settled();
  });

  it('shows the API error with its code and explanation, then calls ready() once', async () => {
    fakeApi.reply = serveMe(() =>
      apiError(401, 'token_expired', '"exp" claim timestamp check failed'),
    );
    renderApp();

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Could not verify you')).toBeDefined();
    expect(within(alert).getByTestId('error-code').textContent).toBe('token_expired');
    expect(within(alert).getByText('Your session token has expired.')).toBeDefined();
    expect(screen.queryByTestId('staff-uid')).toBeNull();
    expect(screen.queryByText('Verifying…')).toBeNull();
    await waitFor(() => expect(ready).toHaveBeenCalledTimes(1));
  });

  it('shows the raw message of an error code it does not know', async () => {
    fakeApi.reply = serveMe(() =>
      apiError(403, 'business_suspended', 'This business is suspended.'),
    );
    renderApp();

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByTestId('error-code').textContent).toBe('business_suspended');
    expect(within(alert).getByText('This business is suspended.')).toBeDefined();
    await waitFor(() => expect(ready).toHaveBeenCalledTimes(1));
  });

  it('shows the platform’s error when no token can be had, without calling the API', async () => {
    vi.mocked(getAuth).mockRejectedValue(new HostError('rate_limited', 'Too many requests', 429));
    fakeApi.reply = serveMe(() => ({ status: 200, body: ME }));
    renderApp();

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByTestId('error-code').textContent).toBe('rate_limited');
    expect(
      within(alert).getByText('Too many token requests. Wait a moment and reload.'),
    ).toBeDefined();
    expect(fakeApi.requests).toHaveLength(0);
    await waitFor(() => expect(ready).toHaveBeenCalledTimes(1));
  });

  it('keeps showing the app when the platform does not acknowledge ready()', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.mocked(ready).mockRejectedValue(new Error('no host'));
    fakeApi.reply = serveMe(() => ({ status: 200, body: ME }));
    renderApp();

    expect((await screen.findByTestId('staff-uid')).textContent).toBe('staff-1');
    await waitFor(() => expect(warn).toHaveBeenCalledTimes(1));
    expect(warn.mock.calls[0]?.[0]).toBe('The platform did not acknowledge ready()');
    expect(screen.queryByRole('alert')).toBeNull();
    await settled();
  });

  it('gets a fresh token once when the API says the token can be renewed', async () => {
    vi.mocked(getAuth)
      .mockResolvedValueOnce(TOKEN)
      .mockResolvedValueOnce({ ...TOKEN, token: 'token-2' });
    const withFreshToken = serveMe(() => ({ status: 200, body: ME }));
    fakeApi.reply = (request) =>
      request.authorization === BEARER
        ? {
            status: 401,
            body: { error: { code: 'token_expired', message: 'jwt expired', retryable: true } },
          }
        : withFreshToken(request);
    renderApp();

    expect((await screen.findByTestId('staff-uid')).textContent).toBe('staff-1');
    await settled();
    expect(fakeApi.requests.slice(0, 2).map((request) => request.authorization)).toEqual([
      BEARER,
      'Bearer token-2',
    ]);
    expect(getAuth).toHaveBeenCalledTimes(2);
  });

  it('believes the verified identity over a lying platform page, and says so', async () => {
    fakeApi.reply = serveMe(() => ({ status: 200, body: ME }));
    const store = createContextStore();
    store.update({ user: { ...USER, staffUid: 'staff-9', businessUid: 'business-9' } });
    renderApp(store);

    const mismatch = await screen.findByTestId('identity-mismatch');
    expect(mismatch.getAttribute('role')).toBe('alert');
    expect(mismatch.textContent).toContain(
      'staff member: the page says staff-9, the verified token says staff-1',
    );
    expect(mismatch.textContent).toContain(
      'business: the page says business-9, the verified token says business-1',
    );
    expect(screen.getByTestId('staff-uid').textContent).toBe('staff-1');
    expect(screen.getByTestId('business-uid').textContent).toBe('business-1');
    // Nothing of the page's word went to the API.
    for (const request of fakeApi.requests) expect(request.path).not.toContain('staff-9');
    await settled();
  });

  it('reports nothing while the page agrees', async () => {
    fakeApi.reply = serveMe(() => ({ status: 200, body: ME }));
    const store = createContextStore();
    store.update({ user: USER });
    renderApp(store);
    await screen.findByTestId('staff-uid');
    await settled();
    expect(screen.queryByTestId('identity-mismatch')).toBeNull();
    expect(screen.queryByTestId('impersonation-banner')).toBeNull();
  });

  it('shows the impersonation banner with the verified names', async () => {
    fakeApi.reply = serveMe(() => ({
      status: 200,
      body: { ...ME, actor: { uid: 'support-7', type: 'staff' } },
    }));
    const store = createContextStore();
    store.update({ user: { ...USER, impersonate: true } });
    renderApp(store);
    const banner = await screen.findByTestId('impersonation-banner');
    expect(banner.textContent).toContain('acting as staff-1 (signed in as support-7)');
    expect(screen.queryByTestId('identity-mismatch')).toBeNull();
    await settled();
  });
  // demo:start

  it('loads the notes panel only after the identity is on screen', async () => {
    const answer = deferred<ApiReply>();
    const notes = serveMe(() => answer.promise);
    fakeApi.reply = notes;
    renderApp();
    await waitFor(() => expect(fakeApi.requests).toHaveLength(1));
    expect(screen.queryByRole('heading', { name: 'Business notes' })).toBeNull();
    expect(screen.queryByText('Loading notes…')).toBeNull();
    answer.resolve({ status: 200, body: ME });
    await screen.findByTestId('staff-uid');
    expect(await screen.findByRole('heading', { name: 'Business notes' })).toBeDefined();
    await waitFor(() =>
      expect(fakeApi.requests.map((request) => request.path)).toEqual([
        '/api/me',
        '/api/notes?limit=20',
      ]),
    );
    await screen.findByText('No notes yet.');
  });

  it('switches the notes between team and my view live, asking the API for each', async () => {
    const note = (id: string, author: string): Note => ({
      id,
      text: `${id} by ${author}`,
      author_uid: author,
      business_uid: 'business-1',
      created_at: '2026-11-02T09:30:00.000Z',
    });
    serveNotes([note('n1', 'staff-1'), note('n2', 'staff-2')], {
      override: (request) => (request.path === '/api/me' ? { status: 200, body: ME } : undefined),
    });
    const store = createContextStore();
    renderApp(store);
    const list = async () => {
      const items = within(await screen.findByRole('list', { name: 'Notes' })).queryAllByRole(
        'listitem',
      );
      return items.map((item) => item.querySelector('p')?.textContent);
    };
    await screen.findByText('n2 by staff-2');
    expect(await list()).toEqual(['n1 by staff-1', 'n2 by staff-2']);

    store.update({ view: 'my_view' });
    expect(await screen.findByRole('heading', { name: 'My notes' })).toBeDefined();
    await waitFor(async () => expect(await list()).toEqual(['n1 by staff-1']));
    expect(fakeApi.requests.at(-1)?.path).toBe('/api/notes?limit=20&author=me');

    store.update({ view: 'team' });
    expect(await screen.findByText('n2 by staff-2')).toBeDefined();
    // Back on the team view, the list is asked for again (SWR revalidates on mount).
    await waitFor(() =>
      expect(fakeApi.requests.map((request) => request.path)).toEqual([
        '/api/me',
        '/api/notes?limit=20',
        '/api/notes?limit=20&author=me',
        '/api/notes?limit=20',
      ]),
    );
    await fakeApi.idle();
  });
  // demo:end
});
