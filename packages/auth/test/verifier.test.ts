import { createClock } from '@partner/test-kit/clock';
import { startJwksServer } from '@partner/test-kit/jwks-server';
import { AUDIENCE, createSigningKey, signStaffToken } from '@partner/test-kit/keys';
import { describe, expect, it } from 'vitest';
import {
  AuthError,
  createVerifier,
  type VerifierOptions,
  VerifierOptionsError,
} from '../src/index.ts';
import { useJwksFixture } from './support/jwks-fixture.ts';
import { readPlatformJwks } from './support/raw-tokens.ts';
import { rejection } from './support/reject.ts';

// Keys `a` and `b` and a local JWKS server publishing `a`, reset before each test.
const fixture = useJwksFixture();

const MAX_AGE = 600_000;
const COOLDOWN = 30_000;

function setup(overrides: Partial<VerifierOptions> = {}) {
  const clocked = fixture.clocked(overrides);
  const cacheHits = () =>
    clocked.events.filter((event) => event.type === 'token_cache' && event.hit).length;
  return { ...clocked, cacheHits };
}

describe('verify', () => {
  it('returns typed, frozen claims with the raw names and derived helpers', async () => {
    const { verifier, sign, clock } = setup();
    const claims = await verifier.verify(await sign(fixture.a));
    expect(claims).toMatchObject({
      iss: 'intandem',
      aud: AUDIENCE,
      sub: 'staff-1',
      sub_type: 'staff',
      business_uid: 'biz-1',
      directory_uid: 'dir-1',
      exp: clock.seconds() + 300,
      businessUid: 'biz-1',
      directoryUid: 'dir-1',
      actor: { uid: 'staff-1', type: 'staff' },
      impersonated: false,
    });
    expect(Object.isFrozen(claims)).toBe(true);
    expect(() => {
      (claims as { sub: string }).sub = 'admin';
    }).toThrow(TypeError);
  });

  it('flags impersonation and reports who acts', async () => {
    const { verifier, sign } = setup();
    const claims = await verifier.verify(
      await sign(fixture.a, {
        actor_uid: 'support-9',
        actor_type: 'admin',
        business_uid: undefined,
      }),
    );
    expect(claims.impersonated).toBe(true);
    expect(claims.actor).toEqual({ uid: 'support-9', type: 'admin' });
    expect(claims.businessUid).toBeNull();
  });

  it('accepts a token expired by less than the clock tolerance, and not one second more', async () => {
    const { verifier, sign, clock } = setup({ tokenCacheSize: 0 });
    const token = await sign(fixture.a, { exp: clock.seconds() });
    clock.advance(4_000);
    expect((await verifier.verify(token)).sub).toBe('staff-1');
    clock.advance(1_000);
    expect((await rejection(verifier.verify(token))).code).toBe('token_expired');
  });

  it('checks the subject when asked: 403 subject_mismatch', async () => {
    const { verifier, sign } = setup();
    const token = await sign(fixture.a);
    expect((await verifier.verify(token, { subject: 'staff-1' })).sub).toBe('staff-1');
    const error = await rejection(verifier.verify(token, { subject: 'staff-2' }));
    expect(error.code).toBe('subject_mismatch');
    expect(error.status).toBe(403);
  });

  it('fails closed when isRevoked throws (503) or answers anything but false', async () => {
    const throwing = setup({
      isRevoked: () => {
        throw new Error('store down');
      },
    });
    const error = await rejection(throwing.verifier.verify(await throwing.sign(fixture.a)));
    expect(error.code).toBe('revocation_unavailable');
    expect(error.status).toBe(503);
    const sloppy = setup({ isRevoked: (() => undefined) as unknown as () => boolean });
    expect((await rejection(sloppy.verifier.verify(await sloppy.sign(fixture.a)))).code).toBe(
      'token_revoked',
    );
  });

  it('reports events for metrics without ever including the token', async () => {
    const { verifier, sign, events } = setup();
    const token = await sign(fixture.a);
    await verifier.verify(token);
    await verifier.verify(token);
    await rejection(verifier.verify(`${token}x`));
    expect(events.map((event) => event.type)).toEqual([
      'token_cache',
      'jwks_fetch',
      'jwks_cache',
      'token_verified',
      'verification',
      'token_cache',
      'token_verified',
      'verification',
      'token_cache',
      'token_rejected',
      'verification',
    ]);
    const settled = events.flatMap((event) => (event.type === 'verification' ? [event] : []));
    expect(settled.map((event) => event.ok)).toEqual([true, true, false]);
    for (const { durationMs } of settled) expect(durationMs).toBeGreaterThanOrEqual(0);
    expect(events).toContainEqual({ type: 'token_rejected', code: 'malformed_token' });
    const [, , signature = ''] = token.split('.');
    expect(JSON.stringify(events)).not.toContain(signature);
  });

  it('ignores a listener that throws', async () => {
    const { sign, clock } = setup();
    const verifier = createVerifier({
      jwksUrl: fixture.server.url,
      audience: AUDIENCE,
      now: clock.now,
      onEvent: () => {
        throw new Error('metrics down');
      },
    });
    expect((await verifier.verify(await sign(fixture.a))).sub).toBe('staff-1');
  });
});

describe("the platform's published JWKS", () => {
  it('loads all three keys and rejects tokens naming them but signed by any other key', async () => {
    const platform = readPlatformJwks();
    const platformServer = await startJwksServer(platform);
    try {
      const clock = createClock();
      const verifier = createVerifier({
        jwksUrl: platformServer.url,
        audience: AUDIENCE,
        now: clock.now,
      });
      for (const published of platform.keys) {
        const impostor = { ...fixture.a, kid: String(published.kid) };
        const error = await rejection(
          verifier.verify(await signStaffToken(impostor, {}, { now: clock.seconds() })),
        );
        // invalid_signature (not unknown_key) proves the published key was found and imported.
        expect(error.code).toBe('invalid_signature');
      }
      expect(verifier.jwksState().keyIds).toEqual(platform.keys.map((key) => key.kid));
      expect(platformServer.requests).toBe(1);
    } finally {
      await platformServer.close();
    }
  });
});

describe('verified-token cache', () => {
  it('answers a repeated token from the cache', async () => {
    const { verifier, sign, events, cacheHits } = setup();
    const token = await sign(fixture.a);
    const first = await verifier.verify(token);
    expect(await verifier.verify(token)).toBe(first);
    expect(cacheHits()).toBe(1);
    expect(events).toContainEqual({ type: 'token_verified', kid: 'key-a', cached: true });
  });

  it('never serves an entry past exp', async () => {
    const { verifier, sign, clock, cacheHits } = setup();
    const token = await sign(fixture.a);
    await verifier.verify(token);
    clock.advance(305_000);
    expect((await rejection(verifier.verify(token))).code).toBe('token_expired');
    expect((await rejection(verifier.verify(token))).code).toBe('token_expired');
    expect(cacheHits()).toBe(0);
  });

  it('re-checks nbf, maxTokenAgeSec, isRevoked and the subject on every hit', async () => {
    const revoked = new Set<string>();
    const { verifier, sign, clock } = setup({
      maxTokenAgeSec: 120,
      isRevoked: (claims) => revoked.has(String(claims.jti)),
    });
    const token = await sign(fixture.a, { jti: 'jti-1' });
    await verifier.verify(token);
    expect((await rejection(verifier.verify(token, { subject: 'staff-2' }))).code).toBe(
      'subject_mismatch',
    );
    clock.advance(126_000);
    expect((await rejection(verifier.verify(token))).code).toBe('token_too_old');
    const fresh = await sign(fixture.a, { jti: 'jti-2' });
    await verifier.verify(fresh);
    revoked.add('jti-2');
    expect((await rejection(verifier.verify(fresh))).code).toBe('token_revoked');
  });

  it('never caches a failure: the same token verifies once it becomes valid', async () => {
    const revoked = new Set(['jti-1']);
    const { verifier, sign, clock, cacheHits } = setup({
      isRevoked: (claims) => revoked.has(String(claims.jti)),
    });
    const early = await sign(fixture.a, { nbf: clock.seconds() + 60 });
    expect((await rejection(verifier.verify(early))).code).toBe('token_not_yet_valid');
    clock.advance(60_000);
    expect((await verifier.verify(early)).sub).toBe('staff-1');
    const token = await sign(fixture.a, { jti: 'jti-1' });
    await rejection(verifier.verify(token));
    revoked.clear();
    await verifier.verify(token);
    expect(cacheHits()).toBe(0);
  });

  it('evicts the least recently used token when full', async () => {
    const { verifier, sign, cacheHits } = setup({ tokenCacheSize: 2 });
    const [t1, t2, t3] = await Promise.all([sign(fixture.a), sign(fixture.a), sign(fixture.a)]);
    for (const token of [t1, t2, t1, t3]) await verifier.verify(String(token));
    expect(cacheHits()).toBe(1);
    await verifier.verify(String(t1));
    expect(cacheHits()).toBe(2);
    await verifier.verify(String(t2));
    expect(cacheHits()).toBe(2);
  });

  it('is off with tokenCacheSize 0', async () => {
    const { verifier, sign, cacheHits } = setup({ tokenCacheSize: 0 });
    const token = await sign(fixture.a);
    await verifier.verify(token);
    await verifier.verify(token);
    expect(cacheHits()).toBe(0);
  });

  it('rejects a forged variant of a cached token', async () => {
    const { verifier, sign } = setup();
    const token = await sign(fixture.a);
    await verifier.verify(token);
    const [header, payload = '', signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url');
    expect((await rejection(verifier.verify(`${header}.${forged}.${signature}`))).code).toBe(
      'invalid_signature',
    );
  });

  it('keeps answering cached tokens from stale keys during an outage, within maxStaleMs', async () => {
    const { verifier, sign, clock, cacheHits } = setup({ maxStaleMs: 60_000 });
    const token = await sign(fixture.a, { exp: clock.seconds() + 3600 });
    await verifier.verify(token);
    fixture.server.setFault({ kind: 'status', status: 500 });
    clock.advance(MAX_AGE);
    expect((await verifier.verify(token)).sub).toBe('staff-1');
    expect(cacheHits()).toBe(1);
    expect(verifier.jwksState().status).toBe('stale');
    clock.advance(60_000);
    const error = await rejection(verifier.verify(token));
    expect(error.code).toBe('jwks_unavailable');
    expect(error.retryAfterSec).toBeGreaterThan(0);
  });
});

describe('key rotation', () => {
  it('verifies a rotated-in key after one refetch', async () => {
    const { verifier, sign, clock } = setup();
    await verifier.verify(await sign(fixture.a));
    fixture.server.setKeys([fixture.a.jwk, fixture.b.jwk]);
    clock.advance(COOLDOWN);
    const before = fixture.server.requests;
    expect((await verifier.verify(await sign(fixture.b))).sub).toBe('staff-1');
    expect(fixture.server.requests - before).toBe(1);
  });

  it('stops a retired key once the key set expires, including tokens already cached', async () => {
    const { verifier, sign, clock } = setup();
    const cached = await sign(fixture.a, { exp: clock.seconds() + 3600 });
    await verifier.verify(cached);
    fixture.server.setKeys([fixture.b.jwk]);
    clock.advance(MAX_AGE - 1000);
    expect((await verifier.verify(cached)).sub).toBe('staff-1');
    clock.advance(1000);
    expect((await rejection(verifier.verify(cached))).code).toBe('unknown_key');
    expect((await rejection(verifier.verify(await sign(fixture.a)))).code).toBe('unknown_key');
    expect((await verifier.verify(await sign(fixture.b))).sub).toBe('staff-1');
  });

  it('drops cached tokens of a key that an unknown-kid refetch no longer lists', async () => {
    const { verifier, sign, clock, cacheHits } = setup();
    const cached = await sign(fixture.a);
    await verifier.verify(cached);
    fixture.server.setKeys([fixture.b.jwk]);
    clock.advance(COOLDOWN);
    await verifier.verify(await sign(fixture.b));
    expect((await rejection(verifier.verify(cached))).code).toBe('unknown_key');
    expect(cacheHits()).toBe(0);
  });
});

describe('a key replaced under the same kid', () => {
  it.each([
    ['with the token cache', {}],
    ['without it', { tokenCacheSize: 0 }],
  ])('refuses tokens of the old key once the new set is fetched, %s', async (_, options) => {
    const { verifier, sign, clock, cacheHits } = setup(options);
    const replacement = await createSigningKey(fixture.a.kid);
    const old = await sign(fixture.a, { exp: clock.seconds() + 3600 });
    await verifier.verify(old);
    fixture.server.setKeys([replacement.jwk]);
    clock.advance(MAX_AGE);
    expect((await rejection(verifier.verify(old))).code).toBe('invalid_signature');
    expect((await rejection(verifier.verify(old))).code).toBe('invalid_signature');
    expect(cacheHits()).toBe(0);
    expect((await verifier.verify(await sign(replacement))).sub).toBe('staff-1');
  });

  it('keeps serving cached tokens when a refetch publishes the same key again', async () => {
    const { verifier, sign, clock, cacheHits } = setup();
    const token = await sign(fixture.a, { exp: clock.seconds() + 3600 });
    await verifier.verify(token);
    const before = fixture.server.requests;
    clock.advance(MAX_AGE);
    expect((await verifier.verify(token)).sub).toBe('staff-1');
    expect(fixture.server.requests - before).toBe(1);
    expect(cacheHits()).toBe(1);
  });
});

describe('JWKS state and persistence', () => {
  it('reports the cache state for a health endpoint', async () => {
    const { verifier, sign, clock } = setup();
    expect(verifier.jwksState()).toEqual({
      status: 'empty',
      keyIds: [],
      fetchedAt: null,
      lastError: null,
    });
    await verifier.verify(await sign(fixture.a));
    expect(verifier.jwksState()).toEqual({
      status: 'fresh',
      keyIds: ['key-a'],
      fetchedAt: new Date(clock.now()).toISOString(),
      lastError: null,
    });
  });

  it('ensureJwks fetches a missing key set once per cooldown and reports whether it is usable', async () => {
    const { verifier, clock } = setup();
    const before = fixture.server.requests;
    expect((await verifier.ensureJwks()).status).toBe('fresh');
    expect(await verifier.ensureJwks()).toMatchObject({ status: 'fresh', keyIds: ['key-a'] });
    expect(fixture.server.requests - before).toBe(1);

    fixture.server.setFault({ kind: 'status', status: 500 });
    clock.advance(MAX_AGE);
    // Stale but inside maxStaleMs: still usable, and the failed refetch is not retried at once.
    expect((await verifier.ensureJwks()).status).toBe('stale');
    expect((await verifier.ensureJwks()).status).toBe('stale');
    expect(fixture.server.requests - before).toBe(2);
  });

  it('ensureJwks reports failing, without throwing, when no key set can be had', async () => {
    const { verifier } = setup();
    fixture.server.setFault({ kind: 'status', status: 503 });
    const state = await verifier.ensureJwks();
    expect(state.status).toBe('failing');
    expect(state.lastError).toMatch(/503/);
  });

  it('seeds a new verifier from an exported key set, so a cold start makes no request', async () => {
    const first = setup();
    const token = await first.sign(fixture.a);
    await first.verifier.verify(token);
    const snapshot = first.verifier.exportJwks();
    expect(snapshot).not.toBeNull();
    const before = fixture.server.requests;
    const second = createVerifier({
      jwksUrl: fixture.server.url,
      audience: AUDIENCE,
      now: first.clock.now,
      initialJwks: JSON.parse(JSON.stringify(snapshot)),
    });
    expect((await second.verify(token)).sub).toBe('staff-1');
    expect(fixture.server.requests).toBe(before);
    expect(second.jwksState()).toMatchObject({ status: 'fresh', fetchedAt: snapshot?.fetchedAt });
  });

  it('does not let a snapshot dated in the future outlive cacheMaxAgeMs', async () => {
    const clock = createClock();
    const verifier = createVerifier({
      jwksUrl: fixture.server.url,
      audience: AUDIENCE,
      now: clock.now,
      initialJwks: {
        jwks: { keys: [fixture.a.jwk] },
        fetchedAt: new Date(clock.now() + 86_400_000).toISOString(),
      },
    });
    expect(verifier.jwksState().fetchedAt).toBe(new Date(clock.now()).toISOString());
  });

  it.each([
    ['no fetch time', { jwks: { keys: [] } }],
    ['a bad date', { jwks: { keys: [] }, fetchedAt: 'yesterday' }],
    ['no usable key', { jwks: { keys: [] }, fetchedAt: new Date().toISOString() }],
    ['no key set', { fetchedAt: new Date().toISOString() }],
  ])('refuses an initialJwks with %s at construction', (_, snapshot) => {
    expect(() =>
      createVerifier({
        jwksUrl: fixture.server.url,
        audience: AUDIENCE,
        initialJwks: snapshot as unknown as VerifierOptions['initialJwks'] & object,
      }),
    ).toThrow(VerifierOptionsError);
  });
});

describe('errors', () => {
  it('throws nothing but AuthError, whatever the input', async () => {
    const { verifier } = setup();
    for (const input of [undefined, null, 42, {}, [], Symbol('x'), 'a.b.c']) {
      const outcome = await verifier.verify(input as string).catch((error: unknown) => error);
      expect(outcome).toBeInstanceOf(AuthError);
    }
  });
});
