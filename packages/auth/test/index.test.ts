import { describe, expect, it } from 'vitest';
import * as auth from '../src/index.ts';
import * as next from '../src/next.ts';

// The names other packages import; renaming one breaks apps/api.
describe('public entry points', () => {
  it('@partner/auth exports the verifier, adapters and error catalogue', () => {
    for (const name of [
      'createVerifier',
      'authenticate',
      'toResponse',
      'AuthError',
      'AUTH_ERROR_CODES',
      'JwksFetchError',
      'VerifierOptionsError',
      'VERIFICATION_STEPS',
    ]) {
      expect(auth, name).toHaveProperty(name);
    }
  });

  it('@partner/auth/next exports withAuth', () => {
    expect(typeof next.withAuth).toBe('function');
  });

  it('a verifier has verify, explain, jwksState, ensureJwks and exportJwks', () => {
    const verifier = auth.createVerifier({
      jwksUrl: 'https://example.com/jwks.json',
      audience: 'demo-app',
    });
    expect(typeof verifier.verify).toBe('function');
    expect(typeof verifier.explain).toBe('function');
    expect(typeof verifier.ensureJwks).toBe('function');
    expect(verifier.jwksState().status).toBe('empty');
    expect(verifier.exportJwks()).toBeNull();
  });
});
