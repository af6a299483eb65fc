import type { PlatformUser } from '@intandem/sdk';
import type { Me } from '../api.ts';

/**
 * Says plainly that someone acts as this staff member: when the platform says so
 * (`getUser().impersonate`) or the verified token does (an `actor` other than the staff member).
 * The names shown are always the verified ones.
 */
export function ImpersonationBanner({ me, user }: { me: Me; user: PlatformUser | null }) {
  const actor = me.actor && me.actor.uid !== me.staff.uid ? me.actor : undefined;
  if (!actor && !user?.impersonate) return null;
  return (
    <p className="banner" role="status" data-testid="impersonation-banner">
      <strong>Impersonation:</strong> acting as <bdi>{me.staff.uid}</bdi>
      {actor ? (
        <>
          {' '}
          (signed in as <bdi>{actor.uid}</bdi>)
        </>
      ) : null}
      . Changes are recorded under both names.
    </p>
  );
}
