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

/** Which work space the platform shows: the whole business's, or the staff member's own. */
export const VIEWS = ['team', 'my_view'] as const;
export type View = (typeof VIEWS)[number];

/** Where the platform hosts the app. */
export const HOST_TYPES = ['page', 'widget'] as const;
export type HostType = (typeof HOST_TYPES)[number];

/** The widget's life cycle as the host sees it: loading until init, loaded, ready after `ready()`. */
export const WIDGET_STATES = ['loading', 'loaded', 'ready'] as const;
export type WidgetState = (typeof WIDGET_STATES)[number];

/**
 * `getUser()`: who the platform says is signed in, and in which language and brand. Context
 * for the UI, never identity: only the verified token says who the caller is.
 */
export interface PlatformUser {
  /** The host name the platform is branded under, e.g. `app.example.com`. */
  brandHost: string;
  businessUid: string;
  staffUid: string;
  /** Someone else acts as `staffUid` (support, an admin). */
  impersonate: boolean;
  /** BCP 47 language tag of the platform's UI, e.g. `en`, `he`. */
  language: string;
}

/** `getState()`: where and how the app is hosted right now. */
export interface PlatformState {
  hostName: string;
  hostType: HostType;
  state: WidgetState;
  staff: { uid: string };
  accountUid: string;
  view: View;
}

/** Requests that carry no data. */
export type EmptyPayload = Record<string, never>;

/** What each request carries and what a successful reply holds, by message type. */
export interface Messages {
  init: { payload: InitPayload; result: InitResult };
  getAuth: { payload: EmptyPayload; result: CompactJWSToken };
  ready: { payload: EmptyPayload; result: null };
  getUser: { payload: EmptyPayload; result: PlatformUser };
  getState: { payload: EmptyPayload; result: PlatformState };
}

/** The app's requests to the host. */
export type RequestType = keyof Messages;
export type PayloadOf<T extends RequestType> = Messages[T]['payload'];
export type ResultOf<T extends RequestType> = Messages[T]['result'];

/** A request from the app to the host, discriminated by `type`. */
export type SdkRequest<T extends RequestType = RequestType> = {
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
export type HostReply<T extends RequestType = RequestType> =
  | { [K in T]: HostSuccess<ResultOf<K>> }[T]
  | HostFailure;

/** `ChangeView`: the platform switched between the team's and the staff member's own view. */
export interface ChangeViewResult {
  view: View;
}

/** What each host event carries, by event type. */
export interface Events {
  changeView: { payload: ChangeViewResult };
}

/** Events the host sends the app unasked; the app answers each with an ack. */
export type EventType = keyof Events;
export type EventPayloadOf<E extends EventType> = Events[E]['payload'];

/** The platform client's names for its events, as in `addEventListener(MessageType.ChangeView, …)`. */
export const MessageType = {
  ChangeView: 'changeView',
} as const satisfies Record<string, EventType>;

/** An event from the host to the app, discriminated by `event`. */
export type HostEvent<E extends EventType = EventType> = {
  [K in E]: {
    source: typeof HOST_SOURCE;
    v: typeof PROTOCOL_VERSION;
    /** Random per event; the app's ack carries the same id. */
    id: string;
    event: K;
    payload: EventPayloadOf<K>;
  };
}[E];

/** What the app answers an event with: `ack(status?, data?)`. */
export interface AckPayload {
  /** Whether the app handled the event; absent when it does not say. */
  status?: boolean;
  data?: string | object;
}

/** The app's answer to a host event. */
export interface SdkAck<E extends EventType = EventType> {
  source: typeof SDK_SOURCE;
  v: typeof PROTOCOL_VERSION;
  /** The event's id. */
  id: string;
  /** The event's type. */
  ack: E;
  payload: AckPayload;
}
