export { hostError, hostReply, sdkRequest } from './envelopes.ts';
export {
  isCompactJWSToken,
  isHostErrorBody,
  isHostReply,
  isResultOf,
  isSdkRequest,
} from './guards.ts';
export {
  type CompactJWSToken,
  type EmptyPayload,
  HOST_ERROR_CODES,
  HOST_SOURCE,
  type HostErrorBody,
  type HostFailure,
  type HostReply,
  type HostSuccess,
  type InitPayload,
  type InitResult,
  type Messages,
  type MessageType,
  type PayloadOf,
  PROTOCOL_VERSION,
  type ResultOf,
  SDK_SOURCE,
  type SdkRequest,
} from './messages.ts';
