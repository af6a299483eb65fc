import type { CompactJWSToken } from '@intandem/sdk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countdown, inspectToken } from '../../src/page/token-inspector.ts';
import type { MockTokenRequest } from '../../src/shared/contract.ts';
import { startMockHost, type TestHost } from '../helpers/mock-host.ts';

let host: TestHost;
beforeAll(async () => {
  host = await startMockHost();
});
afterAll(() => host.close());

async function mint(request: MockTokenRequest): Promise<string> {
  const { body } = await host.request<CompactJWSToken>('POST', '/__mock/tokens', request);
  return body.token;
}

const value = (fields: { name: string; value: string }[], name: string) =>
  fields.find((field) => field.name === name)?.value;

describe('inspectToken', () => {
  it('shows the header and claims of a platform token, times in UTC, and its lifetime', async () => {
    const { token } = await host.platformToken();
    const view = inspectToken(token);
    const iat = Math.floor(host.clock.now / 1000);
    expect(value(view?.header ?? [], 'alg')).toBe('RS256');
    expect(value(view?.header ?? [], 'kid')).toBe(host.state.keys.active.kid);
    expect(value(view?.claims ?? [], 'sub')).toBe('stf_a1b2c3d4');
    expect(value(view?.claims ?? [], 'aud')).toBe('demo-app');
    expect(value(view?.claims ?? [], 'iat')).toBe(
      `${iat} (${new Date(iat * 1000).toISOString().slice(11, 19)} UTC)`,
    );
    expect(value(view?.claims ?? [], 'exp − iat')).toBe('300 s');
    expect(view?.expSec).toBe(iat + 300);
  });

  it('never shows the signature', async () => {
    const { token } = await host.platformToken();
    const signature = token.split('.')[2] ?? '';
    expect(signature.length).toBeGreaterThan(100);
    const shown = JSON.stringify(inspectToken(token));
    // No run of 16 signature characters appears anywhere in what is shown.
    for (let start = 0; start + 16 <= signature.length; start += 8) {
      expect(shown).not.toContain(signature.slice(start, start + 16));
    }
  });

  it('says when the header has no kid, and shows non-string claims as JSON', async () => {
    const view = inspectToken(await mint({ header: { kid: null }, claims: { aud: ['a', 'b'] } }));
    expect(value(view?.header ?? [], 'kid')).toBe('(none)');
    expect(value(view?.claims ?? [], 'aud')).toBe('["a","b"]');
  });

  it('has no expiry to count down when exp is missing', async () => {
    const view = inspectToken(await mint({ claims: { exp: null } }));
    expect(view?.expSec).toBeNull();
    expect(value(view?.claims ?? [], 'exp − iat')).toBeUndefined();
  });

  it('returns null for what is not a JWT', () => {
    expect(inspectToken('not-a-token')).toBeNull();
    expect(inspectToken('')).toBeNull();
  });
});

describe('countdown', () => {
  const now = Date.UTC(2026, 11, 1, 12, 0, 0, 900);
  const nowSec = Math.floor(now / 1000);
  it.each([
    [nowSec + 299, 'expires in 4:59'],
    [nowSec + 1, 'expires in 0:01'],
    [nowSec + 7200, 'expires in 2:00:00'],
    [nowSec, 'expired 0:00 ago'],
    [nowSec - 300, 'expired 5:00 ago'],
    [null, 'no expiry (exp missing)'],
  ])('exp %s → %s', (exp, text) => {
    expect(countdown(exp, now)).toBe(text);
  });
});
