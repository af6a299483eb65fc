import { publicMethod, route } from '@/lib/route.ts';

export const dynamic = 'force-dynamic';

/** Liveness: the process answers. Nothing more, so it reveals nothing (readiness: /api/ready). */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({
  GET: publicMethod({}, () => ({ status: 'ok' })),
});
