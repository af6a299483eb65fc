/**
 * What the verifier must refuse but jose will not make: RSA keys under 2048 bits and tokens
 * whose payload is not a JSON object. Signed with WebCrypto; everything else uses the test kit.
 */
import { readFileSync } from 'node:fs';
import type { SigningKey } from '@partner/test-kit/keys';
import { exportJWK, type JWK } from 'jose';

/** An RSA-1024 key for RS256, published under `kid` like any other. */
export async function weakSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await crypto.subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 1024,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  );
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicKey, jwk };
}

/** Signs any header and payload bytes with RS256, bypassing jose's checks. */
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
