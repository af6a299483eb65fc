import type { Mismatch } from '../platform/identity-check.ts';

const FIELDS: Record<Mismatch['field'], string> = {
  staffUid: 'staff member',
  businessUid: 'business',
  impersonate: 'impersonation',
};

/** Reports where the platform page contradicts the verified identity; the verified one is shown. */
export function IdentityMismatch({ mismatches }: { mismatches: Mismatch[] }) {
  if (mismatches.length === 0) return null;
  return (
    <div className="notice" role="alert" data-testid="identity-mismatch">
      <strong>The platform page and your verified sign-in disagree.</strong>
      <ul>
        {mismatches.map((mismatch) => (
          <li key={mismatch.field}>
            {FIELDS[mismatch.field]}: the page says <bdi>{mismatch.platform}</bdi>, the verified
            token says <bdi>{mismatch.verified}</bdi>
          </li>
        ))}
      </ul>
      <p className="muted">This app shows the verified identity and acts only on it.</p>
    </div>
  );
}
