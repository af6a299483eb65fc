import { describe, expect, it } from 'vitest';
import { VERIFICATION_STEPS, type VerifierOptions } from '../src/index.ts';
import { useJwksFixture } from './support/jwks-fixture.ts';

// Keys `a` and `b` and a local JWKS server publishing `a`, reset before each test.
const fixture = useJwksFixture();

const setup = (overrides: Partial<VerifierOptions> = {}) => fixture.clocked(overrides);

describe('verifier.explain', () => {
  it('reports every step of an accepted token, with the key and the clock skew', async () => {
    const { verifier, sign, clock } = setup();
    const token = await sign(fixture.a, { iat: clock.seconds() - 2 });
    const report = await verifier.explain(token);
    expect(report.ok).toBe(true);
    expect(report.error).toBeNull();
    expect(report.steps.map((step) => step.step)).toEqual(
      VERIFICATION_STEPS.filter((step) => step !== 'subject'),
    );
    expect(report.steps.every((step) => step.ok && step.error === undefined)).toBe(true);
    expect(report.key?.kid).toBe('key-a');
    expect(report.key?.thumbprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(report.clockSkewSec).toBe(2);
    expect(report.header).toMatchObject({ alg: 'RS256', kid: 'key-a' });
    expect(report.claims).toMatchObject({ sub: 'staff-1', aud: 'demo-app' });
    expect(report.checkedAt).toBe(new Date(clock.now()).toISOString());
    const time = report.steps.find((step) => step.step === 'time');
    expect(time?.detail).toContain('lifetime 302 s of at most 3600 s');
  });

  it('never holds the signature or the whole token', async () => {
    const { verifier, sign } = setup();
    const token = await sign(fixture.a);
    const signature = token.split('.')[2] ?? '';
    for (const candidate of [token, `${token.slice(0, -4)}AAAA`]) {
      const text = JSON.stringify(await verifier.explain(candidate));
      expect(text).not.toContain(signature.slice(0, 40));
      expect(text).not.toContain(candidate);
    }
  });

  it('names an impersonating actor and checks a subject when asked', async () => {
    const { verifier, sign } = setup();
    const token = await sign(fixture.a, { actor_uid: 'support-7' });
    const mine = await verifier.explain(token, { subject: 'staff-1' });
    expect(mine.ok).toBe(true);
    expect(mine.steps.find((step) => step.step === 'sub')?.detail).toContain('"support-7"');
    const theirs = await verifier.explain(token, { subject: 'staff-2' });
    expect(theirs.steps.at(-1)).toMatchObject({
      step: 'subject',
      ok: false,
      error: { code: 'subject_mismatch', status: 403 },
    });
  });

  it('neither reads nor fills the token cache, and emits no token events', async () => {
    const { verifier, sign, events } = setup();
    const token = await sign(fixture.a);
    await verifier.explain(token);
    await verifier.explain(`${token}x`);
    expect(events.filter((event) => event.type.startsWith('token_'))).toEqual([]);
    await verifier.verify(token);
    expect(events).toContainEqual({ type: 'token_cache', hit: false });
    // A token verify has cached is still checked in full.
    const report = await verifier.explain(token);
    expect(report.steps).toHaveLength(VERIFICATION_STEPS.length - 1);
    expect(events.filter((event) => event.type === 'token_cache' && event.hit)).toEqual([]);
  });

  it('reports an unreachable JWKS at the key step with its 503', async () => {
    const { verifier, sign } = setup();
    fixture.server.setFault({ kind: 'status', status: 500 });
    const report = await verifier.explain(await sign(fixture.a));
    expect(report.steps.at(-1)).toMatchObject({
      step: 'key',
      ok: false,
      error: { code: 'jwks_unavailable', status: 503 },
    });
    expect(report.key).toBeNull();
  });

  it('reports a token issued ahead of the clock as a negative skew, within the tolerance', async () => {
    const { verifier, sign, clock } = setup();
    const ahead = await sign(fixture.a, { iat: clock.seconds() + 4 });
    expect(await verifier.explain(ahead)).toMatchObject({ ok: true, clockSkewSec: -4 });
    const beyond = await sign(fixture.a, { iat: clock.seconds() + 30 });
    const report = await verifier.explain(beyond);
    expect(report).toMatchObject({ ok: false, clockSkewSec: -30 });
    expect(report.error?.code).toBe('token_not_yet_valid');
  });

  it('answers, never throws, for input that is not a token', async () => {
    const { verifier } = setup();
    const report = await verifier.explain(42 as unknown as string);
    expect(report).toMatchObject({ ok: false, header: null, claims: null, key: null });
    expect(report.steps).toEqual([
      expect.objectContaining({ step: 'shape', ok: false, error: expect.anything() }),
    ]);
  });
});
