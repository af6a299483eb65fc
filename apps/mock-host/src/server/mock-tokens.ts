import { sign } from 'node:crypto';
import type { CompactJWSToken } from '@intandem/sdk/protocol';
import { base64url, type JWTPayload, SignJWT } from 'jose';
import type { SignWith } from '../shared/contract.ts';
import { InvalidBodyError, MockHostError } from './errors.ts';
import type { HostState } from './state.ts';
import { platformClaims, protectedHeader, signRs256, tokenEntity } from './tokens.ts';

/** A `POST /__mock/tokens` body after validation. */
export interface MockTokenOptions {
  claims: Record<string, unknown>;
  header: Record<string, unknown>;
  ttlSec: number;
  signWith: SignWith;
  tamper: boolean | Record<string, unknown>;
}

const TAMPER_EXTENSION_SEC = 60 * 60;

/**
 * Mints a token for the signed-in staff member with overrides, including deliberately
 * broken ones. Not rate limited: it exists for tests and the dev panel.
 */
export async function mintMockToken(
  state: HostState,
  options: MockTokenOptions,
  nowSec: number,
): Promise<CompactJWSToken> {
  const claims = buildClaims(state, options, nowSec);
  let token: string;
  try {
    token = await signToken(state, options.signWith, claims, options.header);
  } catch (error) {
    if (error instanceof MockHostError) throw error;
    // jose refuses some header overrides (e.g. an unknown `crit`); that is the caller's input.
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidBodyError(`Cannot sign a token with these overrides: ${reason}`);
  }
  if (options.tamper !== false) token = tamper(token, claims, options.tamper);
  const iat = typeof claims.iat === 'number' ? claims.iat : nowSec;
  return tokenEntity(token, claims, state.appCodeName, iat + options.ttlSec);
}

/** The platform's claims, then overrides; `null` removes a claim. */
function buildClaims(state: HostState, options: MockTokenOptions, nowSec: number): JWTPayload {
  const overrides = options.claims;
  const iat = typeof overrides.iat === 'number' ? overrides.iat : nowSec;
  const claims: JWTPayload = {
    ...platformClaims(state.subject, state.appCodeName, iat, options.ttlSec),
  };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === null) delete claims[name];
    else claims[name] = value;
  }
  return claims;
}

async function signToken(
  state: HostState,
  signWith: SignWith,
  claims: JWTPayload,
  header: Record<string, unknown>,
): Promise<string> {
  const { keys } = state;
  if (typeof signWith === 'object') return signRs256(keys.find(signWith.kid), claims, header);
  switch (signWith) {
    case 'active':
      return signRs256(keys.active, claims, header);
    case 'forged':
      // Right kid, wrong key: only the signature check can catch it.
      return signRs256(keys.forged, claims, { kid: keys.active.kid, ...header });
    case 'hs256':
      // The classic algorithm-confusion attack: the public key used as an HMAC secret.
      return new SignJWT(claims)
        .setProtectedHeader(protectedHeader({ typ: 'JWT', kid: keys.active.kid }, header, 'HS256'))
        .sign(new TextEncoder().encode(keys.active.publicPem));
    case 'none':
      return `${encodeSegment(protectedHeader({ typ: 'JWT', kid: keys.active.kid }, header, 'none'))}.${encodeSegment(claims)}.`;
    case 'weak':
      return signWeak(state, claims, header);
  }
}

/** jose refuses RSA keys under 2048 bits, so node:crypto signs this one on purpose. */
function signWeak(state: HostState, claims: JWTPayload, header: Record<string, unknown>): string {
  const { weak } = state.keys;
  const input = `${encodeSegment(protectedHeader({ typ: 'JWT', kid: weak.kid }, header, 'RS256'))}.${encodeSegment(claims)}`;
  const signature = sign('sha256', Buffer.from(input), weak.privateKey);
  return `${input}.${base64url.encode(signature)}`;
}

/** Replaces the signed payload, keeping header and signature: the signature no longer fits. */
function tamper(token: string, claims: JWTPayload, change: true | Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  const changed =
    change === true
      ? { ...claims, exp: (typeof claims.exp === 'number' ? claims.exp : 0) + TAMPER_EXTENSION_SEC }
      : { ...claims, ...change };
  return `${header}.${encodeSegment(changed)}.${signature}`;
}

function encodeSegment(value: unknown): string {
  return base64url.encode(JSON.stringify(value));
}
