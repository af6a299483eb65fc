import {
  type AckPayload,
  type CompactJWSToken,
  type EventPayloadOf,
  type EventType,
  HOST_ERROR_CODES,
  type HostFailure,
  type HostSuccess,
  hostError,
  hostEvent,
  hostReply,
  isSdkAck,
  isSdkRequest,
  type PlatformState,
  type PlatformUser,
  type SdkRequest,
  type WidgetState,
} from '@intandem/sdk/protocol';

/** What the bridge needs from the host page to answer the SDK. */
export interface HostSide {
  widgetUid(): string;
  appCodeName(): string;
  getToken(): Promise<CompactJWSToken>;
  /** What `getUser` answers: the host page's belief, which may even be a lie on purpose. */
  user(): PlatformUser;
  /** What `getState` answers, but for the life-cycle state, which the bridge keeps. */
  place(): Omit<PlatformState, 'state'>;
  /** The app called `ready()`: remove the loader. */
  onReady(): void;
  /** Runs in a task after the one that posted a reply, for work the app must not wait for. */
  onAnswered?(request: SdkRequest, reply: HostSuccess | HostFailure): void;
  /** The app instance's life cycle moved on: loading (frame set), loaded (init), ready. */
  onLifecycle?(state: WidgetState): void;
}

/** An error carrying an API code and HTTP status, like the page's `PlatformApiError`. */
interface CodedError {
  code: string;
  message: string;
  status: number;
}

function isCodedError(error: unknown): error is CodedError {
  return (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    'status' in error &&
    typeof error.status === 'number'
  );
}

/** One app instance as the bridge sees it: how far its life cycle got. */
export interface BridgeSession {
  lifecycle: WidgetState;
}

/** A fresh app instance: its frame is set and nothing has been said yet. */
export const newSession = (): BridgeSession => ({ lifecycle: 'loading' });

/** Answers one SDK request; every failure becomes an error reply, never a rejection. */
export async function answer(
  request: SdkRequest,
  host: HostSide,
  session: BridgeSession,
): Promise<HostSuccess | HostFailure> {
  try {
    if (request.type === 'init') {
      const sent = request.payload.widgetUid;
      // As on the platform: a widget uid that is not the app's own is refused; none is fine.
      if (sent !== undefined && sent !== host.widgetUid()) {
        moveTo(session, host, 'loading');
        return hostError(request, {
          code: HOST_ERROR_CODES.widgetMismatch,
          message: `Widget uid "${sent}" is not the one registered for this app.`,
        });
      }
      if (session.lifecycle === 'loading') moveTo(session, host, 'loaded');
      return hostReply(request, { appCodeName: host.appCodeName() });
    }
    // A refused or missing handshake gets nothing: no token, no context.
    if (session.lifecycle === 'loading') {
      return hostError(request, {
        code: 'not_initialized',
        message: `"${request.type}" before a successful init.`,
      });
    }
    switch (request.type) {
      case 'getAuth':
        return hostReply(request, await host.getToken());
      case 'getUser':
        return hostReply(request, host.user());
      case 'getState':
        return hostReply(request, { ...host.place(), state: session.lifecycle });
      case 'ready':
        moveTo(session, host, 'ready');
        host.onReady();
        return hostReply(request, null);
    }
  } catch (error) {
    if (isCodedError(error)) {
      // status 0 means no HTTP answer at all, so there is no status to report.
      const status = error.status > 0 ? { status: error.status } : {};
      return hostError(request, { code: error.code, message: error.message, ...status });
    }
    return hostError(request, { code: 'host_error', message: 'The host could not answer.' });
  }
}

function moveTo(session: BridgeSession, host: HostSide, state: WidgetState): void {
  if (session.lifecycle === state) return;
  session.lifecycle = state;
  host.onLifecycle?.(state);
}

/** The app's frame as the bridge sees it; an `HTMLIFrameElement` fits. */
export interface AppFrame {
  readonly contentWindow: Pick<Window, 'postMessage'> | null;
}

/** How the app answered an event: its ack, or nothing within the wait. */
export type EventOutcome = { acked: true; ack: AckPayload } | { acked: false };

/** How long the host waits for the app to ack an event before it says "no ack". */
export const ACK_TIMEOUT_MS = 3000;

export interface Bridge {
  /** A new app instance is loading in the frame: it must shake hands again before anything. */
  restart(): void;
  /** Sends the app an event and waits up to `timeoutMs` for its ack. */
  send<E extends EventType>(
    event: E,
    payload: EventPayloadOf<E>,
    timeoutMs?: number,
  ): Promise<EventOutcome>;
  disconnect(): void;
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Answers the SDK in the app's frame. Messages from any other window or origin are
 * ignored, and replies and events go only to the app's origin. `early` holds messages that
 * arrived before the bridge existed (see early-messages.ts); they are handled first, by the
 * same rules.
 */
export function connectSdkBridge(
  frame: AppFrame,
  appOrigin: string,
  host: HostSide,
  events: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> = window,
  early: readonly Event[] = [],
): Bridge {
  let session = newSession();
  const waiting = new Map<string, (ack: AckPayload) => void>();

  const onMessage = (event: Event) => {
    if (!(event instanceof MessageEvent)) return;
    const app = frame.contentWindow;
    if (app === null || event.source !== app || event.origin !== appOrigin) return;
    const data: unknown = event.data;
    if (isSdkAck(data)) {
      waiting.get(data.id)?.(data.payload);
      return;
    }
    if (!isSdkRequest(data)) return;
    // Answered for the instance that asked, even if the frame reloads meanwhile.
    const asked = session;
    void answer(data, host, asked).then((reply) => {
      if (asked !== session) return;
      app.postMessage(reply, appOrigin);
      // The message leaves for the app's process only when this task ends (measured: it arrived
      // just as a 50 ms inspector update after it finished), so later work gets a task of its own.
      if (host.onAnswered) setTimeout(() => host.onAnswered?.(data, reply));
    });
  };
  for (const event of early) onMessage(event);
  events.addEventListener('message', onMessage);

  return {
    restart() {
      session = newSession();
      host.onLifecycle?.(session.lifecycle);
    },
    send(event, payload, timeoutMs = ACK_TIMEOUT_MS) {
      const app = frame.contentWindow;
      if (app === null) return Promise.resolve({ acked: false });
      const id = randomId();
      return new Promise<EventOutcome>((resolve) => {
        const settle = (outcome: EventOutcome) => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(outcome);
        };
        const timer = setTimeout(() => settle({ acked: false }), timeoutMs);
        waiting.set(id, (ack) => settle({ acked: true, ack }));
        app.postMessage(hostEvent(event, payload, id), appOrigin);
      });
    },
    disconnect() {
      events.removeEventListener('message', onMessage);
    },
  };
}
