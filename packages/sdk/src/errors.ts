/** Stable codes of the errors the SDK itself raises; `HostError` carries the host's code. */
export const SDK_ERROR_CODES = {
  notEmbedded: 'not_embedded',
  timeout: 'timeout',
  originRejected: 'origin_rejected',
  notInitialized: 'not_initialized',
  invalidOptions: 'invalid_options',
  invalidReply: 'invalid_reply',
  invalidArgument: 'invalid_argument',
} as const;

/** Base class of every error the SDK rejects with. */
export class SdkError extends Error {
  override name = 'SdkError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The page is not inside the platform's iframe. */
export class NotEmbeddedError extends SdkError {
  override name = 'NotEmbeddedError';
  constructor() {
    super(
      SDK_ERROR_CODES.notEmbedded,
      'This app must run inside the inTandem platform (it has no parent window).',
    );
  }
}

/** No host answered in time; a wrong `hostOrigins` looks like this too, as the browser drops the messages. */
export class TimeoutError extends SdkError {
  override name = 'TimeoutError';
  constructor(type: string, timeoutMs: number) {
    super(
      SDK_ERROR_CODES.timeout,
      `The host did not answer "${type}" within ${timeoutMs} ms. Check that hostOrigins includes the platform's origin.`,
    );
  }
}

/** During the handshake, the parent window answered from an origin not in `hostOrigins`. */
export class OriginRejectedError extends SdkError {
  override name = 'OriginRejectedError';
  constructor(readonly origin: string) {
    super(
      SDK_ERROR_CODES.originRejected,
      `The host answered from ${origin}, which is not in hostOrigins; its reply was ignored.`,
    );
  }
}

/** The host answered with an error, for example `rate_limited` with status 429. */
export class HostError extends SdkError {
  override name = 'HostError';
  readonly status?: number;
  constructor(code: string, message: string, status?: number) {
    super(code, message);
    if (status !== undefined) this.status = status;
  }
}

/** A request (`getAuth()`, `getUser()`, …) was made before `init()` resolved. */
export class NotInitializedError extends SdkError {
  override name = 'NotInitializedError';
  constructor() {
    super(
      SDK_ERROR_CODES.notInitialized,
      'Call init() and wait for it before getAuth(), getUser(), getState() or ready().',
    );
  }
}

/** `init()` was given options it cannot use safely. */
export class InvalidOptionsError extends SdkError {
  override name = 'InvalidOptionsError';
  constructor(message: string) {
    super(SDK_ERROR_CODES.invalidOptions, message);
  }
}

/** The host's reply did not have the shape the request promises; it is not used. */
export class InvalidReplyError extends SdkError {
  override name = 'InvalidReplyError';
  constructor(type: string) {
    super(SDK_ERROR_CODES.invalidReply, `The host's reply to "${type}" is malformed.`);
  }
}

/**
 * A call got an argument it cannot use: an event type the SDK does not know, a listener that
 * is not a function, or an `ack()` whose status or data cannot be sent. Thrown at once.
 */
export class InvalidArgumentError extends SdkError {
  override name = 'InvalidArgumentError';
  constructor(message: string) {
    super(SDK_ERROR_CODES.invalidArgument, message);
  }
}
