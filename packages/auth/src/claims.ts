import type { JWTPayload } from 'jose';
import { AuthError } from './errors.ts';

/** The claims of a platform staff token under the names the platform documents. */
export interface PlatformClaims extends Readonly<JWTPayload> {
  /** Issuer, always the configured `issuer`. */
  readonly iss: string;
  /** The staff member's uid. */
  readonly sub: string;
  /** Always `staff` when present. */
  readonly sub_type?: 'staff';
  /** This app's code name (a single string, never an array). */
  readonly aud: string;
  /** Expiry, epoch seconds. */
  readonly exp: number;
  /** Issued at, epoch seconds. */
  readonly iat: number;
  /** Not before, epoch seconds. */
  readonly nbf?: number;
  /** Token id. */
  readonly jti?: string;
  /** Who acts: equals `sub` unless someone impersonates the staff member. */
  readonly actor_uid?: string;
  /** The acting party's type. */
  readonly actor_type?: string;
  /** The business account. */
  readonly business_uid?: string;
  /** The business's directory. */
  readonly directory_uid?: string;
}

/**
 * The verified claims of a platform staff token: the raw claims plus derived helpers.
 * The object is deeply frozen: it may be shared between requests through the token cache.
 */
export interface StaffClaims extends PlatformClaims {
  /** `business_uid`, or `null` when the token has none. */
  readonly businessUid: string | null;
  /** `directory_uid`, or `null` when the token has none. */
  readonly directoryUid: string | null;
  /** Who acts: `actor_uid`/`actor_type`, defaulting to the staff member. */
  readonly actor: { readonly uid: string; readonly type: string };
  /** True when `actor_uid` names someone other than `sub`. */
  readonly impersonated: boolean;
}

/** What claims are checked against. */
export interface ClaimRules {
  audience: string;
  issuer: string;
  clockToleranceSec: number;
  maxTokenAgeSec: number | undefined;
  maxTokenLifetimeSec: number;
}

const OPTIONAL_STRING_CLAIMS = [
  'jti',
  'actor_uid',
  'actor_type',
  'business_uid',
  'directory_uid',
] as const;

/**
 * The claim checks, one per verification step, each run on a payload whose signature holds.
 * @throws AuthError `invalid_issuer`.
 */
export function checkIssuer(payload: JWTPayload, issuer: string): void {
  if (payload.iss !== issuer) {
    throw new AuthError('invalid_issuer', 'The token was not issued by the platform.');
  }
}

/** @throws AuthError `invalid_audience` unless `aud` is exactly this app (one string). */
export function checkAudience(payload: JWTPayload, audience: string): void {
  if (typeof payload.aud !== 'string' || payload.aud !== audience) {
    throw new AuthError('invalid_audience', 'The token is not for this app.');
  }
}

/**
 * Who the token is about and who acts: `sub` a non-empty string, `sub_type` absent or `staff`,
 * and the optional identity claims strings.
 * @throws AuthError `invalid_subject` or `malformed_token`.
 */
export function checkSubjectClaims(payload: JWTPayload): void {
  if (typeof payload.sub !== 'string' || payload.sub === '') {
    throw new AuthError('invalid_subject', 'The token names no staff member (sub).');
  }
  if (payload.sub_type !== undefined && payload.sub_type !== 'staff') {
    throw new AuthError('invalid_subject', 'The token is not for a staff member (sub_type).');
  }
  for (const claim of OPTIONAL_STRING_CLAIMS) {
    const value = payload[claim];
    if (value !== undefined && typeof value !== 'string') {
      throw new AuthError('malformed_token', `The token's "${claim}" claim is not a string.`);
    }
  }
}

/**
 * `exp` and `iat` present, the time claims whole seconds, then {@link checkLifetime}.
 * @throws AuthError `malformed_token` or a {@link checkLifetime} code.
 */
export function checkTimeClaims(payload: JWTPayload, rules: ClaimRules, nowMs: number): void {
  for (const claim of ['exp', 'iat'] as const) {
    if (payload[claim] === undefined) {
      throw new AuthError('malformed_token', `The token has no "${claim}" claim.`);
    }
  }
  for (const claim of ['exp', 'iat', 'nbf'] as const) {
    const value = payload[claim];
    // Whole seconds within ±2^53: anything else is no time a platform mints, and huge values
    // would later break date arithmetic (`new Date(exp * 1000)` throws past year 275,760).
    if (value !== undefined && !Number.isSafeInteger(value)) {
      throw new AuthError(
        'malformed_token',
        `The token's "${claim}" claim is not a whole number of seconds.`,
      );
    }
  }
  checkLifetime(payload as PlatformClaims, rules, nowMs);
}

/**
 * The typed, deeply frozen claims of a payload that passed every check above, with the
 * derived helpers. jose hands over a fresh object, so the helpers go onto it, not onto a copy.
 */
export function toStaffClaims(payload: JWTPayload): StaffClaims {
  const claims = payload as PlatformClaims;
  const actorUid = claims.actor_uid ?? claims.sub;
  const derived: Omit<StaffClaims, keyof PlatformClaims> = {
    businessUid: claims.business_uid ?? null,
    directoryUid: claims.directory_uid ?? null,
    actor: { uid: actorUid, type: claims.actor_type ?? 'staff' },
    impersonated: actorUid !== claims.sub,
  };
  return deepFreeze(Object.assign(payload, derived) as StaffClaims);
}

/**
 * The time checks, shared by fresh verification and verified-token cache hits so both agree
 * to the second: lifetime over `maxTokenLifetimeSec`, `exp` passed, `nbf`/`iat` in the future,
 * `iat` older than `maxTokenAgeSec`.
 * @throws AuthError `token_lifetime_too_long`, `token_expired`, `token_not_yet_valid` or
 * `token_too_old`.
 */
export function checkLifetime(
  claims: Pick<PlatformClaims, 'exp' | 'iat' | 'nbf'>,
  rules: Pick<ClaimRules, 'clockToleranceSec' | 'maxTokenAgeSec' | 'maxTokenLifetimeSec'>,
  nowMs: number,
): void {
  // First: a fresh token from the same issuer would be just as long, so retrying cannot help.
  if (claims.exp - claims.iat > rules.maxTokenLifetimeSec) {
    throw new AuthError(
      'token_lifetime_too_long',
      `The token is valid for longer than ${rules.maxTokenLifetimeSec} s (exp - iat).`,
    );
  }
  // Whole seconds, as jose counts them, so a token never passes one check and fails the other.
  const now = Math.floor(nowMs / 1000);
  const tolerance = rules.clockToleranceSec;
  if (claims.exp <= now - tolerance) {
    throw new AuthError('token_expired', 'The token has expired.');
  }
  if (claims.nbf !== undefined && claims.nbf > now + tolerance) {
    throw new AuthError('token_not_yet_valid', 'The token is not valid yet (nbf).');
  }
  if (claims.iat > now + tolerance) {
    throw new AuthError('token_not_yet_valid', 'The token was issued in the future (iat).');
  }
  if (rules.maxTokenAgeSec !== undefined && now - claims.iat - tolerance > rules.maxTokenAgeSec) {
    throw new AuthError('token_too_old', 'The token was issued too long ago.');
  }
}

/**
 * Checks that verified claims belong to the staff member a resource requires.
 * @throws AuthError `subject_mismatch`.
 */
export function checkSubject(claims: Pick<PlatformClaims, 'sub'>, subject: string): void {
  if (claims.sub !== subject) {
    throw new AuthError('subject_mismatch', 'The token belongs to another staff member.');
  }
}

/**
 * Freezes the payload and every object inside it, so no handler can alter shared claims.
 * Members first: listing a frozen object's values is several times slower in V8. The input
 * comes from `JSON.parse` plus our own helpers, so it has no cycles.
 */
function deepFreeze<T extends object>(value: T): T {
  for (const member of Object.values(value)) {
    if (typeof member === 'object' && member !== null) deepFreeze(member);
  }
  return Object.freeze(value);
}
