import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredMethods, type RouteExports } from '../../../src/lib/route.ts';
import { ORIGIN, type RouteHarness, startRouteHarness } from '../../support/route-harness.ts';

// The route guard: every route file of the API is built with the route helper, so every answer
// has CORS and the preflight grants exactly what the route serves.
const API_DIR = fileURLToPath(new URL('../../../src/app/api', import.meta.url));
const EXPORTS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

const files = readdirSync(API_DIR, { recursive: true, encoding: 'utf8' })
  .filter((file) => path.basename(file) === 'route.ts')
  .sort();

let api: RouteHarness;
beforeAll(async () => {
  api = await startRouteHarness();
});
afterAll(() => api.close());

describe('every route file', () => {
  it('is found', () => {
    expect(files).toContain(path.join('staff', '[uid]', 'route.ts'));
    expect(files).toContain(path.join('health', 'route.ts'));
  });

  it.each(files)('%s is built with route(), exporting all six handlers', async (file) => {
    const module = (await import(path.join(API_DIR, file))) as Partial<RouteExports>;
    for (const name of EXPORTS) {
      expect(declaredMethods(module[name]), `${file} exports ${name} from route()`).toBeDefined();
    }
    const declared = declaredMethods(module.GET) ?? [];
    const preflight = await api.call(module as RouteExports, '/api/guard', { method: 'OPTIONS' });
    expect(preflight.headers.get('access-control-allow-origin'), file).toBe(ORIGIN);
    expect(preflight.headers.get('access-control-allow-methods'), file).toBe(
      [...declared, 'OPTIONS'].join(', '),
    );
    expect(preflight.headers.get('access-control-allow-headers'), file).toContain('Authorization');
    const undeclared = EXPORTS.find((name) => name !== 'OPTIONS' && !declared.includes(name));
    if (undeclared) {
      const response = await api.call(module as RouteExports, '/api/guard', { method: undeclared });
      expect(response.status, `${file} ${undeclared}`).toBe(405);
      expect(response.headers.get('access-control-allow-origin'), file).toBe(ORIGIN);
    }
  });
});

describe('the guard itself', () => {
  it('fails a handler that route() did not build', () => {
    const handMade = async () => new Response(null);
    expect(declaredMethods(handMade)).toBeUndefined();
    expect(declaredMethods(undefined)).toBeUndefined();
  });
});
