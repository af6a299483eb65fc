import {
  type Ack,
  addEventListener,
  type ChangeViewListener,
  getState,
  getUser,
  type PlatformState,
  TimeoutError,
} from '@intandem/sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createContextStore } from '../../src/platform/context.ts';
import { applyLanguage } from '../../src/platform/language.ts';
import { connectContext, refreshState } from '../../src/platform/load-context.ts';
import { deferred } from '../support/deferred.ts';
import { platformUser } from '../support/sdk.ts';

vi.mock('@intandem/sdk', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@intandem/sdk')>()),
  getUser: vi.fn(),
  getState: vi.fn(),
  addEventListener: vi.fn(),
}));

const USER = platformUser({ language: 'he' });

const STATE: PlatformState = {
  hostName: 'business-page',
  hostType: 'page',
  state: 'loaded',
  staff: { uid: 'staff-1' },
  accountUid: 'business-1',
  view: 'my_view',
};

/** The ChangeView listener connectContext registered. */
function changeViewListener(): ChangeViewListener {
  const [type, listener] = vi.mocked(addEventListener).mock.calls.at(-1) ?? [];
  expect(type).toBe('changeView');
  return listener as ChangeViewListener;
}

beforeEach(() => {
  vi.mocked(getUser).mockResolvedValue(USER);
  vi.mocked(getState).mockResolvedValue(STATE);
});
afterEach(() => applyLanguage('en'));

describe('connectContext', () => {
  it('asks only after the handshake, then keeps both answers and sets the language', async () => {
    const store = createContextStore();
    const handshake = deferred<void>();
    const connected = connectContext(store, handshake.promise);
    await Promise.resolve();
    expect(getUser).not.toHaveBeenCalled();

    handshake.resolve();
    await connected;
    expect(store.get()).toEqual({ user: USER, state: STATE, view: 'my_view', error: null });
    expect(document.documentElement.lang).toBe('he');
    expect(document.documentElement.dir).toBe('rtl');
  });

  it('keeps what it got when one of the two fails, and says why', async () => {
    vi.mocked(getState).mockRejectedValue(new TimeoutError('getState', 5000));
    const store = createContextStore();
    await connectContext(store, Promise.resolve());
    expect(store.get()).toMatchObject({ user: USER, state: null, view: 'team' });
    expect(store.get().error).toMatchObject({ code: 'timeout' });
  });

  it('leaves the document alone when getUser fails', async () => {
    vi.mocked(getUser).mockRejectedValue(new TimeoutError('getUser', 5000));
    await connectContext(createContextStore(), Promise.resolve());
    expect(document.documentElement.lang).toBe('en');
    expect(document.documentElement.dir).toBe('ltr');
  });

  it('switches the view on ChangeView and acks once it is applied', async () => {
    const store = createContextStore();
    await connectContext(store, Promise.resolve());
    const ack = vi.fn<Ack>(() => {
      expect(store.get().view).toBe('team');
    });
    changeViewListener()({ view: 'team' }, ack);
    expect(ack).toHaveBeenCalledExactlyOnceWith(true, { view: 'team' });
  });

  it('lets a ChangeView that arrives before getState’s answer win over it', async () => {
    const answer = deferred<PlatformState>();
    vi.mocked(getState).mockReturnValue(answer.promise);
    const store = createContextStore();
    const connected = connectContext(store, Promise.resolve());
    changeViewListener()({ view: 'team' }, () => {});
    answer.resolve(STATE);
    await connected;
    expect(store.get().view).toBe('team');
    expect(store.get().state).toEqual(STATE);
  });
});

describe('refreshState', () => {
  it('takes the new life-cycle state and keeps the view ChangeView set', async () => {
    const store = createContextStore();
    store.update({ state: STATE, view: 'team' });
    vi.mocked(getState).mockResolvedValue({ ...STATE, state: 'ready' });
    await refreshState(store);
    expect(store.get().state).toMatchObject({ state: 'ready', view: 'team' });
    expect(store.get().view).toBe('team');
  });

  it('keeps the first answer when asking again fails', async () => {
    const store = createContextStore();
    store.update({ state: STATE });
    vi.mocked(getState).mockRejectedValue(new TimeoutError('getState', 5000));
    await refreshState(store);
    expect(store.get().state).toEqual(STATE);
  });
});
