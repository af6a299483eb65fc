/**
 * Guards for untrusted `event.data`. They never throw, so a listener can call them on
 * anything another window posts.
 */
import {
  type CompactJWSToken,
  HOST_SOURCE,
  type HostErrorBody,
  type HostFailure,
  type HostSuccess,
  type MessageType,
  PROTOCOL_VERSION,
  type ResultOf,
  SDK_SOURCE,
  type SdkRequest,
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

const PAYLOAD_GUARDS: { [T in MessageType]: (payload: Json) => boolean } = {
  init: (payload) =>
    hasOnlyKeys(payload, ['widgetUid']) &&
    (payload.widgetUid === undefined || isNonEmptyString(payload.widgetUid)),
  getAuth: (payload) => hasOnlyKeys(payload, []),
  ready: (payload) => hasOnlyKeys(payload, []),
};

function isMessageType(value: unknown): value is MessageType {
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

const RESULT_GUARDS: { [T in MessageType]: (result: unknown) => result is ResultOf<T> } = {
  init: (result): result is ResultOf<'init'> =>
    isRecord(result) && isNonEmptyString(result.appCodeName),
  getAuth: isCompactJWSToken,
  ready: (result): result is null => result === null,
};

/** Checks that a successful reply's result has the shape its request type promises. */
export function isResultOf<T extends MessageType>(type: T, result: unknown): result is ResultOf<T> {
  const guard: (value: unknown) => value is ResultOf<T> = RESULT_GUARDS[type];
  return guard(result);
}
