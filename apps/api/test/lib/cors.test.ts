import { describe, expect, it } from 'vitest';
import { preflight, withCors } from '../../src/lib/cors.ts';

// The default CORS_ALLOWED_ORIGINS outside production: the iframe app in development.
const APP = 'http://127.0.0.1:5173';

const request = (method: string, headers: Record<string, string> = {}) =>
  new Request('http://127.0.0.1:3000/api/notes', { method, headers });

const route = withCors(() => Response.json({ ok: true }, { status: 401 }));

describe('preflight', () => {
  it('answers the app origin, allowing the Authorization header', () => {
    const response = preflight(
      request('OPTIONS', { origin: APP, 'access-control-request-method': 'POST' }),
    );
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-headers')).toContain('Authorization');
    expect(response.headers.get('access-control-allow-methods')).toContain('DELETE');
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('grants nothing to another origin or to no origin', () => {
    for (const headers of [{ origin: 'https://evil.example' }, { origin: 'null' }, {}]) {
      const response = preflight(request('OPTIONS', headers));
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-headers')).toBeNull();
    }
  });
});

describe('withCors', () => {
  it("grants the app origin on the route's own answer, exposing the auth headers", async () => {
    const response = await route(request('GET', { origin: APP }), {});
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-expose-headers')).toBe(
      'WWW-Authenticate, Retry-After',
    );
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('grants nothing to another origin, but still varies on Origin for caches', async () => {
    const response = await route(request('GET', { origin: 'https://evil.example' }), {});
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-expose-headers')).toBeNull();
    expect(response.headers.get('vary')).toBe('Origin');
  });
});
