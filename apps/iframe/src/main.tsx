/**
 * The entry: no React here. It starts the platform handshake, then the identity request, and
 * shows the verified identity with the DOM alone as soon as it is known (src/first-paint.ts).
 * Only then does it run the UI (React and the app), whose chunks index.html has been fetching
 * and compiling meanwhile: running them is one long task, which would otherwise hold the
 * handshake's, the token's and the API's replies behind it (measured in docs/BENCHMARKS.md).
 */
import { init } from '@intandem/sdk';
import { api, firstAuthAnswered, type Me } from './api.ts';
import { env } from './env.ts';
import { afterNextPaint, paintIdentity } from './first-paint.ts';
import { identityFrom } from './identity.ts';
import { platformContext } from './platform/context.ts';
import { connectContext } from './platform/load-context.ts';
import { readySignal } from './ready-signal.ts';
import { MARKS, markOnce } from './timing.ts';

const handshake = init({ hostOrigins: env.hostOrigins, widgetUid: env.widgetUid });
const firstMe = handshake.then(async () => {
  markOnce(MARKS.sdkInit);
  const me = await api.fetcher<Me>('/api/me');
  markOnce(MARKS.me);
  return me;
});
// Holds the outcome for the UI, which mounts after it.
const identity = identityFrom(firstMe);
// Once the token is in: the context's replies bring the language, and with it the first use of
// Intl (15–55 ms in a fresh renderer here), which then runs while /api/me is in flight instead
// of holding the token's reply. The store keeps the outcome.
connectContext(platformContext, Promise.all([handshake, firstAuthAnswered])).catch(() => undefined);

const ready = readySignal();
const shown = firstMe.then(async (me) => {
  paintIdentity(document.getElementById('root') as HTMLElement, me);
  markOnce(MARKS.identity);
  // Something real is on screen: the platform may drop its loader. A refusal is React's to report.
  ready.send().catch(() => undefined);
  await afterNextPaint();
});

// On a failure (not embedded, no token, the API's refusal) React runs at once, to say so.
const { start } = await shown.catch(() => undefined).then(() => import('./ui.tsx'));
await start({ handshake, identity, ready });
