/**
 * Performance marks on the platform's side of the way to the app's identity, read by
 * `pnpm bench` beside the app's own (apps/iframe/src/timing.ts). Each is set once per page
 * load: the first app instance is the one measured. When the app's frame started loading the
 * bench reads from the frame's resource timing entry: its `src` is in the markup.
 */
export const HOST_MARKS = {
  script: 'host:script-start',
  state: 'host:state-answered',
  tokenHeld: 'host:token-held',
  tokenPosted: 'host:token-posted',
} as const;

export type HostMarkName = (typeof HOST_MARKS)[keyof typeof HOST_MARKS];

export function markOnce(name: HostMarkName): void {
  if (typeof performance === 'undefined' || performance.getEntriesByName(name).length > 0) return;
  performance.mark(name);
}
