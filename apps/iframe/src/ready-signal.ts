/**
 * The platform's `ready()`, sent once per app instance by whichever shows something real first:
 * the entry's first paint of the identity, or React (an error, say). Later calls share the first.
 */
import { ready } from '@intandem/sdk';

export interface ReadySignal {
  send(): Promise<void>;
}

export function readySignal(send: () => Promise<void> = ready): ReadySignal {
  let sent: Promise<void> | undefined;
  return {
    send() {
      sent ??= send();
      return sent;
    },
  };
}
