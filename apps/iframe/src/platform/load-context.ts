/** Fills the context store from the platform: asked once after the handshake, then ChangeView. */
import { addEventListener, getState, getUser, MessageType } from '@intandem/sdk';
import type { ContextStore } from './context.ts';
import { warmFormats } from './format.ts';
import { applyLanguage } from './language.ts';

/**
 * Follows ChangeView from now on (acked once the view is applied; the UI re-renders from the
 * store), and once `after` is done (the handshake, at least) asks for `getUser()` and
 * `getState()` together. Each may fail alone (an older platform, a timeout): the app keeps its
 * defaults for what is missing. The document's language and direction follow
 * `getUser().language` as soon as it arrives.
 */
export async function connectContext(store: ContextStore, after: Promise<unknown>): Promise<void> {
  let changedByEvent = false;
  addEventListener(MessageType.ChangeView, (result, ack) => {
    changedByEvent = true;
    store.update({ view: result.view });
    ack(true, { view: result.view });
  });

  await after;
  const [user, state] = await Promise.allSettled([getUser(), getState()]);
  if (user.status === 'fulfilled') {
    applyLanguage(user.value.language);
    warmFormats(user.value.language);
  }
  const failed = [user, state].find((outcome) => outcome.status === 'rejected');
  store.update({
    user: user.status === 'fulfilled' ? user.value : null,
    state: state.status === 'fulfilled' ? state.value : null,
    // A ChangeView that arrived meanwhile is newer than getState's answer.
    ...(state.status === 'fulfilled' && !changedByEvent ? { view: state.value.view } : {}),
    error: failed?.status === 'rejected' ? toError(failed.reason) : null,
  });
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

/** Asks `getState()` again (after `ready()`, say); only the life-cycle fields are taken. */
export async function refreshState(store: ContextStore): Promise<void> {
  try {
    const state = await getState();
    // The view stays the store's: ChangeView keeps it current, whatever this answer raced with.
    store.update({ state: { ...state, view: store.get().view } });
  } catch {
    // The first answer, or its absence, stays on screen; nothing depends on this one.
  }
}
