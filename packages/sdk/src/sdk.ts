/** The SDK's state: one handshake, then every request goes to the origin that answered it. */
import { NotEmbeddedError, NotInitializedError } from './errors.ts';
import { createEventHub, type EventListenerOf } from './events.ts';
import { type InitOptions, resolveOptions } from './options.ts';
import type {
  CompactJWSToken,
  EventType,
  InitPayload,
  InitResult,
  PlatformState,
  PlatformUser,
} from './protocol/index.ts';
import { sendRequest } from './transport.ts';

interface Session {
  hostOrigin: string;
  timeoutMs: number;
  initResult: InitResult;
}

export interface Sdk {
  init(options?: InitOptions): Promise<InitResult>;
  getAuth(): Promise<CompactJWSToken>;
  ready(): Promise<void>;
  getUser(): Promise<PlatformUser>;
  getState(): Promise<PlatformState>;
  addEventListener<E extends EventType>(type: E, listener: EventListenerOf<E>): void;
  removeEventListener<E extends EventType>(type: E, listener: EventListenerOf<E>): void;
}

/** A fresh SDK instance; the package exports one shared instance, tests create their own. */
export function createSdk(): Sdk {
  let handshake: Promise<Session> | undefined;
  let session: Session | undefined;
  const events = createEventHub();

  async function shake(options: InitOptions): Promise<Session> {
    if (window.parent === window) throw new NotEmbeddedError();
    const { hostOrigins, widgetUid, timeoutMs } = resolveOptions(options);
    const payload: InitPayload = widgetUid === undefined ? {} : { widgetUid };
    const { result, origin } = await sendRequest('init', payload, {
      origins: hostOrigins,
      timeoutMs,
      rejectForeignOrigin: true,
    });
    session = { hostOrigin: origin, timeoutMs, initResult: result };
    events.connect(origin);
    return session;
  }

  function requireSession(): Session {
    if (!session) throw new NotInitializedError();
    return session;
  }

  function toHost(current: Session) {
    return {
      origins: [current.hostOrigin],
      timeoutMs: current.timeoutMs,
      rejectForeignOrigin: false,
    };
  }

  return {
    init(options = {}) {
      // Concurrent and later calls share the first handshake; a failed one may be retried.
      handshake ??= shake(options).catch((error: unknown) => {
        handshake = undefined;
        throw error;
      });
      return handshake.then((current) => current.initResult);
    },

    async getAuth() {
      const { result } = await sendRequest('getAuth', {}, toHost(requireSession()));
      return result;
    },

    async ready() {
      await sendRequest('ready', {}, toHost(requireSession()));
    },

    async getUser() {
      const { result } = await sendRequest('getUser', {}, toHost(requireSession()));
      return result;
    },

    async getState() {
      const { result } = await sendRequest('getState', {}, toHost(requireSession()));
      return result;
    },

    // Listeners may be added before init(); events flow once the handshake is done.
    addEventListener(type, listener) {
      events.add(type, listener);
    },

    removeEventListener(type, listener) {
      events.remove(type, listener);
    },
  };
}
