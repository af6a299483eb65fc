/**
 * Local stand-in for the inTandem platform SDK. Partner code should use only what the
 * platform's SDK also offers: init, getAuth, ready (see README.md).
 */
import type { InitOptions } from './options.ts';
import type { CompactJWSToken, InitResult } from './protocol/index.ts';
import { createSdk } from './sdk.ts';

export {
  HostError,
  InvalidOptionsError,
  InvalidReplyError,
  NotEmbeddedError,
  NotInitializedError,
  OriginRejectedError,
  SDK_ERROR_CODES,
  SdkError,
  TimeoutError,
} from './errors.ts';
export type { InitOptions } from './options.ts';
export type { CompactJWSToken, InitResult } from './protocol/index.ts';

const sdk = createSdk();

/**
 * Handshake with the platform (the parent window). Resolves once an allowed host answers;
 * concurrent calls share one handshake.
 */
export function init(options?: InitOptions): Promise<InitResult> {
  return sdk.init(options);
}

/** A short-lived token for the current staff member. */
export function getAuth(): Promise<CompactJWSToken> {
  return sdk.getAuth();
}

/** Tells the platform the app has rendered, so it removes its loader. */
export function ready(): Promise<void> {
  return sdk.ready();
}
