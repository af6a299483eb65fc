import { afterEach, describe, expect, it } from 'vitest';
import { JWKS_PATH, type JwksServer, startJwksServer } from '../src/jwks-server.ts';
import { createSigningKey } from '../src/keys.ts';

let server: JwksServer | undefined;
afterEach(() => server?.close());

describe('startJwksServer', () => {
  it('serves its keys at the platform path on 127.0.0.1 and counts every request', async () => {
    const key = await createSigningKey();
    server = await startJwksServer({ keys: [key.jwk] });
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+${JWKS_PATH}$`));
    const response = await fetch(server.url);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ keys: [key.jwk] });
    expect((await fetch(`${server.origin}/other`)).status).toBe(404);
    expect(server.requests).toBe(2);
    expect(server.received.map((request) => request.url)).toEqual([JWKS_PATH, '/other']);
  });

  it('publishes what setKeys or setBody says from then on (rotation, retirement)', async () => {
    const [a, b] = await Promise.all([createSigningKey(), createSigningKey()]);
    server = await startJwksServer({ keys: [a.jwk] });
    server.setKeys([a.jwk, b.jwk]);
    expect(await (await fetch(server.url)).json()).toEqual({ keys: [a.jwk, b.jwk] });
    server.setBody({ keys: 'not a list' });
    expect(await (await fetch(server.url)).json()).toEqual({ keys: 'not a list' });
  });

  it('answers with the fault set (an outage) until it is cleared', async () => {
    server = await startJwksServer();
    server.setFault({ kind: 'status', status: 503 });
    expect((await fetch(server.url)).status).toBe(503);
    server.setFault(null);
    expect(await (await fetch(server.url)).json()).toEqual({ keys: [] });
  });

  it('holds answers until released', async () => {
    server = await startJwksServer();
    server.hold();
    const answered = fetch(server.url).then((response) => response.status);
    await expect.poll(() => server?.requests).toBe(1);
    server.release();
    expect(await answered).toBe(200);
  });

  it('stamps its own clock in the Date header, and can answer late', async () => {
    const fastBy = 10 * 60_000;
    server = await startJwksServer({ now: () => Date.now() + fastBy, delayMs: 200 });
    const sentAt = Date.now();
    const response = await fetch(server.url);
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(200);
    const date = Date.parse(response.headers.get('date') ?? '');
    expect(date - sentAt).toBeGreaterThan(fastBy - 1_000);
    expect(date - Date.now()).toBeLessThanOrEqual(fastBy);
  });
});
