/**
 * What the host page tells the app about itself (`getUser`, `getState`), from its state. The
 * platform's page believes these; the app must still take identity from its verified token.
 */
import type { PlatformState, PlatformUser } from '@intandem/sdk/protocol';
import type { MockState } from '../shared/contract.ts';

/** The host's name in `getState`: the page the app is placed on. */
export const HOST_NAME = 'intandem-mock';

/** `getUser`: the signed-in staff member as the page sees them, with any deliberate lie applied. */
export function platformUserOf(state: MockState): PlatformUser {
  return {
    brandHost: state.brandHost,
    businessUid: state.business.uid,
    staffUid: state.staff.uid,
    impersonate: state.actor !== null,
    language: state.language,
    ...state.userOverride,
  };
}

/** `getState` but for the life-cycle state, which the bridge keeps per app instance. */
export function placeOf(state: MockState): Omit<PlatformState, 'state'> {
  return {
    hostName: HOST_NAME,
    hostType: 'page',
    staff: { uid: state.staff.uid },
    accountUid: state.business.uid,
    view: state.view,
  };
}
