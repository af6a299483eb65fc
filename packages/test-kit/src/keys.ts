/**
 * Signing keys and staff tokens shaped as the platform makes them: RS256, a UUID `kid`, the
 * claims its token API puts in a staff token. All signing is jose's.
 */
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK, type JWSHeaderParameters, SignJWT } from 'jose';

/** The code name the local demo runs under: the tokens' `aud` unless a test says otherwise. */
export const AUDIENCE = 'demo-app';
const ISSUER = 'intandem';
/** How long the platform's tokens live. */
const TOKEN_TTL_SEC = 300;

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The public key as the platform's JWKS lists it (`kid`, `alg: RS256`, `use: sig`). */
  jwk: JWK;
}

/** An RSA-2048 key pair for RS256, with a UUID `kid` unless one is given. */
export async function createSigningKey(kid: string = randomUUID()): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicKey, jwk };
}

/** Now in epoch seconds, as JWT claims count time. */
export function nowSec(ms: number = Date.now()): number {
  return Math.floor(ms / 1000);
}

/** The claims of a staff token issued at `now` (epoch seconds), with `overrides` merged over. */
export function staffClaims(now: number = nowSec(), overrides: Record<string, unknown> = {}) {
  return {
    iss: ISSUER,
    aud: AUDIENCE,
    sub: 'staff-1',
    sub_type: 'staff',
    actor_uid: 'staff-1',
    actor_type: 'staff',
    business_uid: 'biz-1',
    directory_uid: 'dir-1',
    iat: now,
    exp: now + TOKEN_TTL_SEC,
    jti: randomUUID(),
    ...overrides,
  };
}

interface SignOptions {
  /** Issued at, in epoch seconds (default now). */
  now?: number;
  /** Header parameters merged over `{ alg: 'RS256', kid, typ: 'JWT' }`. */
  header?: Partial<JWSHeaderParameters>;
}

/**
 * A staff token signed with `key`: {@link staffClaims} with `claims` merged over; a claim set
 * to `undefined` is left out.
 */
export function signStaffToken(
  key: SigningKey,
  claims: Record<string, unknown> = {},
  { now = nowSec(), header = {} }: SignOptions = {},
): Promise<string> {
  const payload = Object.fromEntries(
    Object.entries(staffClaims(now, claims)).filter(([, value]) => value !== undefined),
  );
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT', ...header })
    .sign(key.privateKey);
}
