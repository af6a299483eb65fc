import { compactVerify, decodeJwt, type JWTPayload, errors as joseErrors } from 'jose';
import {
  type ClaimRules,
  checkAudience,
  checkIssuer,
  checkSubjectClaims,
  checkTimeClaims,
  type StaffClaims,
  toStaffClaims,
} from './claims.ts';
import { AuthError } from './errors.ts';
import type { VerificationKey } from './jwks/keys.ts';
import type { RemoteJwks } from './jwks/remote.ts';
import type { VerifierOptions } from './options.ts';
import type { HeaderReader, TokenHeader } from './token.ts';

/**
 * The verification steps, in the order they run. `verify` and `explain` both run exactly these
 * steps; `subject` runs only when the caller names one.
 */
export const VERIFICATION_STEPS = [
  'shape',
  'alg',
  'kid',
  'key',
  'signature',
  'iss',
  'aud',
  'sub',
  'time',
  'revocation',
  'subject',
] as const;

/** One of {@link VERIFICATION_STEPS}. */
export type StepName = (typeof VERIFICATION_STEPS)[number];

/** What the steps have established about one token so far. */
export interface Progress {
  readonly token: unknown;
  /** `alg` and `kid`, once the header is read. */
  header?: TokenHeader;
  /** Why the header was refused after its shape passed: the `alg` or `kid` step throws it. */
  headerError?: AuthError;
  key?: VerificationKey;
  /** The claims, unchecked until the claim steps pass; set once the signature holds. */
  payload?: JWTPayload;
  /** The checked, frozen claims, once the time step passes. */
  claims?: StaffClaims;
}

/** Everything the steps read besides the token. */
interface StepContext {
  readHeader: HeaderReader;
  jwks: RemoteJwks;
  rules: ClaimRules;
  now: () => number;
  isRevoked: VerifierOptions['isRevoked'];
}

/** One step: `run` returns a promise only when it has to wait, so the common path stays lean. */
export interface Step {
  readonly name: StepName;
  run(progress: Progress): void | Promise<void>;
}

/** The steps from the token's shape through revocation; `subject` is added per call. */
export function createSteps(context: StepContext): readonly Step[] {
  const { readHeader, jwks, rules, now, isRevoked } = context;
  return [
    {
      name: 'shape',
      run(progress) {
        // One read decides the first three steps (header reads are memoised); `alg` and `kid`
        // failures are handed on to their own steps.
        try {
          progress.header = readHeader(progress.token);
        } catch (error) {
          if (!(error instanceof AuthError) || error.code === 'malformed_token') throw error;
          progress.headerError = error;
        }
      },
    },
    {
      name: 'alg',
      run(progress) {
        if (progress.headerError?.code === 'unsupported_algorithm') throw progress.headerError;
      },
    },
    {
      name: 'kid',
      run(progress) {
        if (progress.headerError !== undefined) throw progress.headerError;
      },
    },
    {
      name: 'key',
      run(progress) {
        const { alg, kid } = required(progress.header);
        const ready = jwks.readyKey(kid, alg);
        if (ready !== undefined) {
          progress.key = ready;
          return undefined;
        }
        return jwks.keyFor(kid, alg).then((key) => {
          progress.key = key;
        });
      },
    },
    {
      name: 'signature',
      async run(progress) {
        const token = progress.token as string;
        const { alg } = required(progress.header);
        let b64: unknown;
        try {
          ({
            protectedHeader: { b64 },
          } = await compactVerify(token, required(progress.key).key, { algorithms: [alg] }));
        } catch (cause) {
          throw fromJose(cause);
        }
        // RFC 7797 unencoded payloads are signed JWS, but never a JWT (RFC 7797 section 7).
        if (b64 === false) {
          throw new AuthError('malformed_token', 'The token uses an unencoded payload (b64).');
        }
        try {
          progress.payload = decodeJwt(token);
        } catch (cause) {
          throw new AuthError('malformed_token', 'The token payload is not a JSON object.', {
            cause,
          });
        }
      },
    },
    { name: 'iss', run: (progress) => checkIssuer(required(progress.payload), rules.issuer) },
    { name: 'aud', run: (progress) => checkAudience(required(progress.payload), rules.audience) },
    { name: 'sub', run: (progress) => checkSubjectClaims(required(progress.payload)) },
    {
      name: 'time',
      run(progress) {
        const payload = required(progress.payload);
        checkTimeClaims(payload, rules, now());
        // Every claim has passed: freeze them, as the token cache shares them between requests.
        progress.claims = toStaffClaims(payload);
      },
    },
    {
      name: 'revocation',
      run(progress) {
        if (isRevoked === undefined) return undefined;
        return checkRevocation(required(progress.claims), isRevoked);
      },
    },
  ];
}

/**
 * Asks the app's `isRevoked`. Fails closed: only an explicit `false` lets the token through.
 * @throws AuthError `token_revoked` or `revocation_unavailable`.
 */
export async function checkRevocation(
  claims: StaffClaims,
  isRevoked: NonNullable<VerifierOptions['isRevoked']>,
): Promise<void> {
  let revoked: unknown;
  try {
    revoked = await isRevoked(claims);
  } catch (cause) {
    throw new AuthError('revocation_unavailable', 'Token revocation could not be checked.', {
      cause,
      retryAfterSec: 1,
    });
  }
  if (revoked !== false) throw new AuthError('token_revoked', 'The token has been revoked.');
}

/** Every failure as an `AuthError`: anything unexpected fails closed as a malformed token. */
export function asAuthError(error: unknown): AuthError {
  if (error instanceof AuthError) return error;
  return new AuthError('malformed_token', 'The token could not be verified.', { cause: error });
}

/** A value an earlier step has set; the steps run in order, so it is always there. */
function required<T>(value: T | undefined): T {
  if (value === undefined) throw new TypeError('verification step run out of order');
  return value;
}

/** Maps jose's signature-check errors onto the catalogue. */
function fromJose(cause: unknown): AuthError {
  if (cause instanceof joseErrors.JWSSignatureVerificationFailed) {
    return new AuthError('invalid_signature', 'The token signature is invalid.', { cause });
  }
  if (cause instanceof joseErrors.JOSEAlgNotAllowed) {
    return new AuthError('unsupported_algorithm', 'The token algorithm is not allowed.', { cause });
  }
  if (cause instanceof joseErrors.JOSENotSupported) {
    return new AuthError('malformed_token', 'The token uses an unsupported JWS feature.', {
      cause,
    });
  }
  return new AuthError('malformed_token', 'The token is malformed.', { cause });
}
