import { ready } from '@intandem/sdk';
import { useEffect, useRef } from 'react';
import useSWR from 'swr';
import { api, type Me } from './api.ts';
import { ErrorNotice } from './components/ErrorNotice.tsx';
// demo:start
import { Notes } from './components/Notes.tsx';
// demo:end
import { StaffCard } from './components/StaffCard.tsx';
import { MARKS, markOnce } from './timing.ts';

export function App() {
  const { data: me, error } = useSWR<Me, Error>('/api/me', api.fetcher);
  useReadyOnce(Boolean(me || error));
  useEffect(() => {
    if (me) markOnce(MARKS.identity);
  }, [me]);

  return (
    <main className="app">
      <header>
        <h1>Partner app</h1>
      </header>
      {error ? <ErrorNotice error={error} title="Could not verify you" /> : null}
      {!me && !error ? <p aria-busy="true">Verifying…</p> : null}
      {me ? <StaffCard me={me} /> : null}
      {/* demo:start */}
      {me ? <Notes /> : null}
      {/* demo:end */}
    </main>
  );
}

/** The platform shows its loader until the app says it has rendered something real. */
function useReadyOnce(rendered: boolean) {
  const sent = useRef(false);
  useEffect(() => {
    if (!rendered || sent.current) return;
    sent.current = true;
    ready().catch((error: unknown) =>
      console.warn('The platform did not acknowledge ready()', error),
    );
  }, [rendered]);
}
