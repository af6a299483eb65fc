import { randomUUID } from 'node:crypto';
import type { CompactJWSToken } from '@intandem/sdk/protocol';
import { type JWTHeaderParameters, type JWTPayload, SignJWT } from 'jose';
import type { SigningKey } from './keys.ts';
import type { TokenSubject } from './state.ts';

const ISSUER = 'intandem';

/** The claims the platform documents for the signed-in staff member. */
export function platformClaims(
  subject: TokenSubject,
  appCodeName: string,
  iat: number,
  ttlSec: number,
): JWTPayload {
  const actor = subject.actor ?? subject.staff;
  return {
    iss: ISSUER,
    aud: appCodeName,
    sub: subject.staff.uid,
    sub_type: 'staff',
    actor_uid: actor.uid,
    actor_type: 'staff',
    business_uid: subject.business.uid,
    directory_uid: subject.business.directoryUid,
    iat,
    exp: iat + ttlSec,
    jti: randomUUID(),
  };
}

/**
 * A protected header: `overrides` merged over `defaults`, where `null` removes a parameter
 * (a token without `kid`); `alg` is always the signer's own.
 */
export function protectedHeader(
  defaults: Record<string, unknown>,
  overrides: Record<string, unknown>,
  alg: string,
): JWTHeaderParameters {
  const header: Record<string, unknown> = { ...defaults, ...overrides, alg };
  for (const [name, value] of Object.entries(header)) if (value === null) delete header[name];
  return header as JWTHeaderParameters;
}

/** Signs with RS256; `header` is merged over `{ typ, kid }` as {@link protectedHeader} does. */
export function signRs256(
  key: SigningKey,
  claims: JWTPayload,
  header: Record<string, unknown> = {},
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader(protectedHeader({ typ: 'JWT', kid: key.kid }, header, 'RS256'))
    .sign(key.privateKey);
}

/** Wraps a signed token in the platform's token entity. */
export function tokenEntity(
  token: string,
  claims: JWTPayload,
  appCodeName: string,
  fallbackExpSec: number,
): CompactJWSToken {
  return {
    uid: typeof claims.jti === 'string' ? claims.jti : randomUUID(),
    token,
    expiry_date: isoDate(claims.exp) ?? isoDate(fallbackExpSec) ?? new Date().toISOString(),
    app_code_name: appCodeName,
  };
}

/** Seconds since the epoch as ISO 8601, or undefined when not a representable time. */
function isoDate(seconds: unknown): string | undefined {
  if (typeof seconds !== 'number') return undefined;
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
