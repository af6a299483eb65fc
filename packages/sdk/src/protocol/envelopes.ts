/** Builders for both directions, so neither side assembles an envelope by hand. */
import {
  HOST_SOURCE,
  type HostErrorBody,
  type HostFailure,
  type HostSuccess,
  type MessageType,
  type PayloadOf,
  PROTOCOL_VERSION,
  type ResultOf,
  SDK_SOURCE,
  type SdkRequest,
} from './messages.ts';

/** A request from the app; `id` should be random (the SDK uses 128 random bits). */
export function sdkRequest<T extends MessageType>(
  type: T,
  payload: PayloadOf<T>,
  id: string,
): SdkRequest<T> {
  // The mapped type cannot be narrowed from a generic `T`; the fields match it by construction.
  return { source: SDK_SOURCE, v: PROTOCOL_VERSION, id, type, payload } as SdkRequest<T>;
}

/**
 * A successful reply. Pass the request itself, narrowed by `switch (request.type)`, so
 * the result is type-checked against what the SDK expects for that message.
 */
export function hostReply<T extends MessageType>(
  request: { id: string; type: T },
  result: ResultOf<T>,
): HostSuccess<ResultOf<T>> {
  return { source: HOST_SOURCE, v: PROTOCOL_VERSION, id: request.id, ok: true, result };
}

/** An error reply; the SDK rejects the request with `HostError(code, message, status)`. */
export function hostError(request: { id: string }, error: HostErrorBody): HostFailure {
  const body: HostErrorBody = { code: error.code, message: error.message };
  if (error.status !== undefined) body.status = error.status;
  return { source: HOST_SOURCE, v: PROTOCOL_VERSION, id: request.id, ok: false, error: body };
}
