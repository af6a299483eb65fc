/** The SDK's state: one handshake, then every request goes to the origin that answered it. */
import { NotEmbeddedError, NotInitializedError } from './errors.ts';
import { type InitOptions, resolveOptions } from './options.ts';
import type { CompactJWSToken, InitPayload, InitResult } from './protocol/index.ts';
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
}

/** A fresh SDK instance; the package exports one shared instance, tests create their own. */
export function createSdk(): Sdk {
  let handshake: Promise<Session> | undefined;
  let session: Session | undefined;

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
  };
}
