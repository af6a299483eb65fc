import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { proxy } from '../src/proxy.ts';

// The default CORS_ALLOWED_ORIGINS: the iframe app in development.
const APP = 'http://127.0.0.1:5173';

const request = (method: string, headers: Record<string, string> = {}) =>
  new NextRequest('http://127.0.0.1:3000/api/notes', { method, headers });

describe('CORS proxy', () => {
  it('answers a preflight from the app origin, allowing the Authorization header', () => {
    const response = proxy(
      request('OPTIONS', { origin: APP, 'access-control-request-method': 'POST' }),
    );
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-headers')).toContain('Authorization');
    expect(response.headers.get('access-control-allow-methods')).toContain('DELETE');
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('grants nothing to another origin, preflight or not', () => {
    for (const method of ['OPTIONS', 'GET']) {
      const response = proxy(request(method, { origin: 'https://evil.example' }));
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-headers')).toBeNull();
    }
  });

  it('lets requests through to the route, exposing the auth headers to the app', () => {
    const response = proxy(request('GET', { origin: APP }));
    expect(response.headers.get('x-middleware-next')).toBe('1');
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-expose-headers')).toContain('WWW-Authenticate');
  });
});
