import { decodeProtectedHeader } from 'jose';
import { AuthError } from './errors.ts';

/** Longest token accepted (16 KiB): platform tokens are under 1 KiB; bigger ones are abuse. */
export const MAX_TOKEN_LENGTH = 16 * 1024;

/** Three base64url segments; the signature may be empty only so `alg: none` gets its own error. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The header fields that pick the key. */
export interface TokenHeader {
  alg: string;
  kid: string;
}

/**
 * Checks the token's shape and reads `alg` and `kid` from its protected header, before any key
 * lookup, so junk never reaches the network or the crypto.
 * @throws AuthError `malformed_token`, `unsupported_algorithm` or `missing_kid`.
 */
export function readHeader(token: unknown, algorithms: ReadonlySet<string>): TokenHeader {
  if (typeof token !== 'string' || token === '') {
    throw new AuthError('malformed_token', 'The token must be a non-empty string.');
  }
  if (token.length > MAX_TOKEN_LENGTH) {
    throw new AuthError(
      'malformed_token',
      `The token is longer than ${MAX_TOKEN_LENGTH} characters.`,
    );
  }
  if (!COMPACT_JWS.test(token) || !token.split('.').every(isCanonicalBase64url)) {
    throw new AuthError(
      'malformed_token',
      'The token is not a compact JWS (header.payload.signature).',
    );
  }
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch (cause) {
    throw new AuthError('malformed_token', 'The token header is not a base64url JSON object.', {
      cause,
    });
  }
  const { alg, kid } = header;
  if (typeof alg !== 'string' || !algorithms.has(alg)) {
    throw new AuthError(
      'unsupported_algorithm',
      'The token is not signed with an accepted algorithm.',
    );
  }
  if (typeof kid !== 'string' || kid === '') {
    throw new AuthError('missing_kid', 'The token header has no key id (kid).');
  }
  return { alg, kid };
}

/**
 * Rejects a segment whose last character carries non-zero spare bits. Decoders ignore those
 * bits, so without this check one signature could be spelled several ways, and each spelling
 * would be a different "token" to caches and replay lists.
 */
function isCanonicalBase64url(segment: string): boolean {
  const spare = segment.length % 4;
  if (spare === 0) return true;
  if (spare === 1) return false;
  const last = BASE64URL.indexOf(segment.charAt(segment.length - 1));
  return last % (spare === 2 ? 16 : 4) === 0;
}
