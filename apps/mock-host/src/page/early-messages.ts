/**
 * Messages the app posted before this module ran. index.html starts keeping them with an inline
 * script placed before the app's frame, whose `src` is in the markup: the app may load faster than
 * the page's own script. Taking them stops the keeping, so each message is handled exactly once.
 */
interface EarlyMessages {
  events: MessageEvent[];
  stop: (() => void) | null;
}

declare global {
  interface Window {
    __mockEarlyMessages?: EarlyMessages;
  }
}

export function takeEarlyMessages(target: Window = window): MessageEvent[] {
  const early = target.__mockEarlyMessages;
  if (!early) return [];
  early.stop?.();
  delete target.__mockEarlyMessages;
  return early.events;
}
