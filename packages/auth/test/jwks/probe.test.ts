import { type JwksServer, startJwksServer } from '@partner/test-kit/jwks-server';
import { createSigningKey, type SigningKey } from '@partner/test-kit/keys';
import { refusedUrl } from '@partner/test-kit/ports';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JwksFetchError, VerifierOptionsError } from '../../src/errors.ts';
import { probeJwks } from '../../src/jwks/probe.ts';
import { weakSigningKey } from '../support/raw-tokens.ts';
import { rejectionOf } from '../support/reject.ts';

let key: SigningKey;
let server: JwksServer;

beforeAll(async () => {
  key = await createSigningKey('key-a');
  server = await startJwksServer({ keys: [key.jwk] });
});
afterEach(() => {
  server.setFault(null);
  server.setKeys([key.jwk]);
});
afterAll(() => server.close());

describe('probeJwks', () => {
  it("lists the usable keys and the answer's Date, under the verifier's default limits", async () => {
    const probe = await probeJwks({ jwksUrl: server.url });
    expect(probe.kids).toEqual(['key-a']);
    expect(probe.timeoutMs).toBe(5000);
    expect(probe.maxJwksBytes).toBe(65_536);
    expect(probe.sentAt).toBeLessThanOrEqual(probe.receivedAt);
    // Node's server stamps a Date header with one-second resolution.
    expect(Math.abs((probe.serverDate ?? 0) - probe.receivedAt)).toBeLessThan(2000);
  });

  it('reads sentAt and receivedAt from the injected clock', async () => {
    let ticks = 0;
    const probe = await probeJwks({ jwksUrl: server.url, now: () => 1_000_000 + 250 * ticks++ });
    expect([probe.sentAt, probe.receivedAt]).toEqual([1_000_000, 1_000_250]);
  });

  it('judges keys by the verifier rules: only keys for the allowed algorithms count', async () => {
    const ps256 = { ...(await createSigningKey('key-ps')).jwk, alg: 'PS256' };
    const weak = (await weakSigningKey('key-weak')).jwk;
    server.setKeys([ps256, weak, key.jwk, { ...key.jwk, kid: 'key-enc', use: 'enc' }]);
    expect((await probeJwks({ jwksUrl: server.url })).kids).toEqual(['key-a']);
    // key-a is published for RS256 only.
    expect((await probeJwks({ jwksUrl: server.url, algorithms: ['PS256'] })).kids).toEqual([
      'key-ps',
    ]);
    server.setKeys([ps256]);
    const error = await rejectionOf(JwksFetchError, probeJwks({ jwksUrl: server.url }));
    expect(error.reason).toBe('invalid_set');
  });

  it("fails with the verifier's reasons: unreachable, over the size cap, too slow", async () => {
    expect(
      (await rejectionOf(JwksFetchError, probeJwks({ jwksUrl: await refusedUrl() }))).reason,
    ).toBe('network');
    server.setFault({ kind: 'body', body: 'x'.repeat(2048), contentType: 'application/json' });
    expect(
      (await rejectionOf(JwksFetchError, probeJwks({ jwksUrl: server.url, maxJwksBytes: 1024 })))
        .reason,
    ).toBe('too_large');
    server.setFault({ kind: 'hang' });
    expect(
      (await rejectionOf(JwksFetchError, probeJwks({ jwksUrl: server.url, timeoutMs: 200 })))
        .reason,
    ).toBe('timeout');
  });

  it('refuses what the verifier refuses: plain http off this machine', async () => {
    await rejectionOf(VerifierOptionsError, probeJwks({ jwksUrl: 'http://example.com/jwks.json' }));
  });
});
