import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidArgumentError } from '../src/errors.ts';
import type { ChangeViewListener } from '../src/events.ts';
import { hostEvent, hostReply, MessageType, type SdkRequest } from '../src/protocol/index.ts';
import { createSdk, type Sdk } from '../src/sdk.ts';
import { embedIn, type FakeHost, flush } from './support/fake-host.ts';

const HOST = 'http://localhost:4000';
const OTHER = 'https://platform.example.com';
const ATTACKER = 'https://attacker.example';

function answerInit(request: SdkRequest): unknown {
  return request.type === 'init' ? hostReply(request, { appCodeName: 'demo-app' }) : undefined;
}

const changeView = (id = 'event-1', view: 'team' | 'my_view' = 'my_view') =>
  hostEvent('changeView', { view }, id);

/** Removed after each test: an SDK keeps listening to the window while it has listeners. */
const added: (() => void)[] = [];

function listen(
  sdk: Pick<Sdk, 'addEventListener' | 'removeEventListener'>,
  listener: ChangeViewListener,
) {
  sdk.addEventListener(MessageType.ChangeView, listener);
  added.push(() => sdk.removeEventListener(MessageType.ChangeView, listener));
}

/** An SDK after a handshake answered from HOST (posted to OTHER first, as a list may say). */
async function connected(listener: ChangeViewListener): Promise<{ host: FakeHost; sdk: Sdk }> {
  const host = embedIn(HOST);
  host.answer = answerInit;
  const sdk = createSdk();
  listen(sdk, listener);
  await sdk.init({ hostOrigins: [OTHER, HOST] });
  return { host, sdk };
}

afterEach(() => {
  for (const remove of added.splice(0)) remove();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('ChangeView', () => {
  it('hands the listener the new view; its ack goes to the handshake origin only', async () => {
    const listener = vi.fn<ChangeViewListener>((_, ack) => ack(true, { applied: 'my_view' }));
    const { host } = await connected(listener);
    host.send(changeView('event-1'));

    expect(listener).toHaveBeenCalledExactlyOnceWith({ view: 'my_view' }, expect.any(Function));
    expect(host.acks).toEqual([
      {
        source: 'intandem-sdk',
        v: 1,
        id: 'event-1',
        ack: 'changeView',
        payload: { status: true, data: { applied: 'my_view' } },
      },
    ]);
    expect(host.posts.at(-1)?.targetOrigin).toBe(HOST);
  });

  it('acks with no status or data when the app gives none, and only once per event', async () => {
    const { host } = await connected((_, ack) => {
      ack();
      ack(false, 'again');
    });
    host.send(changeView('event-2', 'team'));
    expect(host.acks).toMatchObject([{ id: 'event-2', payload: {} }]);
  });

  it('lets two listeners share one ack: the first answer is the one sent', async () => {
    const { host, sdk } = await connected((_, ack) => ack(true, 'first'));
    listen(sdk, (_, ack) => ack(false, 'second'));
    host.send(changeView());
    expect(host.acks.map((ack) => ack.payload)).toEqual([{ status: true, data: 'first' }]);
  });

  it('ignores an event from another origin', async () => {
    const listener = vi.fn<ChangeViewListener>((_, ack) => ack(true));
    const { host } = await connected(listener);
    // OTHER is allowed for the handshake, but HOST answered it: only HOST may send events.
    host.send(changeView(), { origin: OTHER });
    host.send(changeView(), { origin: ATTACKER });
    expect(listener).not.toHaveBeenCalled();
    expect(host.acks).toHaveLength(0);
  });

  it('ignores an event from another window', async () => {
    const listener = vi.fn<ChangeViewListener>((_, ack) => ack(true));
    const { host } = await connected(listener);
    host.send(changeView(), { source: window });
    host.send(changeView(), { source: { postMessage() {} } });
    expect(listener).not.toHaveBeenCalled();
    expect(host.acks).toHaveLength(0);
  });

  it.each([
    ['an unknown view', { ...changeView(), payload: { view: 'everyone' } }],
    ['an extra payload field', { ...changeView(), payload: { view: 'team', staffUid: 'x' } }],
    ['no payload', { ...changeView(), payload: undefined }],
    ['an unknown event', { ...changeView(), event: 'changeStaff' }],
    ['another version', { ...changeView(), v: 2 }],
    ['an empty id', changeView('')],
    ['the SDK source', { ...changeView(), source: 'intandem-sdk' }],
  ])('ignores an event with %s', async (_, data) => {
    const listener = vi.fn<ChangeViewListener>((_, ack) => ack(true));
    const { host } = await connected(listener);
    expect(() => host.send(data)).not.toThrow();
    expect(listener).not.toHaveBeenCalled();
    expect(host.acks).toHaveLength(0);
  });

  it('delivers nothing before the handshake, even from the allowed origin', async () => {
    const host = embedIn(HOST);
    const listener = vi.fn<ChangeViewListener>();
    listen(createSdk(), listener);
    host.send(changeView());
    expect(listener).not.toHaveBeenCalled();
  });

  it('sends no ack until the listener answers: the host waits, and later gives up on its own', async () => {
    vi.useFakeTimers();
    let answer: (() => void) | undefined;
    const { host } = await connected((_, ack) => {
      answer = () => ack(true);
    });
    host.send(changeView());
    await vi.advanceTimersByTimeAsync(60_000);
    expect(host.acks).toHaveLength(0);
    // A late ack is still the app's answer; whether the host still waits is the host's business.
    answer?.();
    expect(host.acks).toMatchObject([{ id: 'event-1', payload: { status: true } }]);
  });

  it('stops delivering to a removed listener', async () => {
    const listener = vi.fn<ChangeViewListener>();
    const { host, sdk } = await connected(listener);
    sdk.removeEventListener(MessageType.ChangeView, listener);
    host.send(changeView());
    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps delivering to the other listeners when one throws', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { host, sdk } = await connected(() => {
      throw new Error('listener bug');
    });
    listen(sdk, (_, ack) => ack(true));
    host.send(changeView());
    expect(host.acks).toHaveLength(1);
    expect(error).toHaveBeenCalledWith('A changeView listener threw', expect.any(Error));
  });

  it('acks through the shared instance as well', async () => {
    const host = embedIn(HOST);
    host.answer = answerInit;
    vi.resetModules();
    const sdk = await import('../src/index.ts');
    listen(sdk, (result, ack) => ack(true, result));
    await sdk.init({ hostOrigins: [HOST] });
    host.send(changeView('event-9', 'team'));
    await flush();
    expect(host.acks).toMatchObject([{ id: 'event-9', payload: { data: { view: 'team' } } }]);
  });
});

describe('addEventListener and ack arguments', () => {
  it('refuse an unknown event type and a listener that is not a function', () => {
    const sdk = createSdk();
    const bad = (call: () => void) => expect(call).toThrow(InvalidArgumentError);
    bad(() => sdk.addEventListener('changeStaff' as never, () => {}));
    bad(() => sdk.removeEventListener('toString' as never, () => {}));
    bad(() => sdk.addEventListener(MessageType.ChangeView, 'not a function' as never));
  });

  it.each([
    ['a status that is not a boolean', ['yes']],
    ['data that is a number', [true, 42]],
    ['data that cannot be copied', [true, { run: () => 1 }]],
  ])('ack() refuses %s with InvalidArgumentError, and sends nothing', async (_, args) => {
    const thrown: unknown[] = [];
    const { host } = await connected((__, ack) => {
      try {
        (ack as (...values: unknown[]) => void)(...args);
      } catch (error) {
        thrown.push(error);
      }
    });
    host.send(changeView());
    expect(thrown).toHaveLength(1);
    expect(thrown[0]).toMatchObject({ name: 'InvalidArgumentError', code: 'invalid_argument' });
    expect(host.acks).toHaveLength(0);
  });
});
