import { type Clock, createClock } from '@partner/test-kit/clock';
import { type JwksServer, startJwksServer } from '@partner/test-kit/jwks-server';
import {
  AUDIENCE,
  createSigningKey,
  type SigningKey,
  signStaffToken,
} from '@partner/test-kit/keys';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import {
  type AuthEvent,
  createVerifier,
  type Verifier,
  type VerifierOptions,
} from '../../src/index.ts';

/** A verifier for {@link AUDIENCE} that trusts `server`; `options` add to or override that. */
function verifierFor(server: JwksServer, options: Partial<VerifierOptions> = {}): Verifier {
  return createVerifier({ jwksUrl: server.url, audience: AUDIENCE, ...options });
}

/** What {@link useJwksFixture} gives a test file; read it in tests and hooks, not at load time. */
interface JwksFixture {
  /** Key `key-a`: the one the server publishes at the start of every test. */
  a: SigningKey;
  /** Key `key-b`: not published until a test rotates it in. */
  b: SigningKey;
  /** The JWKS endpoint on 127.0.0.1, shared by the whole file. */
  server: JwksServer;
  /** A verifier for {@link AUDIENCE} that trusts `server`; `options` add to or override that. */
  createVerifier(options?: Partial<VerifierOptions>): Verifier;
  /** Such a verifier on a clock of its own, recording its events, and a signer on that clock. */
  clocked(options?: Partial<VerifierOptions>): Clocked;
}

interface Clocked {
  clock: Clock;
  events: AuthEvent[];
  verifier: Verifier;
  /** A staff token issued now by `clock`, with `claims` merged over. */
  sign(key: SigningKey, claims?: Record<string, unknown>): Promise<string>;
}

/**
 * Registers the file's hooks for a real JWKS server and two signing keys: both made once,
 * the server serving only `a` and answering normally again before each test, closed at the end.
 */
export function useJwksFixture(): Readonly<JwksFixture> {
  // The keys and the server are filled in by beforeAll, before any test runs.
  const fixture = {
    createVerifier: (options) => verifierFor(fixture.server, options),
    clocked(options = {}) {
      const clock = createClock();
      const events: AuthEvent[] = [];
      const verifier = fixture.createVerifier({
        now: clock.now,
        onEvent: (event) => events.push(event),
        ...options,
      });
      const sign = (key: SigningKey, claims: Record<string, unknown> = {}) =>
        signStaffToken(key, claims, { now: clock.seconds() });
      return { clock, events, verifier, sign };
    },
  } as JwksFixture;
  beforeAll(async () => {
    [fixture.a, fixture.b] = await Promise.all([
      createSigningKey('key-a'),
      createSigningKey('key-b'),
    ]);
    fixture.server = await startJwksServer({ keys: [fixture.a.jwk] });
  });
  beforeEach(() => {
    fixture.server.setKeys([fixture.a.jwk]);
    fixture.server.setFault(null);
  });
  afterAll(() => fixture.server.close());
  return fixture;
}

/** What {@link useVerifierFixture} gives a test file; read it in tests and hooks, not at load time. */
interface VerifierFixture {
  /** A verifier for {@link AUDIENCE} that trusts the file's JWKS server, on a fixed clock. */
  verifier: Verifier;
  /** A valid staff token (`sub` `staff-1`, `business_uid` `biz-1`) that `verifier` accepts. */
  token: string;
}

/**
 * Registers the file's hooks for a JWKS server publishing one key, a verifier pointed at it and
 * a token signed with that key; all made once for the file, the server closed at the end.
 */
export function useVerifierFixture(): Readonly<VerifierFixture> {
  const fixture = {} as VerifierFixture; // filled in by beforeAll, before any test runs
  const clock = createClock();
  let server: JwksServer;
  beforeAll(async () => {
    const key = await createSigningKey();
    server = await startJwksServer({ keys: [key.jwk] });
    fixture.verifier = verifierFor(server, { now: clock.now });
    fixture.token = await signStaffToken(key, {}, { now: clock.seconds() });
  });
  afterAll(() => server.close());
  return fixture;
}
