/**
 * Events the host sends unasked (ChangeView) and the app's acks. Delivered under the same rules
 * as replies: only after the handshake, only from `window.parent` on the handshake's origin, and
 * acks go to that origin alone.
 */
import { InvalidArgumentError } from './errors.ts';
import {
  type AckPayload,
  type EventPayloadOf,
  type EventType,
  type HostEvent,
  isAckData,
  isHostEvent,
  MessageType,
  sdkAck,
} from './protocol/index.ts';

/** Answers the host once: whether the app handled the event, and anything it wants to add. */
export type Ack = (status?: boolean, data?: string | object) => void;

export type EventListenerOf<E extends EventType> = (result: EventPayloadOf<E>, ack: Ack) => void;

/** The listener of `addEventListener(MessageType.ChangeView, …)`. */
export type ChangeViewListener = EventListenerOf<typeof MessageType.ChangeView>;

export interface EventHub {
  add<E extends EventType>(type: E, listener: EventListenerOf<E>): void;
  remove<E extends EventType>(type: E, listener: EventListenerOf<E>): void;
  /** The handshake was answered from `hostOrigin`: events from it are delivered from now on. */
  connect(hostOrigin: string): void;
}

const EVENT_TYPES: readonly string[] = Object.values(MessageType);

function checkType(type: unknown): asserts type is EventType {
  if (typeof type !== 'string' || !EVENT_TYPES.includes(type)) {
    throw new InvalidArgumentError(
      `Unknown event type ${JSON.stringify(type)}; known: ${EVENT_TYPES.join(', ')}.`,
    );
  }
}

/** The ack for one event: checked arguments, sent at most once, only to the host's origin. */
function ackFor(event: HostEvent, hostOrigin: string): Ack {
  let sent = false;
  return (status, data) => {
    if (status !== undefined && typeof status !== 'boolean') {
      throw new InvalidArgumentError('ack(status, data): status must be true, false or omitted.');
    }
    if (data !== undefined && !isAckData(data)) {
      throw new InvalidArgumentError(
        'ack(status, data): data must be a string, an object or omitted.',
      );
    }
    // The host waits for one answer per event; listeners sharing it cannot answer twice.
    if (sent) return;
    const payload: AckPayload = {};
    if (status !== undefined) payload.status = status;
    if (data !== undefined) payload.data = data;
    try {
      window.parent.postMessage(sdkAck(event, payload), hostOrigin);
    } catch {
      // A DataCloneError: the data holds something postMessage cannot copy (a function, a DOM node).
      throw new InvalidArgumentError('ack(status, data): data cannot be sent (not cloneable).');
    }
    sent = true;
  };
}

export function createEventHub(): EventHub {
  const listeners = new Map<EventType, Set<EventListenerOf<EventType>>>();
  let hostOrigin: string | undefined;
  let listening = false;

  const onMessage = (message: MessageEvent) => {
    if (hostOrigin === undefined) return;
    if (message.source !== window.parent || message.origin !== hostOrigin) return;
    const data: unknown = message.data;
    if (!isHostEvent(data)) return;
    const ack = ackFor(data, hostOrigin);
    // A copy: a listener may remove itself (or others) while the event is delivered.
    for (const listener of [...(listeners.get(data.event) ?? [])]) {
      try {
        listener(data.payload, ack);
      } catch (error) {
        // One failing listener must not keep the event from the others.
        console.error(`A ${data.event} listener threw`, error);
      }
    }
  };

  // Listens to the window only while someone is listening to the host.
  const sync = () => {
    const wanted = hostOrigin !== undefined && [...listeners.values()].some((set) => set.size > 0);
    if (wanted && !listening) window.addEventListener('message', onMessage);
    if (!wanted && listening) window.removeEventListener('message', onMessage);
    listening = wanted;
  };

  return {
    add(type, listener) {
      checkType(type);
      if (typeof listener !== 'function') {
        throw new InvalidArgumentError('addEventListener needs a listener function.');
      }
      const set = listeners.get(type) ?? new Set();
      set.add(listener as EventListenerOf<EventType>);
      listeners.set(type, set);
      sync();
    },
    remove(type, listener) {
      checkType(type);
      listeners.get(type)?.delete(listener as EventListenerOf<EventType>);
      sync();
    },
    connect(origin) {
      hostOrigin = origin;
      sync();
    },
  };
}
