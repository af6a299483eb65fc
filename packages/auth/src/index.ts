export { AUTH_ERROR_CODES, AuthError, type AuthErrorCode } from './errors.ts';
export { authenticate, toResponse } from './http.ts';
export {
  createVerifier,
  type StaffClaims,
  type Verifier,
  type VerifierOptions,
} from './verifier.ts';
