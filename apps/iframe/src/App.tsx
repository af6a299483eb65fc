import { ready } from '@intandem/sdk';
import { useEffect } from 'react';
import useSWR from 'swr';
import { api, type Me } from './api.ts';

export function App() {
  const { data, error } = useSWR<Me, Error>('/api/me', api.fetcher);

  // The platform shows its loader until the app says it has rendered something real.
  useEffect(() => {
    if (data || error) void ready();
  }, [data, error]);

  if (error) {
    return (
      <main>
        <h1>Partner app</h1>
        <p role="alert">Could not verify you: {error.message}</p>
      </main>
    );
  }
  if (!data) return <p>Verifying…</p>;
  return (
    <main>
      <h1>Partner app</h1>
      <p>
        Verified staff member: <output data-testid="staff-uid">{data.staff.uid}</output>
      </p>
    </main>
  );
}
