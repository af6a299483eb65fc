import { Suspense, useContext, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Me } from './api.ts';
import { ErrorNotice } from './components/ErrorNotice.tsx';
import { IdentityMismatch } from './components/IdentityMismatch.tsx';
import { ImpersonationBanner } from './components/ImpersonationBanner.tsx';
import { PlatformCard } from './components/PlatformCard.tsx';
import { StaffCard } from './components/StaffCard.tsx';
import type { IdentityResource } from './identity.ts';
import { PANELS } from './panels.ts';
import { identityMismatches } from './platform/identity-check.ts';
import { refreshState } from './platform/load-context.ts';
import { ContextStoreContext, usePlatformContext } from './platform/use-platform.ts';
import type { ReadySignal } from './ready-signal.ts';
import { MARKS, markOnce } from './timing.ts';

/**
 * `identity` is the instance's one `GET /api/me` and `ready` its one `ready()`, both shared with
 * the entry (src/main.tsx), which may have shown the identity and sent `ready()` already.
 */
export function App({ identity, ready }: { identity: IdentityResource; ready: ReadySignal }) {
  const { me, error } = useSyncExternalStore(identity.subscribe, identity.get);
  const context = usePlatformContext();
  useReadyOnce(ready, Boolean(me || error));
  const identityShown = useIdentityShown(me);
  const mismatches = me && context.user ? identityMismatches(context.user, me) : [];

  return (
    <main className="app">
      <header>
        <h1>Partner app</h1>
      </header>
      {error ? <ErrorNotice error={error} title="Could not verify you" /> : null}
      {!me && !error ? <p aria-busy="true">Verifying…</p> : null}
      {me ? (
        <>
          <ImpersonationBanner me={me} user={context.user} />
          <IdentityMismatch mismatches={mismatches} />
          <StaffCard me={me} />
          <PlatformCard context={context} />
          {identityShown
            ? PANELS.map(({ name, Component }) => (
                <Suspense key={name} fallback={<p aria-busy="true">Loading {name}…</p>}>
                  <Component key={context.view} view={context.view} />
                </Suspense>
              ))
            : null}
        </>
      ) : null}
    </main>
  );
}

/**
 * True once the verified identity has been committed to the screen (and marked for the bench):
 * feature panels mount then, so their chunks are fetched after it, never on its way.
 */
function useIdentityShown(me: Me | undefined): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!me) return;
    markOnce(MARKS.identity);
    setShown(true);
  }, [me]);
  return shown;
}

/**
 * The platform shows its loader until the app says it has rendered something real; its
 * `getState()` says `ready` from then on, which the platform card shows.
 */
function useReadyOnce(ready: ReadySignal, rendered: boolean) {
  const sent = useRef(false);
  const store = useContext(ContextStoreContext);
  useEffect(() => {
    if (!rendered || sent.current) return;
    sent.current = true;
    ready.send().then(
      () => refreshState(store),
      (error: unknown) => console.warn('The platform did not acknowledge ready()', error),
    );
  }, [ready, rendered, store]);
}
