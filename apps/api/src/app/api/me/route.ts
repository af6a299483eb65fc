import type { Me } from '@/contract.ts';
import { route, staffMethod } from '@/lib/route.ts';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({
  GET: staffMethod(
    {},
    ({ auth }): Me => ({
      staff: { uid: auth.sub },
      ...(auth.businessUid ? { business: { uid: auth.businessUid } } : {}),
      // Present only when someone acts on the staff member's behalf.
      ...(auth.impersonated ? { actor: auth.actor } : {}),
      app: auth.aud,
      expires_at: new Date(auth.exp * 1000).toISOString(),
    }),
  ),
});
