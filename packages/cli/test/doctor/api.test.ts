import { startServer } from '@partner/test-kit/http';
import { refusedUrl } from '@partner/test-kit/ports';
import { describe, expect, it } from 'vitest';
import { checkApi, FOREIGN_ORIGIN } from '../../src/doctor/api.ts';
import type { CheckResult } from '../../src/doctor/check.ts';
import type { ApiRoute } from '../../src/doctor/routes.ts';
import { closeServersAfterEach, startApiStandIn } from '../support/http-server.ts';
import { unsafeCharacters } from '../support/unsafe-characters.ts';

const APP = 'https://notes.acme.example';
const ID = '00000000-0000-0000-0000-000000000000';

/** Routes as the doctor reads them from the API's route files. */
const ROUTES: ApiRoute[] = [
  { file: 'src/app/api/me/route.ts', path: '/api/me', methods: ['GET', 'OPTIONS'] },
  { file: 'src/app/api/items/route.ts', path: '/api/items', methods: ['GET', 'POST', 'OPTIONS'] },
  {
    file: 'src/app/api/items/[id]/route.ts',
    path: `/api/items/${ID}`,
    methods: ['DELETE', 'OPTIONS'],
  },
  { file: 'src/app/api/health/route.ts', path: '/api/health', methods: ['GET', 'OPTIONS'] },
];

const started = closeServersAfterEach();
const failed = (results: CheckResult[]) => results.filter((result) => !result.ok);

describe('checkApi', () => {
  it('passes an API that grants CORS to the iframe origin only and answers 401', async () => {
    const api = await started(startApiStandIn({ allowedOrigins: [APP] }));
    const results = await checkApi(api.origin, [APP], ROUTES);
    expect(failed(results)).toEqual([]);
    expect(results.map((result) => result.summary)).toEqual([
      '/api/ready answers 200',
      `CORS preflight from ${APP} allows Authorization and the methods of each of 4 routes`,
      `CORS preflight from a foreign origin (${FOREIGN_ORIGIN}) is refused by each of 4 routes`,
      '/api/me without a token answers 401 with WWW-Authenticate: Bearer',
    ]);
  });

  it("fails a route whose preflight lacks the grant (Next's own answer), naming its file", async () => {
    const api = await started(
      startApiStandIn({ allowedOrigins: [APP], preflights: { '/api/health': {} } }),
    );
    const health = { file: 'src/app/api/health/route.ts', path: '/api/health', methods: ['GET'] };
    const problems = failed(await checkApi(api.origin, [APP], [...ROUTES.slice(0, 3), health]));
    expect(problems).toEqual([
      {
        area: 'API',
        ok: false,
        summary: `CORS preflight of src/app/api/health/route.ts (OPTIONS /api/health) from ${APP} lacks Access-Control-Allow-Origin, GET in Access-Control-Allow-Methods, Authorization in Access-Control-Allow-Headers; the route exports no OPTIONS, so Next answers its preflight without CORS`,
        fix: expect.stringContaining('OPTIONS'),
      },
    ]);
  });

  it('fails a preflight that allows the origin but not every method of the route, or not Authorization', async () => {
    const partial = {
      'access-control-allow-origin': APP,
      'access-control-allow-methods': 'GET, OPTIONS',
      // A wildcard does not cover Authorization (Fetch standard): it must be named.
      'access-control-allow-headers': '*',
    };
    const api = await started(
      startApiStandIn({ allowedOrigins: [APP], preflights: { '/api/items': partial } }),
    );
    expect(failed(await checkApi(api.origin, [APP], ROUTES)).map((r) => r.summary)).toEqual([
      `CORS preflight of src/app/api/items/route.ts (OPTIONS /api/items) from ${APP} lacks POST in Access-Control-Allow-Methods, Authorization in Access-Control-Allow-Headers`,
    ]);
  });

  it('fails a route whose file declares no method the doctor can read', async () => {
    const api = await started(startApiStandIn({ allowedOrigins: [APP] }));
    const odd = { file: 'src/app/api/odd/route.ts', path: '/api/odd', methods: [] };
    const [problem] = failed(await checkApi(api.origin, [APP], [...ROUTES, odd]));
    expect(problem?.summary).toBe(
      'src/app/api/odd/route.ts exports no HTTP method the doctor can read: its preflight is not checked',
    );
  });

  it('fails the preflight of an origin the API does not list, and one that grants every origin', async () => {
    const strict = await started(startApiStandIn({ allowedOrigins: ['https://other.example'] }));
    const problems = failed(await checkApi(strict.origin, [APP], ROUTES));
    // One line for an origin that every route refuses, not one per route.
    expect(problems).toHaveLength(1);
    const [missing] = problems;
    expect(missing).toMatchObject({ summary: `CORS preflight from ${APP} is refused` });
    expect(missing?.fix).toContain(`add ${APP} to the API's CORS_ALLOWED_ORIGINS`);

    const open = await started(startApiStandIn({ allowedOrigins: [], reflectAnyOrigin: true }));
    expect(failed(await checkApi(open.origin, [APP], ROUTES))).toEqual([
      expect.objectContaining({
        summary: `CORS preflight from a foreign origin (${FOREIGN_ORIGIN}) is allowed`,
      }),
    ]);
    const leaky = await started(
      startApiStandIn({
        allowedOrigins: [APP],
        preflights: { '/api/items': { 'access-control-allow-origin': '*' } },
      }),
    );
    expect(failed(await checkApi(leaky.origin, [APP], ROUTES)).map((r) => r.summary)).toEqual([
      `CORS preflight of src/app/api/items/route.ts (OPTIONS /api/items) from ${APP} lacks GET, POST in Access-Control-Allow-Methods, Authorization in Access-Control-Allow-Headers`,
      `CORS preflight of src/app/api/items/route.ts (OPTIONS /api/items) from a foreign origin (${FOREIGN_ORIGIN}) is allowed`,
    ]);
  });

  it('reports a 503 readiness and an API that is not there', async () => {
    const api = await started(startApiStandIn({ allowedOrigins: [APP], readyStatus: 503 }));
    expect(failed(await checkApi(api.origin, [APP], ROUTES))[0]?.summary).toMatch(/503: not ready/);
    const dead = await refusedUrl();
    expect(await checkApi(dead, [APP], ROUTES)).toEqual([
      expect.objectContaining({ ok: false, summary: `${dead} not reachable` }),
    ]);
  });

  it("escapes the API's headers where a check quotes them", async () => {
    // A header carries bytes 0x80-0xff as they are: 0x9b arrives as the C1 CSI U+009B.
    const api = await started(
      startServer((request, response) => {
        if (request.url === '/api/ready') return void response.writeHead(200).end();
        if (request.method === 'OPTIONS') {
          return void response
            .writeHead(204, {
              'access-control-allow-origin': APP,
              'access-control-allow-methods': 'GET, POST, DELETE',
              'access-control-allow-headers': 'Authorization',
            })
            .end();
        }
        response.writeHead(200, { 'www-authenticate': 'Basic \x9b2J\x9b32m' }).end();
      }),
    );
    const [problem] = failed(await checkApi(api.origin, [APP], ROUTES));
    expect(problem?.summary).toBe(
      '/api/me without a token answers 200, WWW-Authenticate: Basic \\u009b2J\\u009b32m',
    );
    expect(unsafeCharacters(problem?.summary ?? '')).toEqual([]);
  });
});
