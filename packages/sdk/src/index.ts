/**
 * Local stand-in for the inTandem platform SDK. Partner code should use only what the
 * platform's SDK also offers: init, getAuth, ready, getUser, getState and the ChangeView event
 * (see README.md).
 */
import type { EventListenerOf } from './events.ts';
import type { InitOptions } from './options.ts';
import type {
  CompactJWSToken,
  EventType,
  InitResult,
  PlatformState,
  PlatformUser,
} from './protocol/index.ts';
import { createSdk } from './sdk.ts';

export {
  HostError,
  InvalidArgumentError,
  InvalidOptionsError,
  InvalidReplyError,
  NotEmbeddedError,
  NotInitializedError,
  OriginRejectedError,
  SDK_ERROR_CODES,
  SdkError,
  TimeoutError,
} from './errors.ts';
export type { Ack, ChangeViewListener, EventListenerOf } from './events.ts';
export type { InitOptions } from './options.ts';
export {
  type ChangeViewResult,
  type CompactJWSToken,
  type EventType,
  type HostType,
  type InitResult,
  MessageType,
  type PlatformState,
  type PlatformUser,
  VIEWS,
  type View,
  type WidgetState,
} from './protocol/index.ts';

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

/** Who the platform says is signed in, its language and brand: context, never identity. */
export function getUser(): Promise<PlatformUser> {
  return sdk.getUser();
}

/** How the platform hosts the app now: host, life-cycle state, view. */
export function getState(): Promise<PlatformState> {
  return sdk.getState();
}

/** Listens to a host event; answer each with `ack(status?, data?)`. May be called before init. */
export function addEventListener<E extends EventType>(type: E, listener: EventListenerOf<E>): void {
  sdk.addEventListener(type, listener);
}

export function removeEventListener<E extends EventType>(
  type: E,
  listener: EventListenerOf<E>,
): void {
  sdk.removeEventListener(type, listener);
}
