/**
 * The entry: no React here. It starts the platform handshake, then the identity request, while
 * the UI (React, SWR, the app) downloads and compiles: each would otherwise wait for the one
 * before it (measured in docs/BENCHMARKS.md).
 */
import { init } from '@intandem/sdk';
import { api, type Me } from './api.ts';
import { env } from './env.ts';
import { MARKS, markOnce } from './timing.ts';

const ui = import('./ui.tsx');
const handshake = init({ hostOrigins: env.hostOrigins, widgetUid: env.widgetUid });
const firstMe = handshake.then(async () => {
  markOnce(MARKS.sdkInit);
  const me = await api.fetcher<Me>('/api/me');
  markOnce(MARKS.me);
  return me;
});
// Its outcome reaches the UI through SWR (or the handshake's error); not unhandled meanwhile.
firstMe.catch(() => undefined);

const { start } = await ui;
await start({ handshake, firstMe });
