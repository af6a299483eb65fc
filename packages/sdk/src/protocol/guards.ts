/**
 * Guards for untrusted `event.data`. They never throw, so a listener can call them on
 * anything another window posts.
 */
import {
  type CompactJWSToken,
  type EventType,
  HOST_SOURCE,
  HOST_TYPES,
  type HostErrorBody,
  type HostEvent,
  type HostFailure,
  type HostSuccess,
  type PlatformState,
  type PlatformUser,
  PROTOCOL_VERSION,
  type RequestType,
  type ResultOf,
  SDK_SOURCE,
  type SdkAck,
  type SdkRequest,
  VIEWS,
  WIDGET_STATES,
} from './messages.ts';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function hasOnlyKeys(value: Json, allowed: readonly string[]): boolean {
  return Object.keys(value).every((key) => allowed.includes(key));
}

function isOneOf<T extends string>(choices: readonly T[], value: unknown): value is T {
  return choices.some((choice) => choice === value);
}

const PAYLOAD_GUARDS: { [T in RequestType]: (payload: Json) => boolean } = {
  init: (payload) =>
    hasOnlyKeys(payload, ['widgetUid']) &&
    (payload.widgetUid === undefined || isNonEmptyString(payload.widgetUid)),
  getAuth: (payload) => hasOnlyKeys(payload, []),
  ready: (payload) => hasOnlyKeys(payload, []),
  getUser: (payload) => hasOnlyKeys(payload, []),
  getState: (payload) => hasOnlyKeys(payload, []),
};

function isMessageType(value: unknown): value is RequestType {
  return typeof value === 'string' && Object.hasOwn(PAYLOAD_GUARDS, value);
}

/** Narrows `event.data` to a well-formed request the host understands. */
export function isSdkRequest(data: unknown): data is SdkRequest {
  return (
    isRecord(data) &&
    data.source === SDK_SOURCE &&
    data.v === PROTOCOL_VERSION &&
    isNonEmptyString(data.id) &&
    isMessageType(data.type) &&
    isRecord(data.payload) &&
    PAYLOAD_GUARDS[data.type](data.payload)
  );
}

export function isHostErrorBody(value: unknown): value is HostErrorBody {
  return (
    isRecord(value) &&
    isNonEmptyString(value.code) &&
    typeof value.message === 'string' &&
    (value.status === undefined || Number.isInteger(value.status))
  );
}

/**
 * Narrows `event.data` to a host reply envelope. The result is not checked here, since
 * its shape depends on the request; use `isResultOf` for that.
 */
export function isHostReply(data: unknown): data is HostSuccess | HostFailure {
  if (!isRecord(data) || data.source !== HOST_SOURCE || data.v !== PROTOCOL_VERSION) return false;
  if (!isNonEmptyString(data.id)) return false;
  if (data.ok === true) return 'result' in data;
  return data.ok === false && isHostErrorBody(data.error);
}

// Three base64url segments; the signature is empty for an unsigned (`alg: none`) token.
const COMPACT_JWS = /^[\w-]+\.[\w-]+\.[\w-]*$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Checks the shape of a token entity; it says nothing about the token's validity. */
export function isCompactJWSToken(value: unknown): value is CompactJWSToken {
  return (
    isRecord(value) &&
    isNonEmptyString(value.uid) &&
    typeof value.token === 'string' &&
    COMPACT_JWS.test(value.token) &&
    typeof value.expiry_date === 'string' &&
    ISO_8601.test(value.expiry_date) &&
    !Number.isNaN(Date.parse(value.expiry_date)) &&
    isNonEmptyString(value.app_code_name)
  );
}

/** A well-formed BCP 47 language tag, as `Intl` accepts it (`en`, `he`, `pt-BR`). */
export function isLanguageTag(value: unknown): value is string {
  if (!isNonEmptyString(value)) return false;
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

/** Checks the shape of `getUser()`'s result; it says nothing about whether it is true. */
export function isPlatformUser(value: unknown): value is PlatformUser {
  return (
    isRecord(value) &&
    isNonEmptyString(value.brandHost) &&
    isNonEmptyString(value.businessUid) &&
    isNonEmptyString(value.staffUid) &&
    typeof value.impersonate === 'boolean' &&
    isLanguageTag(value.language)
  );
}

/** Checks the shape of `getState()`'s result. */
export function isPlatformState(value: unknown): value is PlatformState {
  return (
    isRecord(value) &&
    isNonEmptyString(value.hostName) &&
    isOneOf(HOST_TYPES, value.hostType) &&
    isOneOf(WIDGET_STATES, value.state) &&
    isRecord(value.staff) &&
    isNonEmptyString(value.staff.uid) &&
    isNonEmptyString(value.accountUid) &&
    isOneOf(VIEWS, value.view)
  );
}

const RESULT_GUARDS: { [T in RequestType]: (result: unknown) => result is ResultOf<T> } = {
  init: (result): result is ResultOf<'init'> =>
    isRecord(result) && isNonEmptyString(result.appCodeName),
  getAuth: isCompactJWSToken,
  ready: (result): result is null => result === null,
  getUser: isPlatformUser,
  getState: isPlatformState,
};

/** Checks that a successful reply's result has the shape its request type promises. */
export function isResultOf<T extends RequestType>(type: T, result: unknown): result is ResultOf<T> {
  const guard: (value: unknown) => value is ResultOf<T> = RESULT_GUARDS[type];
  return guard(result);
}

const EVENT_PAYLOAD_GUARDS: { [E in EventType]: (payload: Json) => boolean } = {
  changeView: (payload) => hasOnlyKeys(payload, ['view']) && isOneOf(VIEWS, payload.view),
};

function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && Object.hasOwn(EVENT_PAYLOAD_GUARDS, value);
}

/** Narrows `event.data` to a well-formed host event, its payload checked for its type. */
export function isHostEvent(data: unknown): data is HostEvent {
  return (
    isRecord(data) &&
    data.source === HOST_SOURCE &&
    data.v === PROTOCOL_VERSION &&
    isNonEmptyString(data.id) &&
    isEventType(data.event) &&
    isRecord(data.payload) &&
    EVENT_PAYLOAD_GUARDS[data.event](data.payload)
  );
}

/** `ack(status?, data?)`'s data: a string or a JSON object or array. */
export function isAckData(value: unknown): value is string | object {
  return typeof value === 'string' || (typeof value === 'object' && value !== null);
}

/** Narrows `event.data` to a well-formed ack of a host event. */
export function isSdkAck(data: unknown): data is SdkAck {
  if (!isRecord(data) || data.source !== SDK_SOURCE || data.v !== PROTOCOL_VERSION) return false;
  if (!isNonEmptyString(data.id) || !isEventType(data.ack) || !isRecord(data.payload)) return false;
  const { status, data: ackData } = data.payload;
  return (
    hasOnlyKeys(data.payload, ['status', 'data']) &&
    (status === undefined || typeof status === 'boolean') &&
    (ackData === undefined || isAckData(ackData))
  );
}
