import { describe, expect, it } from 'vitest';
import { checkApi, FOREIGN_ORIGIN } from '../../src/doctor/api.ts';
import type { CheckResult } from '../../src/doctor/check.ts';
import { closeServersAfterEach, startApiStandIn, startServer } from '../support/http-server.ts';
import { deadUrl } from '../support/jwks-server.ts';
import { unsafeCharacters } from '../support/unsafe-characters.ts';

const APP = 'https://notes.acme.example';

const started = closeServersAfterEach();
const failed = (results: CheckResult[]) => results.filter((result) => !result.ok);

describe('checkApi', () => {
  it('passes an API that grants CORS to the iframe origin only and answers 401', async () => {
    const api = await started(startApiStandIn({ allowedOrigins: [APP] }));
    const results = await checkApi(api.origin, [APP]);
    expect(failed(results)).toEqual([]);
    expect(results).toHaveLength(4);
  });

  it('fails the preflight of an origin the API does not list, and one that grants every origin', async () => {
    const strict = await started(startApiStandIn({ allowedOrigins: ['https://other.example'] }));
    const [missing] = failed(await checkApi(strict.origin, [APP]));
    expect(missing).toMatchObject({ summary: `CORS preflight from ${APP} is refused` });
    expect(missing?.fix).toContain(`add ${APP} to the API's CORS_ALLOWED_ORIGINS`);

    const open = await started(startApiStandIn({ allowedOrigins: [], reflectAnyOrigin: true }));
    expect(failed(await checkApi(open.origin, [APP]))[0]?.summary).toContain(
      `foreign origin (${FOREIGN_ORIGIN}) is allowed`,
    );
  });

  it('reports a 503 readiness and an API that is not there', async () => {
    const api = await started(startApiStandIn({ allowedOrigins: [APP], readyStatus: 503 }));
    expect(failed(await checkApi(api.origin, [APP]))[0]?.summary).toMatch(/503: not ready/);
    const dead = new URL(await deadUrl('/')).origin;
    expect(await checkApi(dead, [APP])).toEqual([
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
              'access-control-allow-headers': 'Authorization',
            })
            .end();
        }
        response.writeHead(200, { 'www-authenticate': 'Basic \x9b2J\x9b32m' }).end();
      }),
    );
    const [problem] = failed(await checkApi(api.origin, [APP]));
    expect(problem?.summary).toBe(
      '/api/me without a token answers 200, WWW-Authenticate: Basic \\u009b2J\\u009b32m',
    );
    expect(unsafeCharacters(problem?.summary ?? '')).toEqual([]);
  });
});
