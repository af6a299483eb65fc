import { randomUUID } from 'node:crypto';
import { createClock } from '@partner/test-kit/clock';
import { signStaffToken } from '@partner/test-kit/keys';
import { describe, expect, it } from 'vitest';
import type { AuthEvent } from '../src/index.ts';
import { useJwksFixture } from './support/jwks-fixture.ts';

// Keys `a` and `b` and a local JWKS server publishing `a`, reset before each test.
const fixture = useJwksFixture();

const COOLDOWN = 30_000;

function setup() {
  const clock = createClock();
  const fetchedAt: number[] = [];
  const verifier = fixture.createVerifier({
    now: clock.now,
    onEvent: (event: AuthEvent) => {
      if (event.type === 'jwks_fetch') fetchedAt.push(clock.now());
    },
  });
  return { clock, verifier, fetchedAt };
}

/** A well-formed token naming `kid`; its signature never gets checked, as no key matches. */
function tokenWithKid(template: string, kid: string): string {
  const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid, typ: 'JWT' })).toString(
    'base64url',
  );
  return `${header}${template.slice(template.indexOf('.'))}`;
}

describe('concurrency', () => {
  it('1,000 concurrent verifies of a rotated-in kid cause exactly one JWKS request', async () => {
    const { clock, verifier } = setup();
    await verifier.verify(await signStaffToken(fixture.a, {}, { now: clock.seconds() }));
    fixture.server.setKeys([fixture.a.jwk, fixture.b.jwk]);
    clock.advance(COOLDOWN);
    const token = await signStaffToken(fixture.b, {}, { now: clock.seconds() });
    const before = fixture.server.requests;
    const results = await Promise.all(Array.from({ length: 1000 }, () => verifier.verify(token)));
    expect(fixture.server.requests - before).toBe(1);
    expect(results.every((claims) => claims.sub === 'staff-1')).toBe(true);
  });

  it('1,000 concurrent verifies of one unknown kid on a cold verifier cause exactly one request', async () => {
    const { clock, verifier } = setup();
    const token = tokenWithKid(
      await signStaffToken(fixture.a, {}, { now: clock.seconds() }),
      'never-published',
    );
    const before = fixture.server.requests;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 1000 }, () => verifier.verify(token)),
    );
    expect(fixture.server.requests - before).toBe(1);
    expect(outcomes.every((o) => o.status === 'rejected' && o.reason.code === 'unknown_key')).toBe(
      true,
    );
  });

  it('10,000 tokens with random kids over a simulated minute cause at most one request per cooldown', async () => {
    const { clock, verifier, fetchedAt } = setup();
    const template = await signStaffToken(fixture.a, {}, { now: clock.seconds() });
    const start = clock.now();
    const before = fixture.server.requests;
    // 100 bursts of 100 concurrent tokens, 600 ms apart: 10,000 tokens in 60 s.
    for (let burst = 0; burst < 100; burst += 1) {
      const tokens = Array.from({ length: 100 }, () => tokenWithKid(template, randomUUID()));
      const outcomes = await Promise.allSettled(tokens.map((token) => verifier.verify(token)));
      expect(
        outcomes.every((o) => o.status === 'rejected' && o.reason.code === 'unknown_key'),
      ).toBe(true);
      clock.advance(600);
    }
    expect(clock.now() - start).toBe(60_000);
    const requests = fixture.server.requests - before;
    expect(requests).toBeLessThanOrEqual(3);
    expect(requests).toBe(fetchedAt.length);
    for (let i = 1; i < fetchedAt.length; i += 1) {
      expect((fetchedAt[i] ?? 0) - (fetchedAt[i - 1] ?? 0)).toBeGreaterThanOrEqual(COOLDOWN);
    }
    // The real key keeps working through the flood.
    expect(
      (await verifier.verify(await signStaffToken(fixture.a, {}, { now: clock.seconds() }))).sub,
    ).toBe('staff-1');
  });
});
