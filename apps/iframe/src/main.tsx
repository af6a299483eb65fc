/**
 * The entry: no React here. It starts the platform handshake, then the identity request, while
 * the UI (React and the app) downloads and compiles: each would otherwise wait for the one
 * before it (measured in docs/BENCHMARKS.md).
 */
import { init } from '@intandem/sdk';
import { api, type Me } from './api.ts';
import { env } from './env.ts';
import { identityFrom } from './identity.ts';
import { platformContext } from './platform/context.ts';
import { connectContext } from './platform/load-context.ts';
import { MARKS, markOnce } from './timing.ts';

const ui = import('./ui.tsx');
const handshake = init({ hostOrigins: env.hostOrigins, widgetUid: env.widgetUid });
const firstMe = handshake.then(async () => {
  markOnce(MARKS.sdkInit);
  const me = await api.fetcher<Me>('/api/me');
  markOnce(MARKS.me);
  return me;
});
// Holds the outcome for the UI, which may mount before or after it.
const identity = identityFrom(firstMe);
// After the token request, so the context never delays it; the store keeps the outcome.
connectContext(platformContext, handshake).catch(() => undefined);

const { start } = await ui;
await start({ handshake, identity });
