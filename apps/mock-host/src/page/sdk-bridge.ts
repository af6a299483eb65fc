import {
  type CompactJWSToken,
  HOST_ERROR_CODES,
  type HostFailure,
  type HostSuccess,
  hostError,
  hostReply,
  isSdkRequest,
  type SdkRequest,
} from '@intandem/sdk/protocol';

/** What the bridge needs from the host page to answer the SDK. */
export interface HostSide {
  widgetUid(): string;
  appCodeName(): string;
  getToken(): Promise<CompactJWSToken>;
  /** The app called `ready()`: remove the loader. */
  onReady(): void;
  /** Runs after a reply was posted to the app, for work the app must not wait for. */
  onAnswered?(request: SdkRequest, reply: HostSuccess | HostFailure): void;
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

/** Whether the app in the frame completed the handshake. */
export interface BridgeSession {
  initialized: boolean;
}

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
      session.initialized = sent === undefined || sent === host.widgetUid();
      if (!session.initialized) {
        return hostError(request, {
          code: HOST_ERROR_CODES.widgetMismatch,
          message: `Widget uid "${sent}" is not the one registered for this app.`,
        });
      }
      return hostReply(request, { appCodeName: host.appCodeName() });
    }
    // A refused or missing handshake gets no token.
    if (!session.initialized) {
      return hostError(request, {
        code: 'not_initialized',
        message: `"${request.type}" before a successful init.`,
      });
    }
    switch (request.type) {
      case 'getAuth':
        return hostReply(request, await host.getToken());
      case 'ready':
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

/** The app's frame as the bridge sees it; an `HTMLIFrameElement` fits. */
export interface AppFrame {
  readonly contentWindow: Pick<Window, 'postMessage'> | null;
}

/**
 * Answers the SDK in the app's frame. Messages from any other window or origin are
 * ignored, and replies go only to the app's origin. Returns a function that disconnects.
 */
export function connectSdkBridge(
  frame: AppFrame,
  appOrigin: string,
  host: HostSide,
  events: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> = window,
): () => void {
  const session: BridgeSession = { initialized: false };
  const onMessage = (event: Event) => {
    if (!(event instanceof MessageEvent)) return;
    const app = frame.contentWindow;
    if (app === null || event.source !== app || event.origin !== appOrigin) return;
    if (!isSdkRequest(event.data)) return;
    const request = event.data;
    void answer(request, host, session).then((reply) => {
      app.postMessage(reply, appOrigin);
      host.onAnswered?.(request, reply);
    });
  };
  events.addEventListener('message', onMessage);
  return () => events.removeEventListener('message', onMessage);
}
