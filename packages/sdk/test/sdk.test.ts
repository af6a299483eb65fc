import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  HostError,
  InvalidOptionsError,
  InvalidReplyError,
  NotEmbeddedError,
  NotInitializedError,
  OriginRejectedError,
  TimeoutError,
} from '../src/errors.ts';
import {
  hostError,
  hostReply,
  type PlatformState,
  type PlatformUser,
  type SdkRequest,
} from '../src/protocol/index.ts';
import { createSdk, type Sdk } from '../src/sdk.ts';
import { embedIn, type FakeHost, flush } from './support/fake-host.ts';

const HOST = 'http://localhost:4000';
const OTHER = 'https://platform.example.com';
const ATTACKER = 'https://attacker.example';

const token = {
  uid: 'tok-1',
  token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzMSJ9.c2ln',
  expiry_date: '2030-01-01T00:05:00.000Z',
  app_code_name: 'demo-app',
};

const user: PlatformUser = {
  brandHost: 'app.example.com',
  businessUid: 'biz-1',
  staffUid: 'staff-1',
  impersonate: false,
  language: 'he',
};

const platformState: PlatformState = {
  hostName: 'business-page',
  hostType: 'page',
  state: 'loaded',
  staff: { uid: 'staff-1' },
  accountUid: 'biz-1',
  view: 'my_view',
};

/** A host that answers every request as the platform does when all is well. */
function answerAll(request: SdkRequest): unknown {
  switch (request.type) {
    case 'init':
      return hostReply(request, { appCodeName: 'demo-app' });
    case 'getAuth':
      return hostReply(request, token);
    case 'ready':
      return hostReply(request, null);
    case 'getUser':
      return hostReply(request, user);
    case 'getState':
      return hostReply(request, platformState);
  }
}

async function initialised(host: FakeHost): Promise<Sdk> {
  host.answer = answerAll;
  const sdk = createSdk();
  await sdk.init({ hostOrigins: [HOST] });
  return sdk;
}

/** An initialised SDK's getAuth call that the host has received and not answered yet. */
async function unansweredGetAuth() {
  const host = embedIn(HOST);
  const sdk = await initialised(host);
  host.answer = () => undefined;
  const pending = sdk.getAuth();
  const request = host.received.at(-1);
  if (!request) throw new Error('the host received no request');
  return { host, pending, request };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('init', () => {
  it('rejects with NotEmbeddedError at once when the page has no parent window', async () => {
    // With fake timers nothing time-based can fire, so the rejection cannot wait on a timer.
    vi.useFakeTimers();
    expect(window.parent).toBe(window);
    await expect(createSdk().init({ hostOrigins: [HOST] })).rejects.toBeInstanceOf(
      NotEmbeddedError,
    );
  });

  it('resolves with the host answer and sends the widget uid', async () => {
    const host = embedIn(HOST);
    host.answer = answerAll;
    await expect(createSdk().init({ hostOrigins: [HOST], widgetUid: 'w-1' })).resolves.toEqual({
      appCodeName: 'demo-app',
    });
    expect(host.received).toMatchObject([{ type: 'init', payload: { widgetUid: 'w-1' } }]);
  });

  it('posts to each allowed origin explicitly, never to "*"', async () => {
    const host = embedIn(HOST);
    host.answer = answerAll;
    await createSdk().init({ hostOrigins: [OTHER, HOST] });
    expect(host.posts.map((post) => post.targetOrigin)).toEqual([OTHER, HOST]);
  });

  it('rejects with TimeoutError after 5 s by default', async () => {
    vi.useFakeTimers();
    embedIn(HOST);
    const pending = createSdk().init({ hostOrigins: [HOST] });
    const outcome = vi.fn();
    pending.catch(outcome);
    await vi.advanceTimersByTimeAsync(4999);
    expect(outcome).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome.mock.calls[0]?.[0]).toBeInstanceOf(TimeoutError);
  });

  it('honours timeoutMs', async () => {
    vi.useFakeTimers();
    embedIn(HOST);
    const pending = createSdk().init({ hostOrigins: [HOST], timeoutMs: 200 });
    const assertion = expect(pending).rejects.toMatchObject({ code: 'timeout' });
    await vi.advanceTimersByTimeAsync(200);
    await assertion;
  });

  it('shares one handshake between concurrent calls', async () => {
    const host = embedIn(HOST);
    host.answer = answerAll;
    const sdk = createSdk();
    const results = await Promise.all([
      sdk.init({ hostOrigins: [HOST] }),
      sdk.init({ hostOrigins: [HOST] }),
      sdk.init({ hostOrigins: [HOST] }),
    ]);
    expect(host.received).toHaveLength(1);
    expect(results).toEqual([results[0], results[0], results[0]]);
  });

  it('surfaces a refused handshake as HostError and allows a new attempt', async () => {
    const host = embedIn(HOST);
    host.answer = (request) =>
      hostError(request, { code: 'widget_mismatch', message: 'Unknown widget.' });
    const sdk = createSdk();
    await expect(sdk.init({ hostOrigins: [HOST], widgetUid: 'other' })).rejects.toMatchObject({
      name: 'HostError',
      code: 'widget_mismatch',
    });
    host.answer = answerAll;
    await expect(sdk.init({ hostOrigins: [HOST] })).resolves.toEqual({ appCodeName: 'demo-app' });
    expect(host.received).toHaveLength(2);
  });

  it('rejects with OriginRejectedError when the parent answers from a foreign origin', async () => {
    const host = embedIn(HOST);
    const sdk = createSdk();
    const pending = sdk.init({ hostOrigins: [OTHER] });
    // The browser never delivered the request (wrong target origin), so the parent cannot know its id.
    expect(host.received).toHaveLength(0);
    host.send(hostReply({ id: 'guessed', type: 'init' }, { appCodeName: 'evil-app' }), {
      origin: ATTACKER,
    });
    await expect(pending).rejects.toMatchObject({
      name: 'OriginRejectedError',
      origin: ATTACKER,
    });
    await expect(sdk.getAuth()).rejects.toBeInstanceOf(NotInitializedError);
  });

  it('ignores non-protocol messages from a foreign origin', async () => {
    vi.useFakeTimers();
    const host = embedIn(HOST);
    const pending = createSdk().init({ hostOrigins: [OTHER], timeoutMs: 1000 });
    const assertion = expect(pending).rejects.toBeInstanceOf(TimeoutError);
    host.send({ hello: 'world' }, { origin: ATTACKER });
    host.send('ping', { origin: ATTACKER });
    await vi.advanceTimersByTimeAsync(1000);
    await assertion;
  });

  it.each([
    ['no hostOrigins', {}],
    ['an empty list', { hostOrigins: [] }],
    ['a wildcard', { hostOrigins: ['*'] }],
    ['a URL with a path', { hostOrigins: ['http://localhost:4000/app'] }],
    ['a trailing slash', { hostOrigins: ['http://localhost:4000/'] }],
    ['another scheme', { hostOrigins: ['file:///tmp'] }],
    ['an empty widgetUid', { hostOrigins: [HOST], widgetUid: '' }],
    ['a zero timeout', { hostOrigins: [HOST], timeoutMs: 0 }],
    ['an infinite timeout', { hostOrigins: [HOST], timeoutMs: Number.POSITIVE_INFINITY }],
  ])('rejects %s with InvalidOptionsError before posting', async (_, options) => {
    const host = embedIn(HOST);
    await expect(createSdk().init(options)).rejects.toBeInstanceOf(InvalidOptionsError);
    expect(host.posts).toHaveLength(0);
  });
});

describe('replies', () => {
  it('are ignored when they come from another origin', async () => {
    const { host, pending, request } = await unansweredGetAuth();
    host.send(hostReply(request, { ...token, uid: 'forged' }), { origin: ATTACKER });
    host.send(hostReply(request, token));
    await expect(pending).resolves.toEqual(token);
  });

  it('are ignored when they come from another window', async () => {
    const { host, pending, request } = await unansweredGetAuth();
    const sibling = { postMessage: vi.fn() };
    host.send(hostReply(request, { ...token, uid: 'forged' }), { source: sibling });
    host.send(hostReply(request, { ...token, uid: 'forged' }), { source: window });
    host.send(hostReply(request, token));
    await expect(pending).resolves.toEqual(token);
  });

  it('are ignored when malformed, without throwing', async () => {
    const { host, pending, request } = await unansweredGetAuth();
    const errors = vi.fn();
    window.addEventListener('error', errors);
    for (const data of [
      null,
      'text',
      { ...hostReply(request, token), v: 2 },
      { ...hostReply(request, token), id: 'another-id' },
      { source: 'intandem-host', v: 1, id: request.id, ok: true },
      { source: 'intandem-host', v: 1, id: request.id, ok: false, error: 'boom' },
    ]) {
      expect(() => host.send(data)).not.toThrow();
    }
    host.send(hostReply(request, token));
    await expect(pending).resolves.toEqual(token);
    window.removeEventListener('error', errors);
    expect(errors).not.toHaveBeenCalled();
  });
});

describe('getAuth', () => {
  it('rejects with NotInitializedError before init', async () => {
    embedIn(HOST);
    const sdk = createSdk();
    await expect(sdk.getAuth()).rejects.toBeInstanceOf(NotInitializedError);
    await expect(sdk.ready()).rejects.toBeInstanceOf(NotInitializedError);
  });

  it('posts only to the origin that answered the handshake', async () => {
    const host = embedIn(HOST);
    host.answer = answerAll;
    const sdk = createSdk();
    await sdk.init({ hostOrigins: [OTHER, HOST] });
    await expect(sdk.getAuth()).resolves.toEqual(token);
    await sdk.ready();
    expect(host.posts.map((post) => post.targetOrigin)).toEqual([OTHER, HOST, HOST, HOST]);
    expect(host.received.map((request) => request.type)).toEqual(['init', 'getAuth', 'ready']);
  });

  it('surfaces a 429 from the token API as HostError with status 429', async () => {
    const host = embedIn(HOST);
    const sdk = await initialised(host);
    host.answer = (request) =>
      hostError(request, { code: 'rate_limited', message: 'Too many tokens.', status: 429 });
    const error = await sdk.getAuth().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HostError);
    expect(error).toMatchObject({ code: 'rate_limited', status: 429 });
  });

  it('rejects a malformed token with InvalidReplyError that does not echo the reply', async () => {
    const host = embedIn(HOST);
    const sdk = await initialised(host);
    const secret = 'not-a-jws-secret-value';
    host.answer = (request) => hostReply(request, { ...token, token: secret });
    const error = await sdk.getAuth().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidReplyError);
    expect(String((error as Error).message)).not.toContain(secret);
  });

  it('times out when the host stays silent', async () => {
    const host = embedIn(HOST);
    const sdk = await initialised(host);
    vi.useFakeTimers();
    host.answer = () => undefined;
    const pending = sdk.getAuth();
    const assertion = expect(pending).rejects.toBeInstanceOf(TimeoutError);
    await vi.advanceTimersByTimeAsync(5000);
    await assertion;
  });

  it('never posts to "*"', async () => {
    const host = embedIn(HOST);
    const sdk = await initialised(host);
    await Promise.all([sdk.getAuth(), sdk.getAuth(), sdk.ready()]);
    await flush();
    expect(host.posts.length).toBeGreaterThan(0);
    expect(host.posts.every((post) => post.targetOrigin === HOST)).toBe(true);
  });
});

// The context calls follow the same rules as getAuth; each is checked on its own.
describe.each([
  {
    type: 'getUser' as const,
    call: (sdk: Sdk) => sdk.getUser(),
    good: user,
    forged: { ...user, staffUid: 'forged' },
    malformed: [
      { ...user, impersonate: 'no' },
      { ...user, language: 'not a language tag' },
      { ...user, staffUid: '' },
      { brandHost: 'app.example.com' },
      null,
    ] as unknown[],
  },
  {
    type: 'getState' as const,
    call: (sdk: Sdk) => sdk.getState(),
    good: platformState,
    forged: { ...platformState, view: 'team' },
    malformed: [
      { ...platformState, view: 'everyone' },
      { ...platformState, hostType: 'popup' },
      { ...platformState, state: 'gone' },
      { ...platformState, staff: 'staff-1' },
      [],
    ] as unknown[],
  },
])('$type', ({ type, call, good, forged, malformed }) => {
  /** An initialised SDK's call that the host has received and not answered yet. */
  async function unanswered() {
    const host = embedIn(HOST);
    const sdk = await initialised(host);
    host.answer = () => undefined;
    const pending = call(sdk);
    const request = host.received.at(-1);
    if (request?.type !== type) throw new Error(`the host did not receive ${type}`);
    return { host, pending, request };
  }

  it('rejects with NotInitializedError before init', async () => {
    embedIn(HOST);
    await expect(call(createSdk())).rejects.toBeInstanceOf(NotInitializedError);
  });

  it('resolves with the result, asked of the origin that answered the handshake only', async () => {
    const host = embedIn(HOST);
    host.answer = answerAll;
    const sdk = createSdk();
    await sdk.init({ hostOrigins: [OTHER, HOST] });
    await expect(call(sdk)).resolves.toEqual(good);
    expect(host.posts.at(-1)).toMatchObject({ targetOrigin: HOST, message: { type, payload: {} } });
  });

  it('ignores a reply from another origin', async () => {
    const { host, pending, request } = await unanswered();
    host.send({ ...hostReply(request, good), result: forged }, { origin: ATTACKER });
    host.send(hostReply(request, good));
    await expect(pending).resolves.toEqual(good);
  });

  it('ignores a reply from another window', async () => {
    const { host, pending, request } = await unanswered();
    host.send({ ...hostReply(request, good), result: forged }, { source: window });
    host.send({ ...hostReply(request, good), result: forged }, { source: { postMessage() {} } });
    host.send(hostReply(request, good));
    await expect(pending).resolves.toEqual(good);
  });

  it.each(malformed)('rejects the malformed result %j with InvalidReplyError', async (result) => {
    const { host, pending, request } = await unanswered();
    host.send({ ...hostReply(request, good), result });
    await expect(pending).rejects.toBeInstanceOf(InvalidReplyError);
  });

  it('rejects with TimeoutError when the host stays silent', async () => {
    const host = embedIn(HOST);
    const sdk = await initialised(host);
    vi.useFakeTimers();
    host.answer = () => undefined;
    const pending = call(sdk);
    const assertion = expect(pending).rejects.toMatchObject({
      name: 'TimeoutError',
      code: 'timeout',
    });
    await vi.advanceTimersByTimeAsync(5000);
    await assertion;
  });

  it("surfaces the host's refusal as HostError", async () => {
    const host = embedIn(HOST);
    const sdk = await initialised(host);
    host.answer = (request) =>
      hostError(request, { code: 'not_initialized', message: 'Handshake first.' });
    await expect(call(sdk)).rejects.toMatchObject({ name: 'HostError', code: 'not_initialized' });
  });
});

describe('OriginRejectedError', () => {
  it('names the origin and has a stable code', () => {
    const error = new OriginRejectedError(ATTACKER);
    expect(error).toMatchObject({ code: 'origin_rejected', origin: ATTACKER });
    expect(error.message).toContain(ATTACKER);
  });
});
