import { type Attributes, type Meter, metrics } from '@opentelemetry/api';
import type { AuthEvent, JwksState } from '@partner/auth';

/**
 * The verifier's events as OpenTelemetry metrics. `@opentelemetry/api` is a no-op until an SDK
 * registers a meter provider (see "Metrics" in docs/diagnostics.md), so this costs next to
 * nothing until then.
 * Attributes hold outcomes and error codes only: never a token, a `kid` or a staff member.
 */

export const AUTH_METRICS = {
  /** Counter: `verify` outcomes, by `auth.result` and, when rejected, `auth.code`. */
  verifications: 'partner.auth.verifications',
  /** Histogram (s): how long each `verify` call took, by `auth.result`. */
  verificationDuration: 'partner.auth.verification.duration',
  /** Counter: JWKS fetches, by `auth.jwks.outcome` (`ok` or the failure) and `auth.jwks.reason`. */
  jwksFetches: 'partner.auth.jwks.fetches',
  /** Gauge (s): age of the key set in use; absent before the first fetch. */
  jwksAge: 'partner.auth.jwks.age',
} as const;

/** Cached verifications take microseconds, new tokens about a millisecond, a JWKS fetch more. */
const DURATION_BUCKETS_SEC = [
  0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
  5,
];

interface AuthMetrics {
  /** Records one verifier event: call it from the verifier's `onEvent`. */
  record(event: AuthEvent): void;
}

/**
 * Creates the instruments. Call it once the SDK is set up (the verifier is created on the first
 * request, after `instrumentation.ts` ran): the API hands out a permanent no-op meter before.
 * @param keySet the verifier's `jwksState()`, read whenever a reader collects the age gauge.
 */
export function createAuthMetrics(
  keySet: () => JwksState | undefined,
  meter: Meter = metrics.getMeter('@partner/api'),
): AuthMetrics {
  const verifications = meter.createCounter(AUTH_METRICS.verifications, {
    description: 'Token verifications, by result and error code',
    unit: '{verification}',
  });
  const duration = meter.createHistogram(AUTH_METRICS.verificationDuration, {
    description: 'Duration of token verifications',
    unit: 's',
    advice: { explicitBucketBoundaries: DURATION_BUCKETS_SEC },
  });
  const fetches = meter.createCounter(AUTH_METRICS.jwksFetches, {
    description: 'JWKS fetches, by outcome and reason',
    unit: '{fetch}',
  });
  meter
    .createObservableGauge(AUTH_METRICS.jwksAge, {
      description: 'Age of the key set the verifier uses',
      unit: 's',
    })
    .addCallback((result) => {
      const fetchedAt = keySet()?.fetchedAt;
      if (fetchedAt) result.observe(Math.max(0, (Date.now() - Date.parse(fetchedAt)) / 1000));
    });

  return {
    record(event) {
      switch (event.type) {
        case 'token_verified':
          verifications.add(1, { 'auth.result': 'accepted', 'auth.cached': event.cached });
          return;
        case 'token_rejected':
          verifications.add(1, { 'auth.result': 'rejected', 'auth.code': event.code });
          return;
        case 'verification':
          duration.record(event.durationMs / 1000, {
            'auth.result': event.ok ? 'accepted' : 'rejected',
          });
          return;
        case 'jwks_fetch': {
          const attributes: Attributes = {
            'auth.jwks.outcome': event.ok ? 'ok' : event.failure,
            'auth.jwks.reason': event.reason,
          };
          fetches.add(1, attributes);
          return;
        }
        default:
          // Cache hits and misses are visible in the duration histogram; no instrument of their own.
          return;
      }
    },
  };
}
