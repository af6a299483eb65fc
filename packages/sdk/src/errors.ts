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
    super('not_embedded', 'This app must run inside the inTandem platform (no parent window).');
  }
}

/** The host did not answer in time. */
export class TimeoutError extends SdkError {
  override name = 'TimeoutError';
  constructor(type: string, timeoutMs: number) {
    super('timeout', `The host did not answer "${type}" within ${timeoutMs} ms.`);
  }
}

/** The host answered with an error, for example a rate limit. */
export class HostError extends SdkError {
  override name = 'HostError';
}

/** `getAuth()` or `ready()` was called before `init()` resolved. */
export class NotInitializedError extends SdkError {
  override name = 'NotInitializedError';
  constructor() {
    super('not_initialized', 'Call init() and wait for it before getAuth() or ready().');
  }
}
