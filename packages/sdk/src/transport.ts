/** One request to the host over postMessage, and the rules for accepting its reply. */
import { HostError, InvalidReplyError, OriginRejectedError, TimeoutError } from './errors.ts';
import {
  isHostReply,
  isResultOf,
  type PayloadOf,
  type RequestType,
  type ResultOf,
  sdkRequest,
} from './protocol/index.ts';

interface RequestTarget {
  /** Exact origins to post to and accept replies from. */
  origins: readonly string[];
  timeoutMs: number;
  /**
   * During the handshake the parent cannot have seen the request unless it is on an
   * allowed origin, so a host reply from the parent on another origin means the app is
   * framed by a page it does not trust: fail fast instead of waiting for the timeout.
   */
  rejectForeignOrigin: boolean;
}

export interface Delivered<T extends RequestType> {
  result: ResultOf<T>;
  /** The origin the accepted reply came from. */
  origin: string;
}

function randomId(): string {
  // getRandomValues, unlike randomUUID, also works outside secure contexts.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function sendRequest<T extends RequestType>(
  type: T,
  payload: PayloadOf<T>,
  target: RequestTarget,
): Promise<Delivered<T>> {
  const message = sdkRequest(type, payload, randomId());

  return new Promise((resolve, reject) => {
    const settle = (outcome: () => void) => {
      clearTimeout(timer);
      window.removeEventListener('message', onMessage);
      outcome();
    };

    const onMessage = (event: MessageEvent) => {
      if (event.source !== window.parent) return;
      const data: unknown = event.data;
      if (!isHostReply(data)) return;
      if (!target.origins.includes(event.origin)) {
        if (target.rejectForeignOrigin) {
          settle(() => reject(new OriginRejectedError(event.origin)));
        }
        return;
      }
      if (data.id !== message.id) return;
      if (!data.ok) {
        const { code, message: text, status } = data.error;
        settle(() => reject(new HostError(code, text, status)));
      } else if (isResultOf(type, data.result)) {
        const result = data.result;
        settle(() => resolve({ result, origin: event.origin }));
      } else {
        settle(() => reject(new InvalidReplyError(type)));
      }
    };

    const timer = setTimeout(() => {
      settle(() => reject(new TimeoutError(type, target.timeoutMs)));
    }, target.timeoutMs);
    window.addEventListener('message', onMessage);

    try {
      // Never '*': the browser delivers each copy only if the parent is on that origin.
      for (const origin of target.origins) window.parent.postMessage(message, origin);
    } catch (error) {
      settle(() => reject(error));
    }
  });
}
