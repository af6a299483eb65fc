import { decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import type { KeyInfo, MockState } from '../../../src/shared/contract.ts';
import { type TestHost, useMockHost } from '../../helpers/mock-host.ts';

let host: TestHost;
useMockHost((started) => {
  host = started;
});

const publishedKids = async () => (await host.jwks()).keys.map((key) => key.kid);

/** Rotates and answers the new active kid and the state's key list. */
async function rotate(): Promise<{ kid: string; keys: readonly KeyInfo[] }> {
  const { status, body } = await host.request<MockState>('POST', '/__mock/keys/rotate');
  expect(status).toBe(200);
  const active = body.keys.filter((key) => key.active);
  expect(active).toHaveLength(1);
  return { kid: active[0]?.kid ?? '', keys: body.keys };
}

async function verifies(token: string) {
  return jwtVerify(token, await host.keySet(), { algorithms: ['RS256'] }).then(
    () => true,
    (error: unknown) => {
      if (error instanceof errors.JWKSNoMatchingKey) return false;
      throw error;
    },
  );
}

describe('POST /__mock/keys/rotate', () => {
  it('publishes a new active key and keeps the old one for the overlap', async () => {
    const [oldKid] = await publishedKids();
    const oldToken = (await host.platformToken()).token;

    const { kid: newKid, keys } = await rotate();
    expect(newKid).not.toBe(oldKid);
    expect(keys).toEqual([
      { kid: oldKid, active: false, createdAt: expect.any(String) },
      { kid: newKid, active: true, createdAt: expect.any(String) },
    ]);
    expect(await publishedKids()).toEqual([oldKid, newKid]);

    const newToken = (await host.platformToken()).token;
    expect(decodeProtectedHeader(newToken).kid).toBe(newKid);
    expect(await verifies(oldToken)).toBe(true);
    expect(await verifies(newToken)).toBe(true);
  });

  it('refuses a body with fields', async () => {
    const { status, body } = await host.request('POST', '/__mock/keys/rotate', { bits: 4096 });
    expect(status).toBe(400);
    expect(body.errors[0]?.code).toBe('unknown_field');
  });
});

describe('POST /__mock/keys/retire', () => {
  it('removes a key from the JWKS; tokens it signed no longer find a key', async () => {
    const [oldKid = ''] = await publishedKids();
    const oldToken = (await host.platformToken()).token;
    const { kid: newKid } = await rotate();

    const { status, body } = await host.request<MockState>('POST', '/__mock/keys/retire', {
      kid: oldKid,
    });
    expect(status).toBe(200);
    expect(body.keys).toEqual([{ kid: newKid, active: true, createdAt: expect.any(String) }]);
    expect(await publishedKids()).toEqual([newKid]);
    expect(await verifies(oldToken)).toBe(false);
  });

  it('refuses to retire the active key (the only one, or the newest) with 409 active_key', async () => {
    const [onlyKid] = await publishedKids();
    const alone = await host.request('POST', '/__mock/keys/retire', { kid: onlyKid });
    expect(alone.status).toBe(409);
    expect(alone.body.errors[0]).toMatchObject({
      code: 'active_key',
      message: expect.stringContaining('Rotate first'),
    });

    const { kid: newKid } = await rotate();
    const newest = await host.request('POST', '/__mock/keys/retire', { kid: newKid });
    expect(newest.status).toBe(409);
    expect(await publishedKids()).toEqual([onlyKid, newKid]);
  });

  it.each([
    ['an unknown kid', { kid: 'f2b0c1de-0000-4000-8000-000000000000' }, 'unknown_key'],
    ['no kid', {}, 'invalid_body'],
    ['a numeric kid', { kid: 12 }, 'invalid_body'],
    ['an unknown field', { kid: 'x', force: true }, 'unknown_field'],
  ])('answers 400 for %s', async (_name, body, code) => {
    const answer = await host.request('POST', '/__mock/keys/retire', body);
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]?.code).toBe(code);
  });
});
