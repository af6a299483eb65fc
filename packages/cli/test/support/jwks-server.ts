import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

export const JWKS_PATH = '/v3/apps/.well-known/jwks.json';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

/** An RS256 key pair with a UUID `kid`, published as the platform does. */
export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  return {
    kid,
    privateKey,
    jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
  };
}

/** A staff token as the platform mints it, with claim and header overrides. */
export function signStaffToken(
  key: SigningKey,
  options: { audience?: string; claims?: Record<string, unknown>; kid?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: 'intandem',
    aud: options.audience ?? 'demo-app',
    sub: 'staff-1',
    sub_type: 'staff',
    business_uid: 'biz-1',
    iat: now,
    exp: now + 300,
    jti: randomUUID(),
    ...options.claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? key.kid, typ: 'JWT' })
    .sign(key.privateKey);
}

export interface JwksServerOptions {
  /** The document served (default `{ keys }` of the given keys). */
  body?: unknown;
  /** The answer's `Date` header (default: the one Node's server stamps). */
  date?: string;
}

/** A real JWKS endpoint on 127.0.0.1, port 0. */
export async function startJwksServer(keys: JWK[], options: JwksServerOptions = {}) {
  const server: Server = createServer((request, response) => {
    if (request.url !== JWKS_PATH) {
      response.writeHead(404).end();
      return;
    }
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.date !== undefined) headers.date = options.date;
    response.writeHead(200, headers).end(JSON.stringify(options.body ?? { keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${JWKS_PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A URL on 127.0.0.1 where nothing listens (a port that was just freed). */
export async function deadUrl(path = JWKS_PATH): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}${path}`;
}
