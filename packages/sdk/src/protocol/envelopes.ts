/** Builders for both directions, so neither side assembles an envelope by hand. */
import {
  type AckPayload,
  type EventPayloadOf,
  type EventType,
  HOST_SOURCE,
  type HostErrorBody,
  type HostEvent,
  type HostFailure,
  type HostSuccess,
  type PayloadOf,
  PROTOCOL_VERSION,
  type RequestType,
  type ResultOf,
  SDK_SOURCE,
  type SdkAck,
  type SdkRequest,
} from './messages.ts';

/** A request from the app; `id` should be random (the SDK uses 128 random bits). */
export function sdkRequest<T extends RequestType>(
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
export function hostReply<T extends RequestType>(
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

/** An event from the host; `id` should be random, so the app's ack can be matched to it. */
export function hostEvent<E extends EventType>(
  event: E,
  payload: EventPayloadOf<E>,
  id: string,
): HostEvent<E> {
  // As in sdkRequest: the mapped type cannot be narrowed from a generic `E`.
  return { source: HOST_SOURCE, v: PROTOCOL_VERSION, id, event, payload } as HostEvent<E>;
}

/** The app's ack of an event; only the documented fields are copied. */
export function sdkAck<E extends EventType>(
  event: { id: string; event: E },
  ack: AckPayload,
): SdkAck<E> {
  const payload: AckPayload = {};
  if (ack.status !== undefined) payload.status = ack.status;
  if (ack.data !== undefined) payload.data = ack.data;
  return { source: SDK_SOURCE, v: PROTOCOL_VERSION, id: event.id, ack: event.event, payload };
}
