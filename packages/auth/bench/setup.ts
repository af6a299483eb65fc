import { generateKeyPairSync, type KeyObject, randomUUID, sign, verify } from 'node:crypto';
import type { JWK } from 'jose';

export const AUDIENCE = 'demo-app';
export const ISSUER = 'intandem';

/** One RS256-2048 key in every form the compared libraries want. */
interface BenchKey {
  kid: string;
  jwk: JWK;
  pem: string;
  publicKey: KeyObject;
  privateKey: KeyObject;
}

export function createBenchKey(): BenchKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  return {
    kid,
    privateKey,
    publicKey,
    pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    jwk: { ...(publicKey.export({ format: 'jwk' }) as JWK), kid, alg: 'RS256', use: 'sig' },
  };
}

/** Signs `count` distinct platform-shaped tokens (node:crypto signs far faster than it verifies). */
export function signTokens(key: BenchKey, count: number): string[] {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ alg: 'RS256', kid: key.kid, typ: 'JWT' });
  const now = Math.floor(Date.now() / 1000);
  return Array.from({ length: count }, () => {
    const payload = encode({
      iss: ISSUER,
      aud: AUDIENCE,
      sub: randomUUID(),
      sub_type: 'staff',
      actor_uid: randomUUID(),
      actor_type: 'staff',
      business_uid: randomUUID(),
      directory_uid: randomUUID(),
      iat: now,
      exp: now + 600,
      jti: randomUUID(),
    });
    const input = `${header}.${payload}`;
    return `${input}.${sign('sha256', Buffer.from(input), key.privateKey).toString('base64url')}`;
  });
}

/** Verifies only the RS256 signature with node:crypto: the floor no verifier can beat. */
export function rawVerify(publicKey: KeyObject) {
  return (token: string): boolean => {
    const dot = token.lastIndexOf('.');
    const input = Buffer.from(token.slice(0, dot));
    return verify('sha256', input, publicKey, Buffer.from(token.slice(dot + 1), 'base64url'));
  };
}
