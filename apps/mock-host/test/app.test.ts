import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockHost } from '../src/server/app.ts';
import { readConfig } from '../src/server/config.ts';

let server: Server;
let base: string;

beforeAll(async () => {
  const { handler } = await createMockHost(readConfig({ TOKEN_TTL_SEC: '300' }));
  server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function issueToken() {
  const response = await fetch(`${base}/v3/apps/compact_jws_tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ app_code_name: 'demo-app' }),
  });
  return { response, body: await response.json() };
}

describe('mock host', () => {
  it('publishes RSA signing keys with UUID kids', async () => {
    const jwks = await (await fetch(`${base}/v3/apps/.well-known/jwks.json`)).json();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });
    expect(jwks.keys[0].kid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('issues a token the published keys verify, with the documented claims', async () => {
    const { response, body } = await issueToken();
    expect(response.status).toBe(200);
    expect(body.success).toBe(true);
    const jwks = await (await fetch(`${base}/v3/apps/.well-known/jwks.json`)).json();
    const { payload } = await jwtVerify(body.data.token, createLocalJWKSet(jwks), {
      issuer: 'intandem',
      audience: 'demo-app',
      algorithms: ['RS256'],
    });
    expect(decodeProtectedHeader(body.data.token).kid).toBe(jwks.keys[0].kid);
    expect(payload.sub_type).toBe('staff');
    expect(typeof payload.business_uid).toBe('string');
    const { exp = Number.NaN, iat = Number.NaN } = payload;
    expect(exp - iat).toBe(300);
    expect(body.data.expiry_date).toBe(new Date(exp * 1000).toISOString());
    expect(body.data.app_code_name).toBe('demo-app');
  });

  it('refuses a token for an unknown app with the platform error shape', async () => {
    const response = await fetch(`${base}/v3/apps/compact_jws_tokens`, {
      method: 'POST',
      body: JSON.stringify({ app_code_name: 'someone-else' }),
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      success: false,
      errors: [{ code: 'app_not_found' }],
    });
  });
});
