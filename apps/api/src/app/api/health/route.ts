import { noStore } from '@/lib/http.ts';

export const dynamic = 'force-dynamic';

/** Liveness: the process answers. Nothing more, so it reveals nothing (readiness: /api/ready). */
export function GET() {
  return Response.json({ status: 'ok' }, { headers: noStore });
}
