import { readSettings, type Settings } from '@partner/api/settings';
import { JWKS_PATH, type JwksServerOptions, startJwksServer } from '@partner/test-kit/jwks-server';
import { createSigningKey } from '@partner/test-kit/keys';
import { refusedUrl } from '@partner/test-kit/ports';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/doctor/check.ts';
import { checkJwks, clockSkew } from '../../src/doctor/jwks.ts';
import { closeServersAfterEach } from '../support/http-server.ts';

const started = closeServersAfterEach();
const failed = (results: CheckResult[]) => results.filter((result) => !result.ok);

function settingsFor(env: Record<string, string>): Settings {
  return readSettings({ NODE_ENV: 'development', ...env }).settings;
}

describe('checkJwks', () => {
  async function jwksSettings(options: JwksServerOptions = {}) {
    const key = await createSigningKey();
    const server = await started(startJwksServer({ keys: [key.jwk], ...options }));
    return settingsFor({ INTANDEM_JWKS_URL: server.url });
  }

  // The JWKS server's Date header is fixed and the doctor's clock injected: the skew it measures
  // does not depend on when the second turns or how long the request takes.
  const DATE = Date.parse('2026-12-01T12:00:00Z');
  /** Half a second past the header's second, both when the request goes out and when it returns. */
  const clock = { now: () => DATE + 500 };

  it('passes a reachable set with an RS256 key and an honest clock', async () => {
    const results = await checkJwks(await jwksSettings({ now: () => DATE }), clock);
    expect(failed(results)).toEqual([]);
    expect(results.map((result) => result.summary).join('\n')).toMatch(
      /plain http on this machine[\s\S]*1 usable RS256 key, under the 64 KiB cap[\s\S]*clock skew 0 s/,
    );
  });

  it('fails when the JWKS is down (a dead port), naming the variable to check', async () => {
    const settings = settingsFor({ INTANDEM_JWKS_URL: await refusedUrl(JWKS_PATH) });
    const [problem, ...others] = failed(await checkJwks(settings));
    expect(others).toEqual([]);
    expect(problem?.summary).toBe('The JWKS endpoint could not be reached.');
    expect(problem?.fix).toMatch(/INTANDEM_JWKS_URL/);
  });

  it("fails when the answer's Date header is 10 minutes off, either way", async () => {
    const ahead = failed(
      await checkJwks(await jwksSettings({ now: () => DATE + 10 * 60_000 }), clock),
    );
    expect(ahead).toHaveLength(1);
    expect(ahead[0]?.summary).toMatch(/clock is 600 s ahead of this machine's \(tolerance 5 s\)/);
    expect(ahead[0]?.fix).toMatch(/NTP/);
    const behind = failed(
      await checkJwks(await jwksSettings({ now: () => DATE - 10 * 60_000 }), clock),
    );
    expect(behind[0]?.summary).toMatch(/clock is 600 s behind/);
  });

  it('fails a set without a usable RS256 key', async () => {
    const key = await createSigningKey();
    const server = await started(
      startJwksServer({ body: { keys: [{ ...key.jwk, alg: 'PS256' }] } }),
    );
    const [problem] = failed(await checkJwks(settingsFor({ INTANDEM_JWKS_URL: server.url })));
    expect(problem?.summary).toMatch(/no usable RSA signing key/);
  });
});

describe('clockSkew', () => {
  const at = (serverDate: number | undefined, sentAt: number, receivedAt: number) =>
    clockSkew({ serverDate, sentAt, receivedAt });

  it('allows for the Date header rounding down to the second', () => {
    // Stamped at 999 ms past the second, received at once: 1 s apart on paper, no skew in fact.
    expect(at(10_000, 10_999, 10_999).ok).toBe(true);
    // The skew lies in [date − received, date + 1 s − sent]; only a whole interval past 5 s fails.
    expect(at(15_000, 10_000, 10_000).ok).toBe(true);
    expect(at(15_001, 10_000, 10_000).ok).toBe(false);
    expect(at(4_000, 10_000, 10_000).ok).toBe(true);
    expect(at(3_999, 10_000, 10_000).ok).toBe(false);
  });

  it('passes, and says so, when there is no Date header to measure', () => {
    expect(at(undefined, 0, 1)).toMatchObject({ ok: true, summary: /not measurable/ });
  });
});
