import type { CompactJWSToken, SdkRequest } from '@intandem/sdk/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PlatformApiError } from '../../src/page/api.ts';
import {
  type AppFrame,
  answer,
  type BridgeSession,
  connectSdkBridge,
  type HostSide,
} from '../../src/page/sdk-bridge.ts';

const TOKEN: CompactJWSToken = {
  uid: 'jti-1',
  token: 'aGVhZGVy.cGF5bG9hZA.c2ln',
  expiry_date: '2030-01-01T00:00:00.000Z',
  app_code_name: 'demo-app',
};

function hostSide(overrides: Partial<HostSide> = {}): HostSide {
  return {
    widgetUid: () => 'demo-widget',
    appCodeName: () => 'demo-app',
    getToken: async () => TOKEN,
    onReady: vi.fn(),
    ...overrides,
  };
}

function request<T extends SdkRequest['type']>(type: T, payload: object = {}): SdkRequest {
  return { source: 'intandem-sdk', v: 1, id: `id-${type}`, type, payload } as SdkRequest;
}

const envelope = (id: string) => ({ source: 'intandem-host', v: 1, id });
const initialized = (): BridgeSession => ({ initialized: true });

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
    expect(session.initialized).toBe(false);
    await expect(answer(request('getAuth'), hostSide(), session)).resolves.toMatchObject({
      ok: false,
      error: { code: 'not_initialized' },
    });
  });

  it('answers getAuth and ready only after a successful init', async () => {
    const session: BridgeSession = { initialized: false };
    const side = hostSide();
    for (const type of ['getAuth', 'ready'] as const) {
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

  function connect(side: HostSide = hostSide()) {
    const app = windowLike();
    const events = new EventTarget();
    const frame = { contentWindow: app.window } as unknown as AppFrame;
    connectSdkBridge(frame, APP_ORIGIN, side, events);
    const send = (data: unknown, origin: string, source: MessagePort) =>
      events.dispatchEvent(new MessageEvent('message', { data, origin, source }));
    return { app, send };
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

  it('hands each reply to onAnswered only after posting it, so panel work never delays the app', async () => {
    const order: string[] = [];
    const onAnswered = vi.fn((request: SdkRequest, _reply: unknown) =>
      order.push(`answered ${request.type}`),
    );
    const { app, send } = connect(hostSide({ onAnswered }));
    app.post.mockImplementation((reply: { id: string }) => order.push(`posted ${reply.id}`));
    send(request('init'), APP_ORIGIN, app.window);
    send(request('getAuth'), APP_ORIGIN, app.window);
    await vi.waitFor(() => expect(onAnswered).toHaveBeenCalledTimes(2));
    expect(order).toEqual([
      'posted id-init',
      'answered init',
      'posted id-getAuth',
      'answered getAuth',
    ]);
    expect(onAnswered.mock.calls[1]?.[1]).toMatchObject({ ok: true, result: TOKEN });
  });
});
