import { decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import type { MockState } from '../../../src/shared/contract.ts';
import { type TestHost, useMockHost } from '../../helpers/mock-host.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TTL_SEC = 120;

let host: TestHost;
useMockHost(
  (started) => {
    host = started;
  },
  { TOKEN_TTL_SEC: String(TTL_SEC), TOKEN_RATE_LIMIT_PER_MIN: '3' },
);

function verify(token: string, keySet: Awaited<ReturnType<TestHost['keySet']>>) {
  return jwtVerify(token, keySet, {
    issuer: 'intandem',
    audience: 'demo-app',
    algorithms: ['RS256'],
    currentDate: new Date(host.clock.now),
  });
}

describe('GET /v3/apps/.well-known/jwks.json', () => {
  it('publishes one RSA-2048 signing key with a UUID kid and no private parts', async () => {
    const { status, headers, body } = await host.request<{ keys: Record<string, unknown>[] }>(
      'GET',
      '/v3/apps/.well-known/jwks.json',
    );
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^application\/json/);
    expect(body.keys).toHaveLength(1);
    const [key] = body.keys;
    expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });
    expect(key?.kid).toMatch(UUID);
    // 2048-bit modulus: 256 bytes, 342 base64url characters.
    expect(Buffer.from(String(key?.n), 'base64url')).toHaveLength(256);
    for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(key).not.toHaveProperty(secret);
  });

  it("answers 503 with Retry-After during an 'error' outage", async () => {
    await host.request('PUT', '/__mock/state', { jwksOutage: 'error' });
    const { status, headers, body } = await host.request('GET', '/v3/apps/.well-known/jwks.json');
    expect(status).toBe(503);
    expect(Number(headers.get('retry-after'))).toBeGreaterThan(0);
    expect(body).toMatchObject({ success: false, errors: [{ code: 'service_unavailable' }] });
  });

  it("never answers during a 'hang' outage", async () => {
    await host.request('PUT', '/__mock/state', { jwksOutage: 'hang' });
    const request = fetch(`${host.base}/v3/apps/.well-known/jwks.json`, {
      signal: AbortSignal.timeout(200),
    });
    await expect(request).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});

describe('POST /v3/apps/compact_jws_tokens', () => {
  it('issues a token entity whose token the JWKS verifies, signed by the active kid', async () => {
    const entity = await host.platformToken();
    const jwks = await host.jwks();
    const { payload, protectedHeader } = await verify(entity.token, await host.keySet());
    expect(protectedHeader).toMatchObject({ alg: 'RS256', typ: 'JWT', kid: jwks.keys[0]?.kid });
    expect(decodeProtectedHeader(entity.token).kid).toMatch(UUID);
    expect(entity.uid).toBe(payload.jti);
    expect(entity.app_code_name).toBe('demo-app');
    expect(entity.expiry_date).toBe(new Date((payload.exp ?? 0) * 1000).toISOString());
  });

  it('carries every documented claim with the right type, for the signed-in staff member', async () => {
    const state = (await host.request<MockState>('GET', '/__mock/state')).body;
    const { payload } = await verify((await host.platformToken()).token, await host.keySet());
    expect(payload).toEqual({
      iss: 'intandem',
      aud: 'demo-app',
      sub: state.staff.uid,
      sub_type: 'staff',
      actor_uid: state.staff.uid,
      actor_type: 'staff',
      business_uid: state.business.uid,
      directory_uid: state.business.directoryUid,
      iat: Math.floor(host.clock.now / 1000),
      exp: expect.any(Number),
      jti: expect.stringMatching(UUID),
    });
  });

  it('sets exp - iat to TOKEN_TTL_SEC', async () => {
    const { payload } = await verify((await host.platformToken()).token, await host.keySet());
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(TTL_SEC);
  });

  it('names the impersonating staff member as actor, the impersonated one as sub', async () => {
    const { body: state } = await host.request<MockState>('PUT', '/__mock/state', {
      staffUid: 'stf_p3r5s7t9',
      actorUid: 'stf_j2k4m6n8',
    });
    const { payload } = await verify((await host.platformToken()).token, await host.keySet());
    expect(payload).toMatchObject({
      sub: 'stf_p3r5s7t9',
      actor_uid: 'stf_j2k4m6n8',
      actor_type: 'staff',
      business_uid: state.business.uid,
    });
    expect(state.business.uid).toBe('biz_4t8w1x6z');
  });

  it('answers 429 rate_limited with Retry-After past the per-staff limit, and recovers', async () => {
    for (let i = 0; i < 3; i++) await host.platformToken();
    const limited = await host.request('POST', '/v3/apps/compact_jws_tokens', {
      app_code_name: 'demo-app',
    });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ success: false, errors: [{ code: 'rate_limited' }] });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // Another staff member has a budget of their own.
    await host.request('PUT', '/__mock/state', { staffUid: 'stf_e5f6g7h8' });
    await expect(host.platformToken()).resolves.toMatchObject({ app_code_name: 'demo-app' });

    await host.request('PUT', '/__mock/state', { staffUid: 'stf_a1b2c3d4' });
    host.clock.now += retryAfter * 1000;
    await expect(host.platformToken()).resolves.toMatchObject({ app_code_name: 'demo-app' });
  });

  it('refuses an unknown app with the platform error shape', async () => {
    const { status, body } = await host.request('POST', '/v3/apps/compact_jws_tokens', {
      app_code_name: 'someone-else',
    });
    expect(status).toBe(404);
    expect(body).toEqual({
      success: false,
      errors: [{ code: 'app_not_found', message: expect.stringContaining('someone-else') }],
    });
  });

  it.each([
    ['no app_code_name', {}, 'invalid_body'],
    ['a numeric app_code_name', { app_code_name: 7 }, 'invalid_body'],
    ['an array body', [], 'invalid_body'],
    ['broken JSON', '{"app_code_name":', 'invalid_json'],
  ])('answers 400 for %s', async (_name, body, code) => {
    const answer = await host.request('POST', '/v3/apps/compact_jws_tokens', body);
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]?.code).toBe(code);
  });
});
