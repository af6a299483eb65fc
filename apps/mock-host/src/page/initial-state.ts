import type { MockState } from '../shared/contract.ts';
import { element } from './dom.ts';

/** The state the server rendered the page with (index.html's `#mock-state`): no request needed. */
export function initialState(): MockState {
  return JSON.parse(element('mock-state', HTMLScriptElement).text) as MockState;
}
