/**
 * Simulates the platform around the app in happy-dom: `window.parent` becomes a window-like
 * object that records what the app posts and, like a browser, receives a message only
 * when its target origin equals the host's origin.
 */
import { vi } from 'vitest';
import { isSdkAck, isSdkRequest, type SdkAck, type SdkRequest } from '../../src/protocol/index.ts';

interface Post {
  message: unknown;
  targetOrigin: string;
}

export interface FakeHost {
  readonly window: Window;
  readonly origin: string;
  /** Every postMessage call the app made to its parent, in order. */
  readonly posts: Post[];
  /** Requests the host received (target origin matched). */
  readonly received: SdkRequest[];
  /** Acks of host events the host received (target origin matched). */
  readonly acks: SdkAck[];
  /** Answers each received request; return undefined to stay silent. */
  answer: (request: SdkRequest) => unknown;
  /** Delivers `data` to the app as a message event. */
  send(data: unknown, from?: { origin?: string; source?: unknown }): void;
}

export function embedIn(origin: string): FakeHost {
  const posts: Post[] = [];
  const received: SdkRequest[] = [];
  const acks: SdkAck[] = [];
  const parent = {
    postMessage(message: unknown, targetOrigin: string) {
      // As a browser does: the message is copied, and what cannot be copied throws.
      const copy = structuredClone(message);
      posts.push({ message: copy, targetOrigin });
      if (targetOrigin !== origin) return;
      if (isSdkAck(copy)) acks.push(copy);
      if (!isSdkRequest(copy)) return;
      received.push(copy);
      const reply = host.answer(copy);
      // A real host answers in a later task, never inside postMessage.
      if (reply !== undefined) queueMicrotask(() => host.send(reply));
    },
  };
  const fakeWindow = parent as unknown as Window;
  const host: FakeHost = {
    window: fakeWindow,
    origin,
    posts,
    received,
    acks,
    answer: () => undefined,
    send(data, from = {}) {
      window.dispatchEvent(
        new MessageEvent('message', {
          data,
          origin: from.origin ?? origin,
          source: (from.source ?? fakeWindow) as Window,
        }),
      );
    },
  };
  vi.spyOn(window, 'parent', 'get').mockReturnValue(fakeWindow);
  return host;
}

/** Lets queued microtasks (the fake host's replies) run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}
