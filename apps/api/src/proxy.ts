import { type NextRequest, NextResponse } from 'next/server';
import { env } from './lib/env.ts';

const allowed = new Set(env.corsAllowedOrigins);

/** CORS for the iframe app's origin only; preflight allows the Authorization header. */
export function proxy(request: NextRequest) {
  const origin = request.headers.get('origin');
  const cors = new Headers({ Vary: 'Origin' });
  if (origin && allowed.has(origin)) {
    cors.set('Access-Control-Allow-Origin', origin);
    cors.set('Access-Control-Expose-Headers', 'WWW-Authenticate, Retry-After');
  }

  if (request.method === 'OPTIONS') {
    if (origin && allowed.has(origin)) {
      cors.set('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
      cors.set('Access-Control-Allow-Headers', 'Authorization, Content-Type');
      cors.set('Access-Control-Max-Age', '600');
    }
    return new NextResponse(null, { status: 204, headers: cors });
  }

  const response = NextResponse.next();
  for (const [key, value] of cors) response.headers.set(key, value);
  return response;
}

export const config = { matcher: '/api/:path*' };
