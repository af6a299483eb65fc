/**
 * The bench's own platform side: RS256 keys it controls, tokens for several staff members, and a
 * JWKS server on 127.0.0.1 that counts its requests and can be taken down.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
// The platform's key shape (RS256, UUID kid, use sig), shared with the API's tests.
import { createSigningKey, type SigningKey } from '../../apps/api/test/support/jwks-server.ts';

export { createSigningKey, type SigningKey };

export const AUDIENCE = 'bench-app';
export const ISSUER = 'intandem';

export interface Staff {
  uid: string;
  businessUid: string;
}

/** `count` staff members spread over `businesses` businesses. */
export function staffMembers(
  count: number,
  businesses = Math.max(1, Math.ceil(count / 4)),
): Staff[] {
  const businessUids = Array.from({ length: businesses }, () => randomUUID());
  return Array.from({ length: count }, (_, i) => ({
    uid: randomUUID(),
    businessUid: businessUids[i % businesses] ?? '',
  }));
}

/** A token as the platform issues it (claims and lifetime), for `staff`, signed with `key`. */
export function signToken(key: SigningKey, staff: Staff, audience = AUDIENCE): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    sub_type: 'staff',
    actor_uid: staff.uid,
    actor_type: 'staff',
    business_uid: staff.businessUid,
    directory_uid: staff.businessUid,
  })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setSubject(staff.uid)
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .setJti(randomUUID())
    .sign(key.privateKey);
}

/** `count` distinct tokens, round-robin over `staff` and `keys`, signed concurrently. */
export async function signTokens(
  count: number,
  keys: readonly SigningKey[],
  staff: readonly Staff[],
): Promise<string[]> {
  const tokens: string[] = [];
  const batch = 64;
  for (let start = 0; start < count; start += batch) {
    const end = Math.min(count, start + batch);
    const signed = await Promise.all(
      Array.from({ length: end - start }, (_, i) => {
        const n = start + i;
        return signToken(keys[n % keys.length] as SigningKey, staff[n % staff.length] as Staff);
      }),
    );
    tokens.push(...signed);
  }
  return tokens;
}

/** Hands out each token once; fails loudly when the pool runs out (a reused token would hit a cache). */
export function tokenPool(tokens: readonly string[]): () => string {
  let next = 0;
  return () => {
    const token = tokens[next++];
    if (token === undefined) throw new Error('token pool exhausted');
    return `Bearer ${token}`;
  };
}

export interface JwksServer {
  url: string;
  /** Requests answered (or refused) since start or the last `resetCount()`. */
  readonly requests: number;
  resetCount(): void;
  publish(keys: readonly SigningKey[]): void;
  /** While down, every request answers 503. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

export async function startJwksServer(keys: readonly SigningKey[]): Promise<JwksServer> {
  let body = '';
  const publish = (next: readonly SigningKey[]) => {
    body = JSON.stringify({ keys: next.map((key) => key.jwk) });
  };
  publish(keys);
  let requests = 0;
  let down = false;
  const server = createServer((_request, response) => {
    requests += 1;
    if (down) {
      response.writeHead(503, { 'content-type': 'text/plain' }).end('down');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v3/apps/.well-known/jwks.json`,
    get requests() {
      return requests;
    },
    resetCount: () => {
      requests = 0;
    },
    publish,
    setDown: (value) => {
      down = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
