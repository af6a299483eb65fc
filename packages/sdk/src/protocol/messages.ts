/**
 * The postMessage protocol between the app (SDK) and the platform (host): constants
 * and message types. Both sides import them, so the host answers exactly what the SDK sends.
 */

export const PROTOCOL_VERSION = 1;
export const SDK_SOURCE = 'intandem-sdk';
export const HOST_SOURCE = 'intandem-host';

/** The platform's short-lived token entity, as `getAuth()` returns it. */
export interface CompactJWSToken {
  uid: string;
  /** The RS256 JWT to send as `Authorization: Bearer …`. */
  token: string;
  /** ISO 8601 time after which the token is rejected. */
  expiry_date: string;
  app_code_name: string;
}

export interface InitPayload {
  /** The widget's uid as registered on the platform; the host refuses a mismatch. */
  widgetUid?: string;
}

export interface InitResult {
  appCodeName: string;
}

/** Requests that carry no data. */
export type EmptyPayload = Record<string, never>;

/** What each request carries and what a successful reply holds, by message type. */
export interface Messages {
  init: { payload: InitPayload; result: InitResult };
  getAuth: { payload: EmptyPayload; result: CompactJWSToken };
  ready: { payload: EmptyPayload; result: null };
}

export type MessageType = keyof Messages;
export type PayloadOf<T extends MessageType> = Messages[T]['payload'];
export type ResultOf<T extends MessageType> = Messages[T]['result'];

/** A request from the app to the host, discriminated by `type`. */
export type SdkRequest<T extends MessageType = MessageType> = {
  [K in T]: {
    source: typeof SDK_SOURCE;
    v: typeof PROTOCOL_VERSION;
    /** Random per request; the reply carries the same id. */
    id: string;
    type: K;
    payload: PayloadOf<K>;
  };
}[T];

/** Error codes the host uses; any other string may appear as well. */
export const HOST_ERROR_CODES = {
  /** `init` carried a `widgetUid` other than the one the host holds for the app. */
  widgetMismatch: 'widget_mismatch',
  /** The platform's token API answered 429; `status` is 429. */
  rateLimited: 'rate_limited',
} as const;

export interface HostErrorBody {
  code: string;
  message: string;
  /** The HTTP status behind the error, when there is one (429 for a rate limit). */
  status?: number;
}

export interface HostSuccess<R = unknown> {
  source: typeof HOST_SOURCE;
  v: typeof PROTOCOL_VERSION;
  id: string;
  ok: true;
  result: R;
}

export interface HostFailure {
  source: typeof HOST_SOURCE;
  v: typeof PROTOCOL_VERSION;
  id: string;
  ok: false;
  error: HostErrorBody;
}

/** The host's answer to a request of type `T`. */
export type HostReply<T extends MessageType = MessageType> =
  | { [K in T]: HostSuccess<ResultOf<K>> }[T]
  | HostFailure;
