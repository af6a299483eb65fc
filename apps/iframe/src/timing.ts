/**
 * Performance marks on the way to showing who is signed in, read by `pnpm bench` (and visible in
 * the browser's performance panel). Each is set once per page load: the first time counts.
 */
export const MARKS = {
  sdkInit: 'app:sdk-init-done',
  token: 'app:token-received',
  me: 'app:me-answered',
  identity: 'app:identity-rendered',
} as const;

type MarkName = (typeof MARKS)[keyof typeof MARKS];

export function markOnce(name: MarkName): void {
  if (typeof performance === 'undefined' || performance.getEntriesByName(name).length > 0) return;
  performance.mark(name);
}
