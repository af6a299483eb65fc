import {
  type CompactJWSToken,
  type PlatformState,
  type PlatformUser,
  type SdkRequest,
  sdkAck,
} from '@intandem/sdk/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PlatformApiError } from '../../src/page/api.ts';
import {
  ACK_TIMEOUT_MS,
  type AppFrame,
  answer,
  type BridgeSession,
  connectSdkBridge,
  type HostSide,
  newSession,
} from '../../src/page/sdk-bridge.ts';

const TOKEN: CompactJWSToken = {
  uid: 'jti-1',
  token: 'aGVhZGVy.cGF5bG9hZA.c2ln',
  expiry_date: '2030-01-01T00:00:00.000Z',
  app_code_name: 'demo-app',
};

const USER: PlatformUser = {
  brandHost: 'app.intandem.example',
  businessUid: 'biz_1',
  staffUid: 'stf_1',
  impersonate: false,
  language: 'he',
};

const PLACE: Omit<PlatformState, 'state'> = {
  hostName: 'intandem-mock',
  hostType: 'page',
  staff: { uid: 'stf_1' },
  accountUid: 'biz_1',
  view: 'my_view',
};

function hostSide(overrides: Partial<HostSide> = {}): HostSide {
  return {
    widgetUid: () => 'demo-widget',
    appCodeName: () => 'demo-app',
    getToken: async () => TOKEN,
    user: () => USER,
    place: () => PLACE,
    onReady: vi.fn(),
    onLifecycle: vi.fn(),
    ...overrides,
  } as HostSide;
}

function request<T extends SdkRequest['type']>(type: T, payload: object = {}): SdkRequest {
  return { source: 'intandem-sdk', v: 1, id: `id-${type}`, type, payload } as SdkRequest;
}

const envelope = (id: string) => ({ source: 'intandem-host', v: 1, id });
const initialized = (): BridgeSession => ({ lifecycle: 'loaded' });

describe('answer', () => {
  it('accepts init with the held widget uid, or none, and tells the app code name', async () => {
    for (const payload of [{ widgetUid: 'demo-widget' }, {}]) {
      await expect(answer(request('init', payload), hostSide(), initialized())).resolves.toEqual({
        ...envelope('id-init'),
        ok: true,
        result: { appCodeName: 'demo-app' },
      });
    }
  });

  it('refuses init with another widget uid (widget_mismatch), and then any token', async () => {
    const session = initialized();
    const reply = await answer(request('init', { widgetUid: 'other' }), hostSide(), session);
    expect(reply).toMatchObject({
      ...envelope('id-init'),
      ok: false,
      error: { code: 'widget_mismatch', message: expect.stringContaining('other') },
    });
    expect(session.lifecycle).toBe('loading');
    await expect(answer(request('getAuth'), hostSide(), session)).resolves.toMatchObject({
      ok: false,
      error: { code: 'not_initialized' },
    });
  });

  it('answers getAuth, getUser, getState and ready only after a successful init', async () => {
    const session = newSession();
    const side = hostSide();
    for (const type of ['getAuth', 'getUser', 'getState', 'ready'] as const) {
      await expect(answer(request(type), side, session)).resolves.toMatchObject({
        ok: false,
        error: { code: 'not_initialized' },
      });
    }
    expect(side.onReady).not.toHaveBeenCalled();
    await answer(request('init'), side, session);
    await expect(answer(request('getAuth'), side, session)).resolves.toMatchObject({ ok: true });
  });

  it('answers getAuth with the token entity', async () => {
    await expect(answer(request('getAuth'), hostSide(), initialized())).resolves.toEqual({
      ...envelope('id-getAuth'),
      ok: true,
      result: TOKEN,
    });
  });

  it("passes the token API's 429 on as rate_limited with status 429", async () => {
    const getToken = async () => {
      throw new PlatformApiError('rate_limited', 'Too many token requests.', 429);
    };
    const reply = await answer(request('getAuth'), hostSide({ getToken }), initialized());
    expect(reply).toEqual({
      ...envelope('id-getAuth'),
      ok: false,
      error: { code: 'rate_limited', message: 'Too many token requests.', status: 429 },
    });
  });

  it('leaves status out when the token API never answered', async () => {
    const getToken = async () => {
      throw new PlatformApiError('host_unreachable', 'no answer', 0);
    };
    const reply = await answer(request('getAuth'), hostSide({ getToken }), initialized());
    expect(reply).toMatchObject({ ok: false, error: { code: 'host_unreachable' } });
    expect(reply.ok === false && 'status' in reply.error).toBe(false);
  });

  it('turns any other failure into host_error without its details', async () => {
    const getToken = async () => {
      throw new TypeError('secret internals');
    };
    const reply = await answer(request('getAuth'), hostSide({ getToken }), initialized());
    expect(reply).toMatchObject({ ok: false, error: { code: 'host_error' } });
    expect(JSON.stringify(reply)).not.toContain('secret internals');
  });

  it('answers getUser with what the host page believes', async () => {
    await expect(answer(request('getUser'), hostSide(), initialized())).resolves.toEqual({
      ...envelope('id-getUser'),
      ok: true,
      result: USER,
    });
  });

  it('answers getState with the life cycle: loaded after init, ready after ready()', async () => {
    const session = newSession();
    const onLifecycle = vi.fn();
    const side = hostSide({ onLifecycle });
    const stateNow = async () => {
      const reply = await answer(request('getState'), side, session);
      return reply.ok ? reply.result : reply.error.code;
    };
    expect(await stateNow()).toBe('not_initialized');
    await answer(request('init'), side, session);
    expect(await stateNow()).toEqual({ ...PLACE, state: 'loaded' });
    await answer(request('ready'), side, session);
    expect(await stateNow()).toEqual({ ...PLACE, state: 'ready' });
    // A second init (say a retried handshake) does not take the app back to loaded.
    await answer(request('init'), side, session);
    expect(await stateNow()).toMatchObject({ state: 'ready' });
    expect(onLifecycle.mock.calls).toEqual([['loaded'], ['ready']]);
  });

  it('removes the loader on ready', async () => {
    const side = hostSide();
    await expect(answer(request('ready'), side, initialized())).resolves.toMatchObject({
      ok: true,
      result: null,
    });
    expect(side.onReady).toHaveBeenCalledOnce();
  });
});

describe('connectSdkBridge', () => {
  const APP_ORIGIN = 'http://127.0.0.1:5173';
  const channels: MessageChannel[] = [];
  afterEach(() => {
    for (const channel of channels.splice(0)) channel.port1.close();
  });

  /** Node's MessageEvent takes only a MessagePort as `source`, so ports stand in for windows. */
  function windowLike() {
    const channel = new MessageChannel();
    channels.push(channel);
    const post = vi.fn();
    channel.port1.postMessage = post;
    return { window: channel.port1, post };
  }

  function connect(
    side: HostSide = hostSide(),
    early: (source: MessagePort) => Event[] = () => [],
  ) {
    const app = windowLike();
    const events = new EventTarget();
    const frame = { contentWindow: app.window } as unknown as AppFrame;
    const bridge = connectSdkBridge(frame, APP_ORIGIN, side, events, early(app.window));
    const send = (data: unknown, origin: string, source: MessagePort) =>
      events.dispatchEvent(new MessageEvent('message', { data, origin, source }));
    return { app, send, bridge };
  }

  it("answers the app's frame on the app's origin, posting only to that origin", async () => {
    const { app, send } = connect();
    send(request('init'), APP_ORIGIN, app.window);
    send(request('getAuth'), APP_ORIGIN, app.window);
    await vi.waitFor(() => expect(app.post).toHaveBeenCalledTimes(2));
    expect(app.post).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'id-getAuth', ok: true, result: TOKEN }),
      APP_ORIGIN,
    );
  });

  it('ignores another origin, another window, and malformed messages', async () => {
    const { app, send } = connect();
    const stranger = windowLike();
    send(request('getAuth'), 'http://evil.test', app.window);
    send(request('getAuth'), APP_ORIGIN, stranger.window);
    send({ source: 'intandem-sdk', v: 1, id: 'x', type: 'steal' }, APP_ORIGIN, app.window);
    send('getAuth', APP_ORIGIN, app.window);
    // A valid message afterwards is answered, so the ones before had their chance.
    send(request('init'), APP_ORIGIN, app.window);
    await vi.waitFor(() => expect(app.post).toHaveBeenCalledOnce());
    expect(app.post).toHaveBeenCalledWith(expect.objectContaining({ id: 'id-init' }), APP_ORIGIN);
    // Let any pending answer settle before concluding nothing else was sent.
    await new Promise((resolve) => setImmediate(resolve));
    expect(app.post).toHaveBeenCalledOnce();
    expect(stranger.post).not.toHaveBeenCalled();
  });

  it('hands each reply to onAnswered in a later task than the post, so panel work never delays the app', async () => {
    const order: string[] = [];
    const onAnswered = vi.fn((request: SdkRequest, _reply: unknown) =>
      order.push(`answered ${request.type}`),
    );
    const { app, send } = connect(hostSide({ onAnswered }));
    // A task queued by the post itself runs before onAnswered only if onAnswered waits for a task.
    app.post.mockImplementation((reply: { id: string }) => {
      order.push(`posted ${reply.id}`);
      setTimeout(() => order.push(`task after ${reply.id}`));
    });
    send(request('init'), APP_ORIGIN, app.window);
    await vi.waitFor(() => expect(onAnswered).toHaveBeenCalledOnce());
    send(request('getAuth'), APP_ORIGIN, app.window);
    await vi.waitFor(() => expect(onAnswered).toHaveBeenCalledTimes(2));
    expect(order).toEqual([
      'posted id-init',
      'task after id-init',
      'answered init',
      'posted id-getAuth',
      'task after id-getAuth',
      'answered getAuth',
    ]);
    expect(onAnswered.mock.calls[1]?.[1]).toMatchObject({ ok: true, result: TOKEN });
  });

  it('treats a restarted frame as a new app: nothing before its own init', async () => {
    const { app, send, bridge } = connect();
    send(request('init'), APP_ORIGIN, app.window);
    await vi.waitFor(() => expect(app.post).toHaveBeenCalledOnce());

    bridge.restart();
    send(request('getAuth'), APP_ORIGIN, app.window);
    await vi.waitFor(() => expect(app.post).toHaveBeenCalledTimes(2));
    expect(app.post).toHaveBeenLastCalledWith(
      expect.objectContaining({
        ok: false,
        error: expect.objectContaining({ code: 'not_initialized' }),
      }),
      APP_ORIGIN,
    );
  });

  it('answers what the app said before the bridge existed first, by the same rules', async () => {
    const stranger = windowLike();
    const { app, send } = connect(hostSide(), (source) => [
      new MessageEvent('message', { data: request('init'), origin: APP_ORIGIN, source }),
      new MessageEvent('message', { data: request('init'), origin: 'http://evil.test', source }),
      new MessageEvent('message', {
        data: request('getUser'),
        origin: APP_ORIGIN,
        source: stranger.window,
      }),
    ]);
    send(request('getUser'), APP_ORIGIN, app.window);
    await vi.waitFor(() => expect(app.post).toHaveBeenCalledTimes(2));
    // The early init was answered, so the later getUser found a session.
    expect(app.post.mock.calls.map(([reply]) => [reply.id, reply.ok])).toEqual([
      ['id-init', true],
      ['id-getUser', true],
    ]);
    expect(stranger.post).not.toHaveBeenCalled();
  });

  describe('events', () => {
    /** The event the bridge posted last, as the app received it. */
    function lastEvent(post: ReturnType<typeof vi.fn>) {
      const [event, origin] = post.mock.calls.at(-1) ?? [];
      expect(origin).toBe(APP_ORIGIN);
      return event as { id: string; event: 'changeView'; payload: unknown };
    }

    it('sends ChangeView to the app origin and resolves with its ack', async () => {
      const { app, send, bridge } = connect();
      const outcome = bridge.send('changeView', { view: 'my_view' });
      const event = lastEvent(app.post);
      expect(event).toMatchObject({
        source: 'intandem-host',
        v: 1,
        event: 'changeView',
        payload: { view: 'my_view' },
      });
      expect(event.id).toMatch(/^[0-9a-f]{32}$/);
      send(sdkAck(event, { status: true, data: { view: 'my_view' } }), APP_ORIGIN, app.window);
      await expect(outcome).resolves.toEqual({
        acked: true,
        ack: { status: true, data: { view: 'my_view' } },
      });
    });

    it('says no ack after the timeout; acks from elsewhere or for another event do not count', async () => {
      vi.useFakeTimers();
      try {
        const { app, send, bridge } = connect();
        const stranger = windowLike();
        const outcome = bridge.send('changeView', { view: 'team' });
        const settled = vi.fn();
        void outcome.then(settled);
        const event = lastEvent(app.post);
        send(sdkAck(event, { status: true }), 'http://evil.test', app.window);
        send(sdkAck(event, { status: true }), APP_ORIGIN, stranger.window);
        send(sdkAck({ ...event, id: 'another' }, { status: true }), APP_ORIGIN, app.window);
        await vi.advanceTimersByTimeAsync(ACK_TIMEOUT_MS - 1);
        expect(settled).not.toHaveBeenCalled();
        await vi.advanceTimersByTimeAsync(1);
        expect(settled).toHaveBeenCalledWith({ acked: false });
        // A late ack changes nothing.
        send(sdkAck(event, { status: true }), APP_ORIGIN, app.window);
        expect(settled).toHaveBeenCalledOnce();
      } finally {
        vi.useRealTimers();
      }
    });
  });
});
