import { describe, expect, it } from 'vitest';
import { addCors, preflight } from '../../src/lib/cors.ts';

// The default CORS_ALLOWED_ORIGINS outside production: the iframe app in development.
const APP = 'http://127.0.0.1:5173';

const request = (method: string, headers: Record<string, string> = {}) =>
  new Request('http://127.0.0.1:3000/api/items', { method, headers });

describe('preflight', () => {
  it('answers the app origin with exactly the given methods, allowing Authorization', () => {
    const response = preflight(
      request('OPTIONS', { origin: APP, 'access-control-request-method': 'POST' }),
      ['GET', 'PATCH', 'OPTIONS'],
    );
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-headers')).toContain('Authorization');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, PATCH, OPTIONS');
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('grants nothing to another origin or to no origin', () => {
    for (const headers of [{ origin: 'https://evil.example' }, { origin: 'null' }, {}]) {
      const response = preflight(request('OPTIONS', headers), ['GET', 'OPTIONS']);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-headers')).toBeNull();
    }
  });
});

describe('addCors', () => {
  it('grants the app origin on any answer, exposing the headers clients read', async () => {
    const response = addCors(
      request('GET', { origin: APP }),
      Response.json({ ok: true }, { status: 401 }),
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-expose-headers')).toBe(
      'WWW-Authenticate, Retry-After, Allow, X-Request-Id',
    );
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('grants nothing to another origin, but still varies on Origin for caches', () => {
    const response = addCors(
      request('GET', { origin: 'https://evil.example' }),
      Response.json({ ok: true }),
    );
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-expose-headers')).toBeNull();
    expect(response.headers.get('vary')).toBe('Origin');
  });
});
