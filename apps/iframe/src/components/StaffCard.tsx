import type { Me } from '../api.ts';
import { useFormats } from '../platform/use-platform.ts';

export function StaffCard({ me }: { me: Me }) {
  const formats = useFormats();
  return (
    <section className="card" aria-labelledby="staff-title">
      <h2 id="staff-title">Signed in</h2>
      <dl>
        <dt>Staff member</dt>
        <dd>
          <output data-testid="staff-uid">{me.staff.uid}</output>
        </dd>
        <dt>Business</dt>
        <dd data-testid="business-uid">{me.business?.uid ?? '—'}</dd>
        {me.actor && me.actor.uid !== me.staff.uid ? (
          <>
            <dt>Acting on their behalf</dt>
            <dd data-testid="actor-uid">{me.actor.uid}</dd>
          </>
        ) : null}
        <dt>Token expires</dt>
        <dd data-testid="token-expiry">
          <time dateTime={me.expires_at}>{formats.time(me.expires_at)}</time>
        </dd>
      </dl>
    </section>
  );
}
