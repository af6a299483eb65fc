import {
  type DataPoint,
  type Histogram,
  MeterProvider,
  type MetricData,
  MetricReader,
} from '@opentelemetry/sdk-metrics';
import { AuthError, createVerifier, type Verifier } from '@partner/auth';
import { JWKS_PATH, type JwksServer, startJwksServer } from '@partner/test-kit/jwks-server';
import { createSigningKey, type SigningKey, signStaffToken } from '@partner/test-kit/keys';
import { refusedUrl } from '@partner/test-kit/ports';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUTH_METRICS, createAuthMetrics } from '../../src/lib/metrics.ts';

/** Keeps every metric in memory until the test collects it. */
class InMemoryReader extends MetricReader {
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

const AUDIENCE = 'acme-notes';

let key: SigningKey;
let jwks: JwksServer;
let reader: InMemoryReader;
let provider: MeterProvider;

beforeEach(async () => {
  key = await createSigningKey();
  jwks = await startJwksServer({ keys: [key.jwk] });
  reader = new InMemoryReader();
  provider = new MeterProvider({ readers: [reader] });
});

afterEach(async () => {
  await provider.shutdown();
  await jwks.close();
});

/** A verifier whose events feed the metrics, as `lib/auth.ts` wires it. */
function instrumentedVerifier(jwksUrl: string): Verifier {
  let verifier: Verifier | undefined;
  const metrics = createAuthMetrics(() => verifier?.jwksState(), provider.getMeter('test'));
  verifier = createVerifier({ jwksUrl, audience: AUDIENCE, onEvent: metrics.record });
  return verifier;
}

async function collect(): Promise<Map<string, MetricData>> {
  const { resourceMetrics, errors } = await reader.collect();
  expect(errors).toEqual([]);
  const all = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics);
  return new Map(all.map((metric) => [metric.descriptor.name, metric]));
}

function points(metric: MetricData | undefined): DataPoint<unknown>[] {
  expect(metric).toBeDefined();
  return (metric?.dataPoints ?? []) as DataPoint<unknown>[];
}

describe('auth metrics', () => {
  it('counts verifications by result and code, and times each one', async () => {
    const verifier = instrumentedVerifier(jwks.url);
    const token = await signStaffToken(key, { aud: AUDIENCE });
    await verifier.verify(token);
    await verifier.verify(token);
    await expect(verifier.verify(await signStaffToken(key, { aud: 'other-app' }))).rejects.toThrow(
      AuthError,
    );
    await expect(verifier.verify('not-a-token')).rejects.toThrow(AuthError);

    const metrics = await collect();
    const counts = points(metrics.get(AUTH_METRICS.verifications)).map((point) => ({
      attributes: point.attributes,
      value: point.value,
    }));
    expect(counts).toEqual(
      expect.arrayContaining([
        { attributes: { 'auth.result': 'accepted', 'auth.cached': false }, value: 1 },
        { attributes: { 'auth.result': 'accepted', 'auth.cached': true }, value: 1 },
        { attributes: { 'auth.result': 'rejected', 'auth.code': 'invalid_audience' }, value: 1 },
        { attributes: { 'auth.result': 'rejected', 'auth.code': 'malformed_token' }, value: 1 },
      ]),
    );
    expect(counts).toHaveLength(4);

    const durations = points(metrics.get(AUTH_METRICS.verificationDuration));
    const byResult = Object.fromEntries(
      durations.map((point) => [point.attributes['auth.result'], point.value as Histogram]),
    );
    expect(byResult.accepted?.count).toBe(2);
    expect(byResult.rejected?.count).toBe(2);
    expect(byResult.accepted?.sum).toBeGreaterThan(0);
    expect(metrics.get(AUTH_METRICS.verificationDuration)?.descriptor.unit).toBe('s');
  });

  it('counts JWKS fetches by outcome and reports the key set age', async () => {
    const verifier = instrumentedVerifier(jwks.url);
    await verifier.verify(await signStaffToken(key, { aud: AUDIENCE }));
    // A kid the set lacks, within the cooldown the first fetch started: refused with no request.
    await expect(
      verifier.verify(
        await signStaffToken(key, { aud: AUDIENCE }, { header: { kid: 'unknown-kid' } }),
      ),
    ).rejects.toThrow(AuthError);

    const metrics = await collect();
    const fetches = points(metrics.get(AUTH_METRICS.jwksFetches));
    expect(fetches.map(({ attributes, value }) => ({ attributes, value }))).toEqual([
      { attributes: { 'auth.jwks.outcome': 'ok', 'auth.jwks.reason': 'initial' }, value: 1 },
    ]);
    expect(jwks.requests).toBe(1);
    const [age] = points(metrics.get(AUTH_METRICS.jwksAge));
    expect(age?.value).toBeGreaterThanOrEqual(0);
    expect(age?.value).toBeLessThan(60);
  });

  it('counts a failed JWKS fetch by its failure and reports no age without a key set', async () => {
    const verifier = instrumentedVerifier(await refusedUrl(JWKS_PATH));
    const error = await verifier
      .verify(await signStaffToken(key, { aud: AUDIENCE }))
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'jwks_unavailable' });

    const metrics = await collect();
    const fetches = points(metrics.get(AUTH_METRICS.jwksFetches));
    expect(fetches.map(({ attributes, value }) => ({ attributes, value }))).toEqual([
      { attributes: { 'auth.jwks.outcome': 'network', 'auth.jwks.reason': 'initial' }, value: 1 },
    ]);
    expect(points(metrics.get(AUTH_METRICS.verifications))[0]?.attributes).toEqual({
      'auth.result': 'rejected',
      'auth.code': 'jwks_unavailable',
    });
    expect(metrics.get(AUTH_METRICS.jwksAge)?.dataPoints ?? []).toEqual([]);
  });

  it('never puts a token or a key id in an attribute', async () => {
    const verifier = instrumentedVerifier(jwks.url);
    const good = await signStaffToken(key, { aud: AUDIENCE });
    const expired = await signStaffToken(key, { aud: AUDIENCE, iat: 1, exp: 2 });
    await verifier.verify(good);
    await expect(verifier.verify(expired)).rejects.toThrow(AuthError);
    await expect(verifier.verify(`${good}x`)).rejects.toThrow(AuthError);

    const exported = JSON.stringify([...(await collect()).values()]);
    for (const token of [good, expired]) {
      for (const part of token.split('.')) expect(exported).not.toContain(part);
    }
    expect(exported).not.toContain(key.kid);
  });
});
