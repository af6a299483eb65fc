// Node's fetch (undici) is a WHATWG fetch; happy-dom's Response.clone() loses network bodies.

import { createClock } from '@partner/test-kit/clock';
import { refusedUrl } from '@partner/test-kit/ports';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, type AuthClient, createAuthClient } from '../../src/client/index.ts';
import { type ApiServer, startApiServer } from './support/api-server.ts';
import { tokenSource } from './support/tokens.ts';

let api: ApiServer;
let getAuth: ReturnType<typeof tokenSource>;
let client: AuthClient;

const retryable401 = {
  status: 401,
  body: { error: { code: 'token_expired', message: 'Expired.', retryable: true } },
};
const final401 = {
  status: 401,
  body: { error: { code: 'invalid_audience', message: 'Wrong app.', retryable: false } },
};

beforeEach(async () => {
  api = await startApiServer();
  const clock = createClock();
  getAuth = tokenSource(clock.now);
  client = createAuthClient({ getAuth, baseUrl: `${api.url}/`, now: clock.now });
});

afterEach(async () => {
  await api.close();
});

describe('authFetch', () => {
  it('sends the bearer token with the caller’s method, headers and body', async () => {
    const response = await client.authFetch('/api/items', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'hi' }),
    });
    expect(response.status).toBe(200);
    expect(api.requests).toEqual([
      {
        method: 'POST',
        path: '/api/items',
        authorization: 'Bearer token-1',
        contentType: 'application/json',
        body: '{"text":"hi"}',
      },
    ]);
  });

  it('reuses the cached token across requests', async () => {
    await client.authFetch('/api/me');
    await client.authFetch('/api/me');
    expect(getAuth).toHaveBeenCalledTimes(1);
    expect(api.requests.map((request) => request.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-1',
    ]);
  });

  it('retries a retryable 401 exactly once, with a fresh token and the same body', async () => {
    api.answer = () => retryable401;
    const response = await client.authFetch('/api/items', { method: 'POST', body: 'payload' });
    expect(response.status).toBe(401);
    expect(api.requests.map((request) => [request.authorization, request.body])).toEqual([
      ['Bearer token-1', 'payload'],
      ['Bearer token-2', 'payload'],
    ]);
  });

  it('returns the retried answer when the fresh token works', async () => {
    api.answer = (request) =>
      request.authorization === 'Bearer token-1' ? retryable401 : { status: 200, body: { n: 1 } };
    const response = await client.authFetch('/api/me');
    await expect(response.json()).resolves.toEqual({ n: 1 });
    await client.authFetch('/api/me');
    expect(api.requests.at(-1)?.authorization).toBe('Bearer token-2');
  });

  it('does not retry a 401 that is not retryable', async () => {
    api.answer = () => final401;
    const response = await client.authFetch('/api/me');
    expect(response.status).toBe(401);
    // The caller can still read the body the API sent.
    await expect(response.json()).resolves.toEqual(final401.body);
    expect(api.requests).toHaveLength(1);
    expect(getAuth).toHaveBeenCalledTimes(1);
  });

  it('does not retry a 401 without a JSON body', async () => {
    api.answer = () => ({ status: 401, body: 'nope' });
    await client.authFetch('/api/me');
    expect(api.requests).toHaveLength(1);
  });

  it('refreshes once for concurrent requests rejected with the same token', async () => {
    api.answer = (request) =>
      request.authorization === 'Bearer token-1' ? retryable401 : { status: 200, body: {} };
    await Promise.all([client.authFetch('/a'), client.authFetch('/b'), client.authFetch('/c')]);
    expect(getAuth).toHaveBeenCalledTimes(2);
    expect(api.requests).toHaveLength(6);
  });

  it('rejects with ApiError network_error when nothing answers', async () => {
    const offline = createAuthClient({ getAuth, baseUrl: await refusedUrl() });
    const error = await offline.authFetch('/api/me').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 0, code: 'network_error' });
  });

  it('keeps an abort an abort', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await client
      .authFetch('/api/me', { signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ name: 'AbortError' });
  });

  it('passes a getAuth failure through and asks again next time', async () => {
    const rateLimited = Object.assign(new Error('Too many tokens.'), {
      code: 'rate_limited',
      status: 429,
    });
    getAuth.mockRejectedValueOnce(rateLimited);
    await expect(client.authFetch('/api/me')).rejects.toBe(rateLimited);
    expect(api.requests).toHaveLength(0);
    await expect(client.authFetch('/api/me')).resolves.toMatchObject({ status: 200 });
    expect(getAuth).toHaveBeenCalledTimes(2);
  });
});
