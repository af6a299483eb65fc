import { createClock } from '@partner/test-kit/clock';
import { type JwksServer, startJwksServer } from '@partner/test-kit/jwks-server';
import { AUDIENCE, createSigningKey, signStaffToken } from '@partner/test-kit/keys';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier, type Verifier } from '../src/index.ts';
import { rejection } from './support/reject.ts';

const RUNS = 10_000;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ';

let server: JwksServer;
let verifier: Verifier;
let valid: string;

beforeAll(async () => {
  const clock = createClock();
  const key = await createSigningKey('fuzz-key');
  server = await startJwksServer({ keys: [key.jwk] });
  verifier = createVerifier({ jwksUrl: server.url, audience: AUDIENCE, now: clock.now });
  valid = await signStaffToken(key, {}, { now: clock.seconds() });
  await verifier.verify(valid);
});
afterAll(() => server.close());

const char = fc.constantFrom(...ALPHABET.split(''));

/** One edit of the token string; several edits are chained per run. */
const edit = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), char }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), char }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap-segments' as const), i: fc.nat(2), j: fc.nat(2) }),
  fc.record({ kind: fc.constant('flip-case' as const), at: fc.nat() }),
);

type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function apply(token: string, change: Edit): string {
  const at = 'at' in change ? change.at % Math.max(1, token.length) : 0;
  switch (change.kind) {
    case 'replace':
      return token.slice(0, at) + change.char + token.slice(at + 1);
    case 'insert':
      return token.slice(0, at) + change.char + token.slice(at);
    case 'delete':
      return token.slice(0, at) + token.slice(at + 1);
    case 'truncate':
      return token.slice(0, at);
    case 'swap-segments': {
      const parts = token.split('.');
      const a = parts[change.i];
      const b = parts[change.j];
      if (a === undefined || b === undefined) return token;
      parts[change.i] = b;
      parts[change.j] = a;
      return parts.join('.');
    }
    case 'flip-case': {
      const c = token.charAt(at);
      const flipped = c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase();
      return token.slice(0, at) + flipped + token.slice(at + 1);
    }
  }
}

describe('fuzzing mutations of a valid token', () => {
  it(`rejects ${RUNS} random mutations with an AuthError, never accepting one`, async () => {
    const codes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
        const mutated = edits.reduce(apply, valid);
        fc.pre(mutated !== valid);
        codes.add((await rejection(verifier.verify(mutated))).code);
      }),
      { numRuns: RUNS },
    );
    // The mutations reach every stage of verification, not just the shape check.
    expect([...codes]).toEqual(
      expect.arrayContaining(['malformed_token', 'invalid_signature', 'unsupported_algorithm']),
    );
  }, 60_000);
});
