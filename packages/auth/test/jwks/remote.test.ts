import { createClock } from '@partner/test-kit/clock';
import type { Fault } from '@partner/test-kit/jwks-server';
import { refusedUrl } from '@partner/test-kit/ports';
import { describe, expect, it } from 'vitest';
import { AuthError, JwksFetchError } from '../../src/errors.ts';
import type { AuthEvent } from '../../src/events.ts';
import { KeySet } from '../../src/jwks/keys.ts';
import { RemoteJwks, type RemoteJwksOptions } from '../../src/jwks/remote.ts';
import { useJwksFixture } from '../support/jwks-fixture.ts';
import { rejection } from '../support/reject.ts';

// Keys `a` and `b` and a local JWKS server publishing `a`, reset before each test.
const fixture = useJwksFixture();

const MAX_AGE = 600_000;
const COOLDOWN = 30_000;
const MAX_STALE = 3_600_000;

function setup(overrides: Partial<RemoteJwksOptions> = {}) {
  const clock = createClock();
  const events: AuthEvent[] = [];
  const replaced: KeySet[] = [];
  const jwks = new RemoteJwks({
    url: new URL(fixture.server.url),
    fetch: globalThis.fetch,
    timeoutMs: 300,
    maxBytes: 64 * 1024,
    cacheMaxAgeMs: MAX_AGE,
    cooldownMs: COOLDOWN,
    maxStaleMs: MAX_STALE,
    now: clock.now,
    emit: (event) => events.push(event),
    onReplaced: (set) => replaced.push(set),
    initial: undefined,
    ...overrides,
  });
  const fetches = () => events.filter((event) => event.type === 'jwks_fetch');
  return { clock, events, replaced, jwks, fetches };
}

describe('RemoteJwks: caching', () => {
  it('fetches on first use, then serves from memory until the set is older than cacheMaxAgeMs', async () => {
    const { jwks, clock, fetches, events } = setup();
    const before = fixture.server.requests;
    expect((await jwks.keyFor('key-a', 'RS256')).key.type).toBe('public');
    expect(fetches()).toEqual([
      expect.objectContaining({ ok: true, reason: 'initial', httpStatus: 200, keyCount: 1 }),
    ]);
    clock.advance(MAX_AGE - 1);
    await jwks.keyFor('key-a', 'RS256');
    expect(fixture.server.requests - before).toBe(1);
    expect(events).toContainEqual({ type: 'jwks_cache', hit: true, kid: 'key-a' });
    clock.advance(1);
    await jwks.keyFor('key-a', 'RS256');
    expect(fixture.server.requests - before).toBe(2);
    expect(fetches()[1]).toMatchObject({ ok: true, reason: 'expired' });
  });

  it('shares one request between concurrent callers', async () => {
    const { jwks } = setup();
    const before = fixture.server.requests;
    fixture.server.hold();
    const pending = Array.from({ length: 50 }, () => jwks.keyFor('key-a', 'RS256'));
    await expect.poll(() => fixture.server.requests - before).toBe(1);
    fixture.server.release();
    const keys = await Promise.all(pending);
    expect(new Set(keys).size).toBe(1);
    expect(fixture.server.requests - before).toBe(1);
  });

  it('refetches once for an unknown kid, then not again within the cooldown', async () => {
    const { jwks, clock, fetches, events } = setup();
    await jwks.keyFor('key-a', 'RS256');
    clock.advance(COOLDOWN);
    expect((await rejection(jwks.keyFor('nope-1', 'RS256'))).code).toBe('unknown_key');
    expect(events).toContainEqual({ type: 'jwks_cache', hit: false, kid: 'nope-1' });
    expect(fetches().map((event) => event.reason)).toEqual(['initial', 'unknown_kid']);
    clock.advance(COOLDOWN - 1);
    expect((await rejection(jwks.keyFor('nope-2', 'RS256'))).code).toBe('unknown_key');
    expect(fetches()).toHaveLength(2);
    clock.advance(1);
    await rejection(jwks.keyFor('nope-3', 'RS256'));
    expect(fetches()).toHaveLength(3);
  });

  it('picks up a rotated-in key with one refetch and tells the verifier the set changed', async () => {
    const { jwks, clock, replaced } = setup();
    await jwks.keyFor('key-a', 'RS256');
    fixture.server.setKeys([fixture.a.jwk, fixture.b.jwk]);
    clock.advance(COOLDOWN);
    expect((await jwks.keyFor('key-b', 'RS256')).key.type).toBe('public');
    expect(replaced.map((set) => set.usableKids)).toEqual([['key-a'], ['key-a', 'key-b']]);
  });

  it('does not refetch for a kid the set lists but cannot use', async () => {
    const { jwks, clock, fetches } = setup();
    fixture.server.setKeys([fixture.a.jwk, { ...fixture.b.jwk, use: 'enc' }]);
    await jwks.keyFor('key-a', 'RS256');
    clock.advance(COOLDOWN);
    expect((await rejection(jwks.keyFor('key-b', 'RS256'))).code).toBe('unknown_key');
    expect(fetches()).toHaveLength(1);
  });

  it('never lets a late, older response replace a newer key set', async () => {
    // A custom fetch that ignores abort: the first request answers only after a newer one did.
    let answerFirst: (response: Response) => void = () => {};
    let calls = 0;
    const lateFirst: typeof fetch = (input, init) => {
      calls += 1;
      if (calls === 1) return new Promise<Response>((resolve) => (answerFirst = resolve));
      return globalThis.fetch(input, init);
    };
    const { jwks, clock } = setup({ fetch: lateFirst, timeoutMs: 50 });
    expect((await rejection(jwks.keyFor('key-a', 'RS256'))).code).toBe('jwks_unavailable');
    fixture.server.setKeys([fixture.b.jwk]);
    clock.advance(COOLDOWN);
    await jwks.keyFor('key-b', 'RS256');
    answerFirst(Response.json({ keys: [fixture.a.jwk] }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(jwks.state().keyIds).toEqual(['key-b']);
    expect((await rejection(jwks.keyFor('key-a', 'RS256'))).code).toBe('unknown_key');
  });
});

describe('RemoteJwks: endpoint failures', () => {
  const cases: [string, Fault, string][] = [
    ['never answers', { kind: 'hang' }, 'timeout'],
    ['answers 500', { kind: 'status', status: 500 }, 'http_status'],
    ['answers 404', { kind: 'status', status: 404 }, 'http_status'],
    [
      'sends invalid JSON',
      { kind: 'body', body: '{"keys":', contentType: 'application/json' },
      'not_json',
    ],
    [
      'sends HTML',
      { kind: 'body', body: '<!doctype html><p>down</p>', contentType: 'text/html' },
      'not_json',
    ],
    [
      'streams a body over the cap',
      { kind: 'drip', chunkBytes: 4096, chunks: 40, intervalMs: 5 },
      'too_large',
    ],
    ['redirects', { kind: 'redirect', location: 'https://attacker.example/jwks.json' }, 'redirect'],
    [
      'sends empty keys',
      { kind: 'body', body: '{"keys":[]}', contentType: 'application/json' },
      'invalid_set',
    ],
    [
      'sends a JSON array',
      { kind: 'body', body: '[]', contentType: 'application/json' },
      'invalid_set',
    ],
  ];

  it.each(cases)(
    'with no cached set, an endpoint that %s gives 503 jwks_unavailable and a distinct event',
    async (_, fault, reason) => {
      fixture.server.setFault(fault);
      const { jwks, fetches } = setup();
      const error = await rejection(jwks.keyFor('key-a', 'RS256'));
      expect(error.code).toBe('jwks_unavailable');
      expect(error.status).toBe(503);
      expect(error.retryAfterSec).toBe(COOLDOWN / 1000);
      expect(error.cause).toBeInstanceOf(JwksFetchError);
      expect((error.cause as JwksFetchError).reason).toBe(reason);
      expect(error.message).toContain((error.cause as JwksFetchError).message);
      expect(fetches()).toEqual([
        expect.objectContaining({ ok: false, failure: reason, reason: 'initial' }),
      ]);
      expect(jwks.state()).toMatchObject({ status: 'failing', keyIds: [], fetchedAt: null });
    },
  );

  it('a set whose only keys are for encryption is unusable', async () => {
    fixture.server.setKeys([{ ...fixture.a.jwk, use: 'enc' }]);
    const { jwks } = setup();
    const error = await rejection(jwks.keyFor('key-a', 'RS256'));
    expect((error.cause as JwksFetchError).reason).toBe('invalid_set');
  });

  it('a refused connection is a network failure', async () => {
    const { jwks } = setup({ url: new URL(await refusedUrl()) });
    const error = await rejection(jwks.keyFor('key-a', 'RS256'));
    expect((error.cause as JwksFetchError).reason).toBe('network');
  });

  it('after a failure, waits out the cooldown before asking again and says when to retry', async () => {
    fixture.server.setFault({ kind: 'status', status: 503 });
    const { jwks, clock } = setup();
    const before = fixture.server.requests;
    await rejection(jwks.keyFor('key-a', 'RS256'));
    clock.advance(10_000);
    const error = await rejection(jwks.keyFor('key-a', 'RS256'));
    expect(error.retryAfterSec).toBe(20);
    expect(fixture.server.requests - before).toBe(1);
    fixture.server.setFault(null);
    clock.advance(20_000);
    expect((await jwks.keyFor('key-a', 'RS256')).key.type).toBe('public');
    expect(fixture.server.requests - before).toBe(2);
  });

  it('keeps verifying with cached keys while the endpoint fails, up to maxStaleMs', async () => {
    const { jwks, clock, events } = setup();
    await jwks.keyFor('key-a', 'RS256');
    fixture.server.setFault({ kind: 'status', status: 500 });
    clock.advance(MAX_AGE);
    expect((await jwks.keyFor('key-a', 'RS256')).key.type).toBe('public');
    expect(events).toContainEqual({ type: 'jwks_stale', ageMs: MAX_AGE });
    expect(jwks.state()).toMatchObject({ status: 'stale', keyIds: ['key-a'] });
    expect(jwks.state().lastError).toMatch(/HTTP 500/);
    clock.advance(MAX_STALE - 1);
    expect((await jwks.keyFor('key-a', 'RS256')).key.type).toBe('public');
  });

  it('stops serving cached keys past maxStaleMs with 503 and Retry-After', async () => {
    const { jwks, clock } = setup();
    await jwks.keyFor('key-a', 'RS256');
    fixture.server.setFault({ kind: 'status', status: 500 });
    clock.advance(MAX_AGE + MAX_STALE);
    const error = await rejection(jwks.keyFor('key-a', 'RS256'));
    expect(error.code).toBe('jwks_unavailable');
    expect(error.retryAfterSec).toBe(COOLDOWN / 1000);
    expect(jwks.state().status).toBe('failing');
  });

  it('never uses stale keys for an unknown kid: an outage is 503, not a guess', async () => {
    const { jwks, clock } = setup();
    await jwks.keyFor('key-a', 'RS256');
    fixture.server.setFault({ kind: 'hang' });
    clock.advance(COOLDOWN);
    expect((await rejection(jwks.keyFor('key-b', 'RS256'))).code).toBe('jwks_unavailable');
    expect((await jwks.keyFor('key-a', 'RS256')).key.type).toBe('public');
  });

  it('recovers when the endpoint comes back', async () => {
    const { jwks, clock } = setup();
    await jwks.keyFor('key-a', 'RS256');
    fixture.server.setFault({ kind: 'status', status: 500 });
    clock.advance(MAX_AGE);
    await jwks.keyFor('key-a', 'RS256');
    fixture.server.setFault(null);
    clock.advance(COOLDOWN);
    await jwks.keyFor('key-a', 'RS256');
    expect(jwks.state()).toMatchObject({ status: 'fresh', lastError: null });
  });
});

describe('RemoteJwks: state and persistence', () => {
  it('reports empty, then fresh, then stale', async () => {
    const { jwks, clock } = setup();
    expect(jwks.state()).toEqual({ status: 'empty', keyIds: [], fetchedAt: null, lastError: null });
    await jwks.keyFor('key-a', 'RS256');
    expect(jwks.state()).toEqual({
      status: 'fresh',
      keyIds: ['key-a'],
      fetchedAt: new Date(clock.now()).toISOString(),
      lastError: null,
    });
    clock.advance(MAX_AGE);
    expect(jwks.state().status).toBe('stale');
  });

  it('exports nothing before the first fetch, then the published set and its fetch time', async () => {
    const { jwks, clock } = setup();
    expect(jwks.export()).toBeNull();
    await jwks.keyFor('key-a', 'RS256');
    expect(jwks.export()).toEqual({
      jwks: { keys: [fixture.a.jwk] },
      fetchedAt: new Date(clock.now()).toISOString(),
    });
  });

  it('serves a seeded set without a request until it expires', async () => {
    const clock = createClock();
    const { jwks, fetches } = setup({
      now: clock.now,
      initial: {
        set: KeySet.parse({ keys: [fixture.a.jwk] }),
        fetchedAt: clock.now() - MAX_AGE + 1000,
      },
    });
    const before = fixture.server.requests;
    await jwks.keyFor('key-a', 'RS256');
    expect(fixture.server.requests - before).toBe(0);
    clock.advance(1000);
    await jwks.keyFor('key-a', 'RS256');
    expect(fetches()).toEqual([expect.objectContaining({ ok: true, reason: 'expired' })]);
  });

  it('refetches at once when a seeded set lacks the kid', async () => {
    fixture.server.setKeys([fixture.a.jwk, fixture.b.jwk]);
    const clock = createClock();
    const { jwks, fetches } = setup({
      now: clock.now,
      initial: { set: KeySet.parse({ keys: [fixture.a.jwk] }), fetchedAt: clock.now() },
    });
    expect((await jwks.keyFor('key-b', 'RS256')).key.type).toBe('public');
    expect(fetches()).toEqual([expect.objectContaining({ ok: true, reason: 'unknown_kid' })]);
  });

  it('wraps an error thrown by a custom fetch as a network failure, never letting it escape', async () => {
    const throwing: typeof fetch = () => {
      throw new Error('boom');
    };
    const { jwks } = setup({ fetch: throwing });
    const error = await rejection(jwks.keyFor('key-a', 'RS256'));
    expect(error).toBeInstanceOf(AuthError);
    expect((error.cause as JwksFetchError).reason).toBe('network');
  });
});
