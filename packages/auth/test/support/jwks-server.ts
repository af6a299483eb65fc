import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, type JWK, type JWSHeaderParameters, SignJWT } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: JWK;
}

/** An RS256 key pair; WebCrypto directly, because jose refuses to make keys under 2048 bits. */
export async function createSigningKey(
  kid: string = randomUUID(),
  modulusLength = 2048,
): Promise<SigningKey> {
  const { privateKey, publicKey } = await crypto.subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  );
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicKey, jwk };
}

/**
 * Signs any header and payload bytes with RS256, bypassing jose's checks, to build tokens jose
 * would refuse to produce (1024-bit keys, non-JSON payloads).
 */
export async function signRaw(
  privateKey: CryptoKey,
  header: Record<string, unknown>,
  payload: string | Record<string, unknown> | unknown[],
): Promise<string> {
  const encode = (text: string) => Buffer.from(text).toString('base64url');
  const input = `${encode(JSON.stringify(header))}.${encode(typeof payload === 'string' ? payload : JSON.stringify(payload))}`;
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', privateKey, Buffer.from(input));
  return `${input}.${Buffer.from(signature).toString('base64url')}`;
}

/** The platform's published key set (three real RSA public keys), copied into test/fixtures. */
export function readPlatformJwks(): { keys: JWK[] } {
  const url = new URL('../fixtures/intandem-jwks.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as { keys: JWK[] };
}

/** How the test server answers the next requests instead of serving the key set. */
export type Fault =
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'body'; body: string | Uint8Array; contentType: string }
  | { kind: 'hang' }
  | { kind: 'redirect'; location: string }
  /** Streams `chunks` chunks of `chunkBytes` bytes, `intervalMs` apart, with no Content-Length. */
  | { kind: 'drip'; chunkBytes: number; chunks: number; intervalMs: number };

/** A real JWKS endpoint on 127.0.0.1 whose key set and failures a test controls. */
export async function startJwksServer(initial: { keys: unknown[] }) {
  let body: unknown = initial;
  let fault: Fault | null = null;
  let requests = 0;
  let held: (() => void)[] | null = null;
  const pending = new Set<ServerResponse>();

  function answer(req: IncomingMessage, res: ServerResponse) {
    const current = fault;
    if (current === null) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
      return;
    }
    switch (current.kind) {
      case 'status':
        res.writeHead(current.status, { 'content-type': 'text/plain' });
        res.end(current.body ?? 'error');
        return;
      case 'body':
        res.writeHead(200, { 'content-type': current.contentType });
        res.end(current.body);
        return;
      case 'hang':
        pending.add(res);
        return;
      case 'redirect':
        res.writeHead(302, { location: current.location });
        res.end();
        return;
      case 'drip': {
        res.writeHead(200, { 'content-type': 'application/json' });
        let sent = 0;
        const timer = setInterval(() => {
          if (sent === current.chunks || res.destroyed) {
            clearInterval(timer);
            res.end();
            return;
          }
          sent += 1;
          res.write('['.repeat(current.chunkBytes));
        }, current.intervalMs);
        req.on('close', () => clearInterval(timer));
        return;
      }
    }
  }

  const server: Server = createServer((req, res) => {
    requests += 1;
    if (held !== null) held.push(() => answer(req, res));
    else answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v3/apps/.well-known/jwks.json`,
    origin: `http://127.0.0.1:${port}`,
    setKeys(keys: unknown[]) {
      body = { keys };
    },
    setBody(document: unknown) {
      body = document;
    },
    setFault(next: Fault | null) {
      fault = next;
    },
    /** Queues answers until `release()`, so a test can pile up concurrent callers. */
    hold() {
      held = [];
    },
    release() {
      const queued = held ?? [];
      held = null;
      for (const send of queued) send();
    },
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of pending) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type JwksServer = Awaited<ReturnType<typeof startJwksServer>>;

/** A URL on 127.0.0.1 where nothing listens (a port that was just freed). */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/jwks.json`;
}

export const AUDIENCE = 'demo-app';

/** Claims the platform puts in a staff token, issued at `now` (epoch seconds). */
export function staffClaims(now: number, overrides: Record<string, unknown> = {}) {
  return {
    iss: 'intandem',
    aud: AUDIENCE,
    sub: 'staff-1',
    sub_type: 'staff',
    actor_uid: 'staff-1',
    actor_type: 'staff',
    business_uid: 'biz-1',
    directory_uid: 'dir-1',
    iat: now,
    exp: now + 300,
    jti: randomUUID(),
    ...overrides,
  };
}

/** Signs a staff token; `claims` entries set to `undefined` are removed. */
export function signStaffToken(
  key: SigningKey,
  claims: Record<string, unknown> = {},
  now = Math.floor(Date.now() / 1000),
  header: Partial<JWSHeaderParameters> = {},
) {
  const payload = Object.fromEntries(
    Object.entries(staffClaims(now, claims)).filter(([, value]) => value !== undefined),
  );
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT', ...header })
    .sign(key.privateKey);
}
