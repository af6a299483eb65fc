import * as z from 'zod';
import { route, staffMethod } from '@/lib/route.ts';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({
  // A staff member may read only their own record: the token's `sub` must equal the uid.
  GET: staffMethod(
    { params: z.object({ uid: z.string() }), subject: (params) => params.uid },
    ({ auth }) => ({
      staff: { uid: auth.sub },
      business: auth.businessUid ? { uid: auth.businessUid } : null,
    }),
  ),
});
