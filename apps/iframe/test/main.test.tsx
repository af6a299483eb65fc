import type * as Sdk from '@intandem/sdk';
import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../src/api.ts';
import { fakeApi, notFound } from './support/fake-api.ts';
import { settled } from './support/render.tsx';
import { BEARER, TOKEN } from './support/sdk.ts';

vi.mock('@intandem/sdk', async (importOriginal) => ({
  ...(await importOriginal<typeof Sdk>()),
  init: vi.fn(),
  getAuth: vi.fn(),
  ready: vi.fn(),
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

describe('main', () => {
  it('asks to be opened from the platform when it is not embedded', async () => {
    await start((sdk) => vi.mocked(sdk.init).mockRejectedValue(new sdk.NotEmbeddedError()));
    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText(
        'Open this app from the platform (http://localhost:4000 in development).',
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
});
