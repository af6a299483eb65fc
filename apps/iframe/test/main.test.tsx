import type * as Sdk from '@intandem/sdk';
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../src/api.ts';
import { fakeApi, notFound } from './support/fake-api.ts';
import { settled } from './support/render.tsx';
import { BEARER, platformUser, TOKEN } from './support/sdk.ts';

vi.mock('@intandem/sdk', async (importOriginal) => ({
  ...(await importOriginal<typeof Sdk>()),
  init: vi.fn(),
  getAuth: vi.fn(),
  ready: vi.fn(),
  getUser: vi.fn(),
  getState: vi.fn(),
  addEventListener: vi.fn(),
}));

/**
 * Runs src/main.tsx afresh against a new #root. `prepare` gets the SDK module main.tsx will
 * see (mocked, and new after resetModules) before main.tsx calls init().
 */
async function start(prepare: (sdk: typeof Sdk) => void): Promise<typeof Sdk> {
  vi.resetModules();
  document.body.innerHTML = '<div id="root"></div>';
  const sdk = await import('@intandem/sdk');
  prepare(sdk);
  await import('../src/main.tsx');
  return sdk;
}

beforeEach(() => {
  vi.stubEnv('VITE_HOST_ORIGINS', 'https://app.intandem.example, http://localhost:4000');
  vi.stubEnv('VITE_WIDGET_UID', 'widget-9');
});
afterEach(() => {
  document.documentElement.lang = 'en';
  document.documentElement.dir = '';
});

describe('main', () => {
  it('asks to be opened from the platform when it is not embedded', async () => {
    await start((sdk) => vi.mocked(sdk.init).mockRejectedValue(new sdk.NotEmbeddedError()));
    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText(
        'Open this app from the platform (https://app.intandem.example or http://localhost:4000).',
      ),
    ).toBeDefined();
    expect(within(alert).getByTestId('error-code').textContent).toBe('not_embedded');
    expect(screen.queryByRole('heading', { name: 'Partner app' })).toBeNull();
  });

  it('says it could not connect when the handshake fails otherwise', async () => {
    await start((sdk) => vi.mocked(sdk.init).mockRejectedValue(new sdk.TimeoutError('init', 5000)));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Could not connect to the platform.')).toBeDefined();
    expect(within(alert).getByTestId('error-code').textContent).toBe('timeout');
  });

  it('starts the app after the handshake, with the configured origins and widget', async () => {
    const me: Me = { staff: { uid: 'staff-1' }, app: 'partner-app', expires_at: TOKEN.expiry_date };
    fakeApi.reply = (request) => {
      if (request.path === '/api/me') return { status: 200, body: me };
      // demo:start
      if (request.path.startsWith('/api/notes?')) return { status: 200, body: { notes: [] } };
      // demo:end
      return notFound(request);
    };
    const sdk = await start((mocked) => {
      vi.mocked(mocked.init).mockResolvedValue({ appCodeName: 'partner-app' });
      vi.mocked(mocked.getAuth).mockResolvedValue(TOKEN);
      vi.mocked(mocked.ready).mockResolvedValue(undefined);
      vi.mocked(mocked.getUser).mockRejectedValue(new mocked.TimeoutError('getUser', 5000));
      vi.mocked(mocked.getState).mockRejectedValue(new mocked.TimeoutError('getState', 5000));
    });

    expect((await screen.findByTestId('staff-uid')).textContent).toBe('staff-1');
    expect(sdk.init).toHaveBeenCalledExactlyOnceWith({
      hostOrigins: ['https://app.intandem.example', 'http://localhost:4000'],
      widgetUid: 'widget-9',
    });
    expect(fakeApi.requests[0]).toMatchObject({ path: '/api/me', authorization: BEARER });
    // The request started before the UI rendered is the one SWR shows: it is not sent twice.
    expect(fakeApi.requests.filter((request) => request.path === '/api/me')).toHaveLength(1);
    // The platform hears ready() once, after the staff member is on screen.
    await settled();
    await waitFor(() => expect(sdk.ready).toHaveBeenCalledTimes(1));
  });

  it('renders in the platform’s language and follows its view, acking each change', async () => {
    const me: Me = {
      staff: { uid: 'staff-1' },
      business: { uid: 'business-1' },
      app: 'partner-app',
      expires_at: TOKEN.expiry_date,
    };
    fakeApi.reply = (request) =>
      request.path === '/api/me' ? { status: 200, body: me } : { status: 200, body: { notes: [] } };
    const sdk = await start((mocked) => {
      vi.mocked(mocked.init).mockResolvedValue({ appCodeName: 'partner-app' });
      vi.mocked(mocked.getAuth).mockResolvedValue(TOKEN);
      vi.mocked(mocked.ready).mockResolvedValue(undefined);
      vi.mocked(mocked.getUser).mockResolvedValue(platformUser({ language: 'he' }));
      vi.mocked(mocked.getState).mockResolvedValue({
        hostName: 'business-page',
        hostType: 'page',
        state: 'loaded',
        staff: { uid: 'staff-1' },
        accountUid: 'business-1',
        view: 'team',
      });
    });

    expect((await screen.findByTestId('platform-language')).textContent).toBe('he');
    expect(document.documentElement.lang).toBe('he');
    expect(document.documentElement.dir).toBe('rtl');
    // The token was asked for before the context: the context never delays the identity.
    const order = (mock: unknown) => vi.mocked(mock as () => void).mock.invocationCallOrder[0] ?? 0;
    expect(order(sdk.getAuth)).toBeLessThan(order(sdk.getUser));
    await settled();

    const [type, listener] = vi.mocked(sdk.addEventListener).mock.calls[0] ?? [];
    expect(type).toBe(sdk.MessageType.ChangeView);
    const ack = vi.fn();
    act(() => listener?.({ view: 'my_view' }, ack));
    expect(ack).toHaveBeenCalledExactlyOnceWith(true, { view: 'my_view' });
    await waitFor(() => expect(screen.getByTestId('platform-view').textContent).toBe('My view'));
    // demo:start
    expect(await screen.findByRole('heading', { name: 'My notes' })).toBeDefined();
    await waitFor(() =>
      expect(fakeApi.requests.at(-1)?.path).toBe('/api/notes?limit=20&author=me'),
    );
    // demo:end
    await fakeApi.idle();
  });

  it('asks for the context only once the token is in, so its work never holds the token', async () => {
    const me: Me = { staff: { uid: 'staff-1' }, app: 'partner-app', expires_at: TOKEN.expiry_date };
    fakeApi.reply = () => ({ status: 200, body: me });
    let tokenIn = false;
    const tokenInWhenAsked: boolean[] = [];
    await start((mocked) => {
      vi.mocked(mocked.init).mockResolvedValue({ appCodeName: 'partner-app' });
      // The host answers a task later, as across windows.
      vi.mocked(mocked.getAuth).mockImplementation(
        () =>
          new Promise((resolve) =>
            setTimeout(() => {
              tokenIn = true;
              resolve(TOKEN);
            }),
          ),
      );
      vi.mocked(mocked.ready).mockResolvedValue(undefined);
      for (const ask of [mocked.getUser, mocked.getState]) {
        vi.mocked(ask).mockImplementation(async () => {
          tokenInWhenAsked.push(tokenIn);
          throw new mocked.TimeoutError('getUser', 5000);
        });
      }
    });
    await screen.findByTestId('platform-context-error');
    // getUser and getState, and getState again after ready(): none before the token.
    expect(tokenInWhenAsked.length).toBeGreaterThanOrEqual(2);
    expect(tokenInWhenAsked).not.toContain(false);
    await fakeApi.idle();
  });

  it('shows the verified identity and sends ready() before React has run', async () => {
    const me: Me = { staff: { uid: 'staff-1' }, app: 'partner-app', expires_at: TOKEN.expiry_date };
    fakeApi.reply = (request) =>
      request.path === '/api/me' ? { status: 200, body: me } : { status: 200, body: { notes: [] } };
    const seenByUi: { staffUid: string | null | undefined; readyCalls: number }[] = [];
    vi.resetModules();
    document.body.innerHTML = '<div id="root"></div>';
    const sdk = await import('@intandem/sdk');
    vi.mocked(sdk.init).mockResolvedValue({ appCodeName: 'partner-app' });
    vi.mocked(sdk.getAuth).mockResolvedValue(TOKEN);
    vi.mocked(sdk.ready).mockResolvedValue(undefined);
    vi.mocked(sdk.getUser).mockRejectedValue(new sdk.TimeoutError('getUser', 5000));
    vi.mocked(sdk.getState).mockRejectedValue(new sdk.TimeoutError('getState', 5000));
    // The UI chunk stands still: what is on screen is the entry's own doing.
    vi.doMock('../src/ui.tsx', () => ({
      start: vi.fn(async () => {
        seenByUi.push({
          staffUid: document.querySelector('[data-testid="staff-uid"]')?.textContent,
          readyCalls: vi.mocked(sdk.ready).mock.calls.length,
        });
      }),
    }));
    try {
      await import('../src/main.tsx');
      expect(seenByUi).toEqual([{ staffUid: 'staff-1', readyCalls: 1 }]);
      expect(screen.getByRole('heading', { name: 'Signed in' })).toBeDefined();
    } finally {
      vi.doUnmock('../src/ui.tsx');
    }
  });
});
