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

/** Parsed headers kept per verifier; tokens signed by one key share one header segment. */
const HEADER_CACHE_SIZE = 64;

/** Reads a token's header for one algorithm allowlist. */
export type HeaderReader = (token: unknown) => TokenHeader;

/**
 * Checks the token's shape and reads `alg` and `kid` from its protected header, before any key
 * lookup, so junk never reaches the network or the crypto. It remembers the few header segments
 * it has accepted (tokens signed by one key share one), so the common case skips decoding JSON
 * that jose decodes again anyway; the memory is cleared when full, so made-up headers cannot
 * grow it.
 * @throws AuthError `malformed_token`, `unsupported_algorithm` or `missing_kid`.
 */
export function createHeaderReader(algorithms: ReadonlySet<string>): HeaderReader {
  const accepted = new Map<string, TokenHeader>();
  return (token) => {
    checkShape(token);
    const segment = token.slice(0, token.indexOf('.'));
    const known = accepted.get(segment);
    if (known !== undefined) return known;
    const header = decodeHeader(token, algorithms);
    if (accepted.size >= HEADER_CACHE_SIZE) accepted.clear();
    accepted.set(segment, header);
    return header;
  };
}

function checkShape(token: unknown): asserts token is string {
  if (typeof token !== 'string' || token === '') {
    throw new AuthError('malformed_token', 'The token must be a non-empty string.');
  }
  if (token.length > MAX_TOKEN_LENGTH) {
    throw new AuthError(
      'malformed_token',
      `The token is longer than ${MAX_TOKEN_LENGTH} characters.`,
    );
  }
  if (!COMPACT_JWS.test(token) || !hasCanonicalSegments(token)) {
    throw new AuthError(
      'malformed_token',
      'The token is not a compact JWS (header.payload.signature).',
    );
  }
}

function decodeHeader(token: string, algorithms: ReadonlySet<string>): TokenHeader {
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

/** Checks the three segments of a token that matched {@link COMPACT_JWS}, without splitting it. */
function hasCanonicalSegments(token: string): boolean {
  const first = token.indexOf('.');
  const second = token.indexOf('.', first + 1);
  return (
    isCanonicalBase64url(token, 0, first) &&
    isCanonicalBase64url(token, first + 1, second) &&
    isCanonicalBase64url(token, second + 1, token.length)
  );
}

/**
 * Rejects a segment whose last character carries non-zero spare bits. Decoders ignore those
 * bits, so without this check one signature could be spelled several ways, and each spelling
 * would be a different "token" to caches and replay lists.
 */
function isCanonicalBase64url(token: string, start: number, end: number): boolean {
  const spare = (end - start) % 4;
  if (spare === 0) return true;
  if (spare === 1) return false;
  const last = BASE64URL.indexOf(token.charAt(end - 1));
  return last % (spare === 2 ? 16 : 4) === 0;
}
