import { HostError, NotEmbeddedError, NotInitializedError, TimeoutError } from './errors.ts';
import {
  type CompactJWSToken,
  type HostReply,
  type InitResult,
  isHostReply,
  type Messages,
  type MessageType,
  PROTOCOL_VERSION,
  SDK_SOURCE,
  type SdkRequest,
} from './protocol.ts';

export {
  HostError,
  NotEmbeddedError,
  NotInitializedError,
  SdkError,
  TimeoutError,
} from './errors.ts';
export type { CompactJWSToken, InitResult } from './protocol.ts';

export interface InitOptions {
  /** Origins the platform may be served from. Replies from any other origin are ignored. */
  hostOrigins?: readonly string[];
  /** The widget's uid as registered on the platform; the host refuses a mismatch. */
  widgetUid?: string;
  /** How long to wait for each host answer. */
  timeoutMs?: number;
}

const DEFAULT_HOST_ORIGINS = ['https://app.vcita.com', 'https://app.meet2know.com'];
const DEFAULT_TIMEOUT_MS = 5000;

interface Session {
  hostOrigin: string;
  timeoutMs: number;
}

let session: Session | undefined;

/** Handshake with the platform. Resolves once the host answers. */
export async function init(options: InitOptions = {}): Promise<InitResult> {
  if (window.parent === window) throw new NotEmbeddedError();
  const hostOrigins = options.hostOrigins ?? DEFAULT_HOST_ORIGINS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const payload = options.widgetUid === undefined ? {} : { widgetUid: options.widgetUid };
  const { result, origin } = await request('init', payload, hostOrigins, timeoutMs);
  session = { hostOrigin: origin, timeoutMs };
  return result;
}

/** A short-lived token for the current staff member. */
export async function getAuth(): Promise<CompactJWSToken> {
  const current = requireSession();
  const { result } = await request('getAuth', {}, [current.hostOrigin], current.timeoutMs);
  return result;
}

/** Tells the platform the app has rendered, so it removes its loader. */
export async function ready(): Promise<void> {
  const current = requireSession();
  await request('ready', {}, [current.hostOrigin], current.timeoutMs);
}

function requireSession(): Session {
  if (!session) throw new NotInitializedError();
  return session;
}

function request<T extends MessageType>(
  type: T,
  payload: Messages[T]['payload'],
  origins: readonly string[],
  timeoutMs: number,
): Promise<{ result: Messages[T]['result']; origin: string }> {
  const id = crypto.randomUUID();
  const message = { source: SDK_SOURCE, v: PROTOCOL_VERSION, id, type, payload } as SdkRequest;

  return new Promise((resolve, reject) => {
    const onMessage = (event: MessageEvent) => {
      // Only the parent window, from an allowed origin, may answer.
      if (event.source !== window.parent || !origins.includes(event.origin)) return;
      const data: unknown = event.data;
      if (!isHostReply(data) || data.id !== id) return;
      cleanup();
      settle(data as HostReply, event.origin);
    };
    const settle = (reply: HostReply, origin: string) => {
      if (reply.ok) resolve({ result: reply.result as Messages[T]['result'], origin });
      else reject(new HostError(reply.error.code, reply.error.message));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new TimeoutError(type, timeoutMs));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      window.removeEventListener('message', onMessage);
    };
    window.addEventListener('message', onMessage);
    // Never '*': the message only reaches the parent if it is on one of these origins.
    for (const origin of origins) window.parent.postMessage(message, origin);
  });
}
