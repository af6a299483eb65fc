import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  type JWTPayload,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import { AuthError } from './errors.ts';

export interface VerifierOptions {
  /** The platform's JWKS URL. */
  jwksUrl: string | URL;
  /** This app's code name: the token's `aud` must equal it. */
  audience: string;
  /** Expected `iss`. */
  issuer?: string;
}

export interface StaffClaims extends JWTPayload {
  sub: string;
  aud: string;
  iss: string;
  exp: number;
  iat: number;
  sub_type?: string;
  business_uid?: string;
  directory_uid?: string;
  actor_uid?: string;
  actor_type?: string;
}

export interface Verifier {
  verify(token: string): Promise<StaffClaims>;
}

/** Create once per process: it holds the JWKS cache. */
export function createVerifier(options: VerifierOptions): Verifier {
  const jwks = createRemoteJWKSet(new URL(options.jwksUrl));
  const issuer = options.issuer ?? 'intandem';

  return {
    async verify(token) {
      let kid: unknown;
      try {
        kid = decodeProtectedHeader(token).kid;
      } catch (cause) {
        throw new AuthError('malformed_token', 'The token is not a compact JWS.', { cause });
      }
      if (typeof kid !== 'string' || kid === '') {
        throw new AuthError('missing_kid', 'The token header has no key id (kid).');
      }
      try {
        const { payload } = await jwtVerify(token, jwks, {
          algorithms: ['RS256'],
          audience: options.audience,
          issuer,
          requiredClaims: ['exp', 'iat', 'sub'],
        });
        return payload as StaffClaims;
      } catch (cause) {
        throw toAuthError(cause);
      }
    },
  };
}

function toAuthError(cause: unknown): AuthError {
  if (cause instanceof joseErrors.JWTExpired) {
    return new AuthError('token_expired', 'The token has expired.', { cause });
  }
  if (cause instanceof joseErrors.JWTClaimValidationFailed) {
    if (cause.claim === 'aud') {
      return new AuthError('invalid_audience', 'The token is for another app.', { cause });
    }
    if (cause.claim === 'iss') {
      return new AuthError('invalid_issuer', 'The token has the wrong issuer.', { cause });
    }
    return new AuthError('invalid_subject', `The token's "${cause.claim}" claim is invalid.`, {
      cause,
    });
  }
  if (cause instanceof joseErrors.JWKSNoMatchingKey) {
    return new AuthError('unknown_key', 'No published key matches the token.', { cause });
  }
  if (cause instanceof joseErrors.JWSSignatureVerificationFailed) {
    return new AuthError('invalid_signature', 'The token signature is invalid.', { cause });
  }
  if (cause instanceof joseErrors.JOSEAlgNotAllowed) {
    return new AuthError('unsupported_algorithm', 'The token algorithm is not allowed.', {
      cause,
    });
  }
  if (cause instanceof joseErrors.JWTInvalid || cause instanceof joseErrors.JWSInvalid) {
    return new AuthError('malformed_token', 'The token is malformed.', { cause });
  }
  // Anything else comes from fetching the key set: timeout, HTTP error, bad JSON.
  return new AuthError('jwks_unavailable', 'The platform keys could not be fetched.', { cause });
}
