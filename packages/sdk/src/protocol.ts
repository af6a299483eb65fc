/**
 * The postMessage protocol between the app (SDK) and the platform (host).
 * Both sides import these types, so the mock host answers exactly what the SDK sends.
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

export interface InitResult {
  appCodeName: string;
}

/** What each request carries and what its reply holds, by message type. */
export interface Messages {
  init: { payload: { widgetUid?: string }; result: InitResult };
  getAuth: { payload: Record<string, never>; result: CompactJWSToken };
  ready: { payload: Record<string, never>; result: null };
}

export type MessageType = keyof Messages;

export type SdkRequest = {
  [T in MessageType]: {
    source: typeof SDK_SOURCE;
    v: typeof PROTOCOL_VERSION;
    id: string;
    type: T;
    payload: Messages[T]['payload'];
  };
}[MessageType];

export interface HostErrorBody {
  code: string;
  message: string;
}

export type HostReply =
  | {
      source: typeof HOST_SOURCE;
      v: typeof PROTOCOL_VERSION;
      id: string;
      ok: true;
      result: unknown;
    }
  | {
      source: typeof HOST_SOURCE;
      v: typeof PROTOCOL_VERSION;
      id: string;
      ok: false;
      error: HostErrorBody;
    };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const MESSAGE_TYPES: ReadonlySet<string> = new Set<MessageType>(['init', 'getAuth', 'ready']);

/** Narrows untrusted `event.data` to a request the host understands. */
export function isSdkRequest(data: unknown): data is SdkRequest {
  return (
    isRecord(data) &&
    data.source === SDK_SOURCE &&
    data.v === PROTOCOL_VERSION &&
    typeof data.id === 'string' &&
    typeof data.type === 'string' &&
    MESSAGE_TYPES.has(data.type) &&
    isRecord(data.payload)
  );
}

/** Narrows untrusted `event.data` to a host reply. */
export function isHostReply(data: unknown): data is HostReply {
  if (!isRecord(data) || data.source !== HOST_SOURCE || data.v !== PROTOCOL_VERSION) return false;
  if (typeof data.id !== 'string') return false;
  if (data.ok === true) return 'result' in data;
  return (
    data.ok === false &&
    isRecord(data.error) &&
    typeof data.error.code === 'string' &&
    typeof data.error.message === 'string'
  );
}
