/**
 * The host page. The app's frame is already loading (its `src` is in the markup) and the state
 * is inlined, so nothing here waits for the network before the app can be answered. The panels
 * are wired (not yet filled) before the bridge, which calls them; the bridge answers what the app
 * said early, then the panels are filled. Work the app does not need (the token inspector, the
 * panel) happens after the reply it concerns was posted.
 */
import type { CompactJWSToken, WidgetState } from '@intandem/sdk/protocol';
import type { MockState } from '../shared/contract.ts';
import { mockApi } from './api.ts';
import { placeOf, platformUserOf } from './context.ts';
import { createDevPanel } from './dev-panel.ts';
import { takeEarlyMessages } from './early-messages.ts';
import { initialState } from './initial-state.ts';
import { createInspectorPanel } from './inspector-panel.ts';
import { ACK_TIMEOUT_MS, connectSdkBridge } from './sdk-bridge.ts';
import { HostShell } from './shell.ts';
import { HOST_MARKS, markOnce } from './timing.ts';
import { type TokenMode, VALID_MODE } from './token-modes.ts';
import { describeAck } from './view-ack.ts';

markOnce(HOST_MARKS.script);
const shell = new HostShell();
let state: MockState = initialState();
markOnce(HOST_MARKS.state);
let mode: TokenMode = VALID_MODE;
const appOrigin = new URL(state.appUrl).origin;

function show(next: MockState): void {
  state = next;
  shell.showSignedIn(state);
  panel.render(state, mode);
}

/**
 * A new identity, language, brand or token mode needs a fresh app instance: an empty token
 * cache, and a new handshake before it gets anything.
 */
function restartApp(): void {
  bridge.restart();
  shell.loadApp(state.appUrl);
}

/** What a running app reads once, at start: a change reloads it (the view has its event). */
function needsRestart(before: MockState, after: MockState): boolean {
  return (
    before.staff.uid !== after.staff.uid ||
    before.actor?.uid !== after.actor?.uid ||
    before.language !== after.language ||
    before.brandHost !== after.brandHost
  );
}

const panel = createDevPanel({
  async updateState(patch) {
    const before = state;
    show(await mockApi.updateState(patch));
    if (needsRestart(before, state)) restartApp();
  },
  async changeView(view) {
    show(await mockApi.updateState({ view }));
    const outcome = await bridge.send('changeView', { view });
    return describeAck(view, outcome, ACK_TIMEOUT_MS);
  },
  setTokenMode(next) {
    mode = next;
    show(state);
    restartApp();
  },
  async rotateKey() {
    show(await mockApi.rotateKey());
  },
  async retireKey(kid) {
    show(await mockApi.retireKey(kid));
  },
  async reset() {
    mode = VALID_MODE;
    show(await mockApi.reset());
    restartApp();
  },
});

const inspector = createInspectorPanel();

/** The mode each token handed to the bridge was made in, for the inspector once it is sent. */
const madeIn = new WeakMap<CompactJWSToken, TokenMode>();

/** A token for the app in the current mode; nothing else on the way to the app. */
async function tokenForApp(): Promise<CompactJWSToken> {
  const sentIn = mode;
  const request = sentIn.request(Math.floor(Date.now() / 1000));
  const entity = await (request
    ? mockApi.mockToken(request)
    : mockApi.platformToken(state.appCodeName));
  markOnce(HOST_MARKS.tokenHeld);
  madeIn.set(entity, sentIn);
  return entity;
}

/** This app instance's life cycle so far, for the panel. */
let lifecycle: WidgetState[] = ['loading'];

const bridge = connectSdkBridge(
  shell.iframe,
  appOrigin,
  {
    widgetUid: () => state.widgetUid,
    appCodeName: () => state.appCodeName,
    getToken: tokenForApp,
    user: () => platformUserOf(state),
    place: () => placeOf(state),
    onReady: () => shell.hideLoader(),
    onAnswered(request, reply) {
      if (request.type !== 'getAuth') return;
      markOnce(HOST_MARKS.tokenPosted);
      // The app has its token (or its error); now the panel may take its time.
      if (!reply.ok) return inspector.showFailure(reply.error.code, reply.error.message);
      const entity = reply.result as CompactJWSToken;
      inspector.show(entity.token, madeIn.get(entity) ?? mode);
    },
    onLifecycle(next) {
      lifecycle = next === 'loading' ? [next] : [...lifecycle, next];
      panel.showLifecycle(lifecycle);
    },
  },
  window,
  takeEarlyMessages(),
);

show(state);
panel.showLifecycle(lifecycle);
