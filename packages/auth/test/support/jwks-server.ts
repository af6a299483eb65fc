import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

export async function createSigningKey(kid: string = randomUUID()): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, jwk };
}

/** A real JWKS endpoint on 127.0.0.1 whose key set a test can change. */
export async function startJwksServer(initial: { keys: JWK[] }) {
  let body: unknown = initial;
  let requests = 0;
  const server: Server = createServer((_req, res) => {
    requests += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v3/apps/.well-known/jwks.json`,
    setKeys(keys: JWK[]) {
      body = { keys };
    },
    get requests() {
      return requests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const AUDIENCE = 'demo-app';

export function signStaffToken(
  key: SigningKey,
  claims: Record<string, unknown> = {},
  now = Math.floor(Date.now() / 1000),
) {
  const payload = {
    iss: 'intandem',
    aud: AUDIENCE,
    sub: 'staff-1',
    sub_type: 'staff',
    business_uid: 'biz-1',
    iat: now,
    exp: now + 300,
    jti: randomUUID(),
    ...claims,
  };
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .sign(key.privateKey);
}
