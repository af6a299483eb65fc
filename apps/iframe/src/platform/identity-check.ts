/**
 * Where the platform page's `getUser()` disagrees with the identity the API verified. The
 * verified one is always the one shown; a disagreement is reported, never resolved in the
 * page's favour: anyone who frames the app can answer `getUser()`.
 */
import type { PlatformUser } from '@intandem/sdk';
import type { Me } from '../api.ts';

export interface Mismatch {
  field: 'staffUid' | 'businessUid' | 'impersonate';
  /** What the platform page said. */
  platform: string;
  /** What the verified token says. */
  verified: string;
}

export function identityMismatches(user: PlatformUser, me: Me): Mismatch[] {
  const actingForSomeone = me.actor !== undefined && me.actor.uid !== me.staff.uid;
  const found: Mismatch[] = [];
  if (user.staffUid !== me.staff.uid) {
    found.push({ field: 'staffUid', platform: user.staffUid, verified: me.staff.uid });
  }
  const business = me.business?.uid ?? 'none';
  if (user.businessUid !== business) {
    found.push({ field: 'businessUid', platform: user.businessUid, verified: business });
  }
  if (user.impersonate !== actingForSomeone) {
    found.push({
      field: 'impersonate',
      platform: String(user.impersonate),
      verified: String(actingForSomeone),
    });
  }
  return found;
}
